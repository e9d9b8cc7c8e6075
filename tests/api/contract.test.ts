import { readFile } from 'node:fs/promises'
import t from 'tap'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { testApp } from '../helpers/app.ts'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
const document = JSON.parse(await readFile(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'))
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }))
ajv.addSchema(document, 'openapi.json')

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')

/** Validates a body against the schema the committed contract gives for this operation, status and media type. */
const validator = (path: string, status: number, media: string) =>
  ajv.compile({
    $ref: `openapi.json#/${pointer('paths', path, 'get', 'responses', String(status), 'content', media, 'schema')}`,
  })

/** The parameters an operation cannot go without. */
const REQUIRED_QUERY: Record<string, string> = { searchAll: 'q=chips' }

/** Answers made from the code alone: no publish changes them, so nothing purges them. */
const DEPENDS_ON_NO_ENTRY = new Set(['getCodebook'])

t.test('every public read answers as the committed contract says', async (t) => {
  const { app } = await testApp(t)
  const firstId = async (collection: string) =>
    (await app.inject(`/v1/${collection}?limit=1`)).json().data[0].id as string

  for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
    const operation = item.get
    if (!operation || operation.security?.length) continue // the curation tests cover operations that need credentials
    const withId = path.includes('{id}') ? path.replace('{id}', await firstId(path.split('/')[2]!)) : path
    const concrete = REQUIRED_QUERY[operation.operationId]
      ? `${withId}?${REQUIRED_QUERY[operation.operationId]}`
      : withId
    const res = await app.inject(concrete)
    t.equal(res.statusCode, 200, `${operation.operationId}: GET ${concrete}`)
    if (String(res.headers['cache-control']).startsWith('public') && !DEPENDS_ON_NO_ENTRY.has(operation.operationId))
      t.ok(
        res.headers['cache-tag'] && res.headers['surrogate-key'],
        `${operation.operationId}: a CDN may keep it, so it names what purges it`,
      )
    t.ok(
      operation.responses['200'].headers?.ETag && operation.responses['304'],
      `${operation.operationId}: ETag and 304 in the contract`,
    )
    const etag = res.headers.etag as string
    t.ok(etag, `${operation.operationId}: an ETag, as the contract says`)
    const again = await app.inject({ url: concrete, headers: { 'if-none-match': etag } })
    t.equal(again.statusCode, 304, `${operation.operationId}: 304 to If-None-Match with it`)
    const validate = validator(path, 200, 'application/json')
    t.ok(
      validate(res.json()),
      `${operation.operationId}: the 200 body matches the contract ${ajv.errorsText(validate.errors)}`,
    )

    const bad = await app.inject(`${concrete}${concrete.includes('?') ? '&' : '?'}unknown_parameter=1`)
    t.equal(bad.statusCode, 400, `${operation.operationId}: an unknown parameter is a 400`)
    t.match(bad.headers['content-type'], 'application/problem+json')
    const validateProblem = validator(path, 400, 'application/problem+json')
    t.ok(
      validateProblem(bad.json()),
      `${operation.operationId}: the 400 problem matches the contract ${ajv.errorsText(validateProblem.errors)}`,
    )

    if (path.includes('{id}')) {
      const missing = await app.inject(path.replace('{id}', 'no-such-entry'))
      t.equal(missing.statusCode, 404, `${operation.operationId}: an unknown id is a 404`)
      const validate404 = validator(path, 404, 'application/problem+json')
      t.ok(validate404(missing.json()), `${operation.operationId}: the 404 problem matches the contract`)
    }
  }
})

t.test('list responses with every option still match the contract', async (t) => {
  const { app } = await testApp(t)
  const url = '/v1/instruments?q=chips&include=economy,sources,parent,partners,sectors,alliances&count=true&limit=3'
  const res = await app.inject(url)
  const validate = validator('/v1/instruments', 200, 'application/json')
  t.ok(validate(res.json()), `${url} ${ajv.errorsText(validate.errors)}`)
})

t.test('a path the contract has, asked with a method it lacks: 405 naming the methods it takes', async (t) => {
  const { app } = await testApp(t)
  const verbs = ['get', 'post', 'put', 'patch', 'delete']
  let checked = 0
  const paths = Object.entries<Record<string, unknown>>(document.paths).map(([path, item]) => ({
    concrete: path.replace(/\{[^}]+\}/g, 'some-id'),
    pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    verbs: verbs.filter((verb) => item[verb]),
  }))
  // `/v1/economies/facets` is also `/v1/economies/{id}`: what a path takes is what every route matching it takes.
  const takenAt = (concrete: string) =>
    verbs.filter((verb) => paths.some((p) => p.pattern.test(concrete) && p.verbs.includes(verb)))
  const allowOf = (taken: string[]) =>
    taken.flatMap((verb) => (verb === 'get' ? ['GET', 'HEAD'] : [verb.toUpperCase()])).join(', ')
  for (const { concrete } of paths) {
    const taken = takenAt(concrete)
    const allow = allowOf(taken)
    for (const verb of verbs.filter((verb) => !taken.includes(verb))) {
      const res = await app.inject({ method: verb.toUpperCase() as 'GET', url: `${concrete}?limit=1` })
      t.equal(res.statusCode, 405, `${verb.toUpperCase()} ${concrete}: 405`)
      t.equal(res.headers.allow, allow, `${verb.toUpperCase()} ${concrete}: Allow: ${allow}`)
      t.match(res.json(), { type: 'urn:chain-atlas:problem:method-not-allowed', status: 405 })
      t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
      checked += 1
    }
  }
  t.ok(checked > 50, `every missing method of every path (${checked} requests)`)

  // OPTIONS that is no CORS preflight asks the same (it was a text/plain "Invalid Preflight Request").
  for (const { concrete } of paths) {
    const res = await app.inject({ method: 'OPTIONS', url: concrete })
    t.equal(res.statusCode, 204, `OPTIONS ${concrete}: 204`)
    t.equal(
      res.headers.allow,
      allowOf([...takenAt(concrete), 'options']),
      `OPTIONS ${concrete}: Allow names what it takes`,
    )
  }
  const nowhere = await app.inject({
    method: 'OPTIONS',
    url: '/v1/no-such-collection',
    headers: { origin: 'https://a.example' },
  })
  t.equal(nowhere.statusCode, 404, 'OPTIONS where no route is: 404')
  t.equal(nowhere.headers['content-type'], 'application/problem+json; charset=utf-8', 'a problem')
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/instruments',
    headers: { origin: 'https://a.example', 'access-control-request-method': 'GET' },
  })
  t.equal(preflight.statusCode, 204, 'a CORS preflight is still answered as one')
  t.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD, OPTIONS')

  const trailing = await app.inject({ method: 'DELETE', url: '/v1/compare/' })
  t.equal(trailing.statusCode, 405, 'with a trailing slash too, as the router matches it')
  for (const url of ['/v1/no-such-collection', '/v1/instruments/some-id/no-such-part', '/v1']) {
    const res = await app.inject({ method: 'DELETE', url })
    t.equal(res.statusCode, 404, `DELETE ${url}: no route at all is still a 404`)
    t.notOk(res.headers.allow, `DELETE ${url}: and names no methods`)
  }
})
