import t from 'tap'
import { COLLECTION_NAMES } from '@chain-atlas/types'
import { readDataset } from '@chain-atlas/db'
import { testApp } from '../../../helpers/app.ts'
import { NEW_SOURCE } from '../../../helpers/entities.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'

const problemOf = (res: { statusCode: number; headers: Record<string, unknown>; json(): any }) => {
  const body = res.json()
  return { status: res.statusCode, type: res.headers['content-type'], body }
}

t.test('economies list the subjects and China with names in both languages', async (t) => {
  const { app } = await testApp(t)
  const res = await app.inject('/v1/economies?limit=200')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  t.match(meta, { limit: 200, next_cursor: null })
  for (const id of ['us', 'jp', 'eu', 'cn']) {
    const economy = data.find((e: { id: string }) => e.id === id)
    t.ok(economy, `${id} is listed`)
    t.ok(economy?.name.en && economy?.name.zh, `${id} has an English and a Chinese name`)
    t.match(economy, { version: Number, status: 'published', created_at: /^\d{4}-\d\d-\d\dT/, updated_at: String })
  }
})

t.test('every collection pages through all its entries by cursor, each once, in id order', async (t) => {
  const { app } = await testApp(t)
  const { dataset } = await readDataset()
  for (const collection of COLLECTION_NAMES) {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query: string = `/v1/${collection}?limit=7${cursor ? `&cursor=${cursor}` : ''}`
      const res = await app.inject(query)
      t.equal(res.statusCode, 200, query)
      const body = res.json()
      t.ok(body.data.length <= 7, 'a page holds at most `limit` entries')
      seen.push(...body.data.map((e: { id: string }) => e.id))
      cursor = body.meta.next_cursor
    } while (cursor)
    const expected = dataset[collection].map((e) => e.record.id).sort()
    t.same(seen, expected, `${collection}: all ${expected.length} entries, each once, in id order`)
  }
})

t.test('one entry by id, and 404 problem+json for an unknown one', async (t) => {
  const { app } = await testApp(t)
  const res = await app.inject('/v1/economies/us')
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id: 'us', name: { en: String, zh: String } })

  const missing = problemOf(await app.inject('/v1/instruments/no-such-instrument'))
  t.equal(missing.status, 404)
  t.match(missing.type, 'application/problem+json')
  t.match(missing.body, {
    type: 'urn:chain-atlas:problem:not-found',
    title: String,
    status: 404,
    detail: /no-such-instrument/,
    request_id: String,
  })

  const route = problemOf(await app.inject('/v2/nothing'))
  t.equal(route.status, 404)
  t.match(route.type, 'application/problem+json')
})

t.test('bad input is a 400 problem naming the parameter', async (t) => {
  const { app } = await testApp(t)
  const cases: [string, string][] = [
    ['/v1/instruments?limit=0', '/query/limit'],
    ['/v1/instruments?limit=201', '/query/limit'],
    ['/v1/instruments?limit=ten', '/query/limit'],
    ['/v1/instruments?cursor=not-a-cursor', '/query/cursor'],
    ['/v1/instruments?colour=red', '/query/colour'],
    ['/v1/instruments/Not_A_Slug', '/path/id'],
  ]
  for (const [url, pointer] of cases) {
    const res = problemOf(await app.inject(url))
    t.equal(res.status, 400, url)
    t.match(res.type, 'application/problem+json', url)
    t.ok(
      res.body.errors?.some((e: { pointer: string }) => e.pointer === pointer),
      `${url} names ${pointer}`,
    )
  }
})

t.test('reads carry an ETag and answer 304 to If-None-Match', async (t) => {
  const { app } = await testApp(t)
  const first = await app.inject('/v1/economies/jp')
  const etag = first.headers.etag as string
  t.ok(etag, 'an ETag is sent')
  t.match(first.headers['cache-control'], /public/)
  const again = await app.inject({ url: '/v1/economies/jp', headers: { 'if-none-match': etag } })
  t.equal(again.statusCode, 304)
  t.equal(again.body, '')
  const other = await app.inject({ url: '/v1/economies/jp', headers: { 'if-none-match': '"stale"' } })
  t.equal(other.statusCode, 200)
})

t.test('anonymous reads are open to any origin', async (t) => {
  const { app } = await testApp(t)
  const res = await app.inject({ url: '/v1/sectors', headers: { origin: 'https://dashboard.example' } })
  t.equal(res.headers['access-control-allow-origin'], '*')
})

t.test('anonymous reads see published entries only; signed-in viewers see drafts on request', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  await app.inject({ method: 'POST', url: '/v1/sources', headers: keys.curator.headers, payload: NEW_SOURCE })
  t.equal((await app.inject(`/v1/sources/${NEW_SOURCE.id}`)).statusCode, 404, 'a draft is invisible to the public')
  t.equal((await app.inject('/v1/sources?status=draft')).statusCode, 401, 'asking for drafts needs credentials')
  const drafts = await app.inject({ url: '/v1/sources?status=draft', headers: keys.viewer.headers })
  t.same(
    drafts.json().data.map((s: { id: string }) => s.id),
    [NEW_SOURCE.id],
  )
  t.match(drafts.headers['cache-control'], 'private', 'never in a shared cache')
  const one = await app.inject({ url: `/v1/sources/${NEW_SOURCE.id}`, headers: keys.viewer.headers })
  t.equal(one.statusCode, 200)
})
