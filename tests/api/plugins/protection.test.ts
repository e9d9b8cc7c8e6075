import { randomInt } from 'node:crypto'
import t from 'tap'
import { testApp } from '../../helpers/app.ts'
import { adminSession } from '../../helpers/accounts.ts'
import { problemOf, rawExchange } from '../../helpers/raw-http.ts'

const REDIS_URL = 'redis://127.0.0.1:6379'
/** A client address of this run's own, so counters left in Redis by another run never count. */
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`

t.test('security headers on the API, the admin UI and errors; no server banner', async (t) => {
  const { app } = await testApp(t)
  // The second read of /v1/economies is answered from the read cache: it must carry the same headers.
  for (const url of ['/v1/economies', '/v1/economies', '/v1/nothing-here']) {
    const res = await app.inject(url)
    t.equal(res.headers['x-content-type-options'], 'nosniff', `${url}: nosniff`)
    t.equal(
      res.headers['content-security-policy'],
      "default-src 'none'; frame-ancestors 'none'",
      `${url}: a JSON response allows nothing to run`,
    )
    t.equal(
      res.headers['strict-transport-security'],
      undefined,
      `${url}: no HSTS over plain HTTP (see security.test.ts)`,
    )
    t.equal(res.headers['x-frame-options'], 'DENY', `${url}: no framing`)
    t.equal(res.headers['x-powered-by'], undefined, `${url}: no banner`)
  }
  const json = await app.inject('/v1/economies')
  for (const name of [
    'cross-origin-opener-policy',
    'cross-origin-resource-policy',
    'referrer-policy',
    'origin-agent-cluster',
    'x-xss-protection',
    'x-download-options',
  ]) {
    t.equal(json.headers[name], undefined, `JSON answers leave out ${name}, which only means something for a document`)
  }
  const admin = await app.inject('/admin/')
  t.match(
    admin.headers['content-security-policy'],
    /script-src 'self';/,
    'the admin UI may run its own scripts only, and no eval (its form validators are compiled ahead of time)',
  )
  for (const url of ['/admin/', '/docs/']) {
    const page = await app.inject(url)
    t.equal(
      page.headers['cross-origin-opener-policy'],
      'same-origin',
      `${url}: a document of its own browsing context group`,
    )
    t.equal(page.headers['x-content-type-options'], 'nosniff', `${url}: nosniff`)
    t.equal(page.headers['x-frame-options'], 'DENY', `${url}: no framing`)
    t.equal(page.headers['origin-agent-cluster'], '?1', `${url}: origin-keyed`)
    t.equal(page.headers['referrer-policy'], 'no-referrer', `${url}: its links and loads send no referrer`)
    t.equal(page.headers['cross-origin-resource-policy'], 'same-origin', `${url}: not loaded by other sites' pages`)
  }
  t.equal(
    (await app.inject({ url: '/v1/economies', headers: { origin: 'https://dashboard.example' } })).headers[
      'access-control-allow-origin'
    ],
    '*',
    'CORS reads still open',
  )
  // Only the UI's and the docs' own paths get their documents' policies (which let scripts run).
  for (const url of ['/administrator', '/admin-panel', '/docsx', '/docs.json'])
    t.equal(
      (await app.inject(url)).headers['content-security-policy'],
      "default-src 'none'; frame-ancestors 'none'",
      `${url}: not the UI's, so the API's policy`,
    )
  for (const url of ['/admin', '/admin?lang=zh', '/docs'])
    t.match(
      (await app.inject(url)).headers['content-security-policy'],
      /script-src/,
      `${url}: the UI's or docs' policy`,
    )
})

t.test('a body over the limit is a 413 problem, and nothing is written', async (t) => {
  const { app } = await testApp(t, 'seeded', { BODY_LIMIT_BYTES: '65536' })
  const session = await adminSession(app)
  const huge = { id: 'test-2026-huge', kind: 'report', language: 'en', title: { en: 'x'.repeat(70_000), zh: '大' } }
  const res = await app.inject({ method: 'POST', url: '/v1/sources', headers: session.headers, payload: huge })
  t.equal(res.statusCode, 413, 'refused for its size')
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', 'as a problem')
  t.match(res.json(), { status: 413, title: 'Payload too large' }, 'saying why')
  t.equal(
    (await app.inject({ url: '/v1/sources/test-2026-huge', headers: session.headers })).statusCode,
    404,
    'nothing was created',
  )
})

