// Findings 5–10 of the security audit (issue 17): inputs that cost too much, leak secrets into the
// log, or answer 500; links that run code; published entries that cite drafts.
import t from 'tap'
import { INCLUDES } from '@chain-atlas/types'
import { testApp } from './helpers/app.ts'

type FieldError = { pointer: string; detail: string }

const pointers = (body: { errors?: FieldError[] }) => (body.errors ?? []).map((e) => e.pointer)
t.test('finding 5: include=sources,sources,… is refused, and every comma list takes each value once', async (t) => {
  const { app } = await testApp(t)
  const includes = Object.keys(INCLUDES.instruments)
  const hundred = await app.inject(`/v1/instruments?include=${Array(100).fill('sources').join(',')}`)
  t.equal(hundred.statusCode, 400, 'a hundred times the same relation is refused')
  t.ok(pointers(hundred.json()).includes('/query/include'), 'naming /query/include')
  const twice = await app.inject('/v1/instruments/us-chips-and-science-act-2022?include=sources,sources')
  t.equal(twice.statusCode, 400, 'on one entry too')
  t.ok(pointers(twice.json()).includes('/query/include'))
  const repeated = await app.inject('/v1/instruments?include=sources&include=sources')
  t.equal(repeated.statusCode, 400, 'repeated as separate parameters too')

  const every = await app.inject(`/v1/instruments?limit=2&include=${includes.join(',')}`)
  t.equal(every.statusCode, 200, `each relation once is fine: ${every.body.slice(0, 200)}`)

  const economies = await app.inject(`/v1/instruments?economy=${Array(1000).fill('us').join(',')}`)
  t.equal(economies.statusCode, 400, 'economy=us,us,… ×1000 is refused')
  t.ok(pointers(economies.json()).includes('/query/economy'))
  t.equal((await app.inject('/v1/instruments?economy=us,us')).statusCode, 400, 'a filter value twice is refused')
  t.equal((await app.inject('/v1/instruments?economy=us,jp')).statusCode, 200, 'distinct values are fine')

  const contract = (await app.inject('/openapi.json')).json()
  const include = contract.paths['/v1/instruments'].get.parameters.find((p: { name: string }) => p.name === 'include')
  t.match(include.schema, { uniqueItems: true, maxItems: includes.length }, 'the contract says it: each relation once, at most all of them')
})