t.test(
  'slow or oversized requests: the socket is freed with a 408 or 431 problem, and nothing is written',
  async (t) => {
    const { app } = await testApp(t, 'seeded', { REQUEST_TIMEOUT_MS: '1000' })
    const session = await adminSession(app)
    const address = await app.listen({ port: 0, host: '127.0.0.1' })

    const headersOnly = await rawExchange(address, 'GET /v1/economies HTTP/1.1\r\nHost: atlas\r\n')
    t.match(headersOnly.answer, /^HTTP\/1\.1 408 /, 'headers never finished: 408')
    t.match(headersOnly.answer, /content-type: application\/problem\+json/i, 'as a problem')
    t.match(problemOf(headersOnly.answer), { status: 408, title: 'Request timeout' })
    t.ok(headersOnly.ms < 8000, `the connection was closed after ${headersOnly.ms} ms, not held`)

    const body = JSON.stringify({
      id: 'test-2026-slow',
      kind: 'report',
      language: 'en',
      title: { en: 'Slow', zh: '慢' },
    })
    const halfBody = await rawExchange(
      address,
      `POST /v1/sources HTTP/1.1\r\nHost: atlas\r\nContent-Type: application/json\r\nCookie: ${session.headers.cookie}\r\n` +
        `X-CSRF-Token: ${session.headers['x-csrf-token']}\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`,
    )
    t.match(halfBody.answer, /^HTTP\/1\.1 408 /, 'a body never finished: 408')
    t.ok(halfBody.ms < 8000, `the connection was closed after ${halfBody.ms} ms, not held`)
    const slow = await app.inject({ url: '/v1/sources/test-2026-slow', headers: session.headers })
    t.equal(
      slow.statusCode,
      404,
      `nothing was created, and the client leaving did not pass for a database outage: ${slow.body}`,
    )

    const huge = await rawExchange(
      address,
      `GET /v1/economies HTTP/1.1\r\nHost: atlas\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
    )
    t.match(huge.answer, /^HTTP\/1\.1 431 /, 'headers over 16 KiB: 431')
    t.match(problemOf(huge.answer), { status: 431, type: 'urn:chain-atlas:problem:headers-too-large' })
    t.equal((await fetch(`${address}/v1/economies`)).status, 200, 'the server goes on serving')
  },
)

t.test('the rate limit answers 429 with RateLimit and Retry-After headers; probes stay open', async (t) => {
  const { app } = await testApp(t, 'seeded', { RATE_LIMIT_PER_MINUTE: '3' })
  const remoteAddress = someAddress()
  const statuses = []
  for (let i = 0; i < 4; i++) statuses.push((await app.inject({ url: '/v1/economies', remoteAddress })).statusCode)
  t.same(statuses, [200, 200, 200, 429], 'three a minute, then refused')
  const refused = await app.inject({ url: '/v1/economies', remoteAddress })
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8', 'a problem')
  t.match(refused.json(), { status: 429, title: 'Too many requests' }, 'saying why')
  t.equal(refused.headers['ratelimit-limit'], '3', 'the limit in the header')
  t.equal(refused.headers['ratelimit-remaining'], '0', 'none left')
  t.match(refused.headers['retry-after'], /^\d+$/, 'when to retry')
  t.equal(
    (await app.inject({ url: '/v1/economies', remoteAddress: someAddress() })).statusCode,
    200,
    'another client is not limited',
  )
  t.equal((await app.inject({ url: '/readyz', remoteAddress })).statusCode, 200, 'readiness probes are never limited')

  // A dashboard in a browser sees how much it has left, and how long to wait, only if CORS exposes it.
  const fromPage = await app.inject({
    url: '/v1/economies',
    remoteAddress: someAddress(),
    headers: { origin: 'https://dashboard.example' },
  })
  const exposed = String(fromPage.headers['access-control-expose-headers']).split(/,\s*/)
  for (const name of ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) {
    t.ok(fromPage.headers[name] !== undefined, `${name} is sent`)
    t.ok(exposed.includes(name), `and a page may read it`)
  }
  t.ok(exposed.includes('retry-after') && exposed.includes('etag'), 'as it may Retry-After and ETag')
  t.ok(exposed.includes('allow'), 'and the methods a 405 names')
})

t.test('an IPv6 client is limited by its /64, however many of its addresses it uses', async (t) => {
  const { app } = await testApp(t, 'seeded', { RATE_LIMIT_PER_MINUTE: '3' })
  const network = `2001:db8:${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}`
  const statuses = []
  for (const host of ['::1', ':a:b:c:d', ':ffff:ffff:ffff:ffff', '::2'])
    statuses.push((await app.inject({ url: '/v1/economies', remoteAddress: network + host })).statusCode)
  t.same(statuses, [200, 200, 200, 429], 'four addresses of one /64: one client')
  const neighbour = `2001:db8:${randomInt(65536).toString(16)}:1::1`
  t.equal(
    (await app.inject({ url: '/v1/economies', remoteAddress: neighbour })).statusCode,
    200,
    'another /64 is another client',
  )
  const v4 = someAddress()
  const mapped = []
  for (const remoteAddress of [v4, `::ffff:${v4}`, v4, `::ffff:${v4}`])
    mapped.push((await app.inject({ url: '/v1/economies', remoteAddress })).statusCode)
  t.same(mapped, [200, 200, 200, 429], 'an IPv4 address and its IPv4-mapped form: one client')
})

t.test('with REDIS_URL two API processes share one limit', async (t) => {
  const env = { RATE_LIMIT_PER_MINUTE: '4', REDIS_URL }
  const { app: first } = await testApp(t, 'seeded', env)
  const { app: second } = await testApp(t, 'seeded', env)
  const remoteAddress = someAddress()
  const statuses = []
  for (const app of [first, second, first, second, first])
    statuses.push((await app.inject({ url: '/v1/sectors', remoteAddress })).statusCode)
  t.same(statuses, [200, 200, 200, 200, 429], 'the fifth request is refused although each process saw fewer than four')
})

t.test('Redis going away does not take the API down: requests pass unlimited', async (t) => {
  const { app } = await testApp(t, 'seeded', { RATE_LIMIT_PER_MINUTE: '2', REDIS_URL: 'redis://127.0.0.1:1' })
  const statuses = []
  for (let i = 0; i < 3; i++)
    statuses.push((await app.inject({ url: '/v1/sectors', remoteAddress: someAddress() })).statusCode)
  t.same(statuses, [200, 200, 200], 'every request answered')
})
