import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import t from 'tap'
import { PUBLIC_CACHE_CONTROL } from '../../apps/api/src/plugins/application/http-cache.ts'
import { testApp } from '../helpers/app.ts'
import { adminSession } from '../helpers/accounts.ts'
import { rawExchange } from '../helpers/raw-http.ts'

/** Regression tests of the outside attack's findings on the request pipeline (issue 17: 1, 2, 4 and 14). */

const cursorOf = (body: object) => Buffer.from(JSON.stringify(body)).toString('base64url')
/** A client address of this run's own, so counters left by another run never count. */
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`

/** A GET through a real socket (the read cache answers some before Fastify routes them), headers as given. */
const get = (address: string, path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(`${address}${path}`, { headers }, (res) => {
        let body = ''
        res.setEncoding('utf8').on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
      })
      req.on('error', reject).end()
    },
  )

t.test(
  'finding 1: no request content can open the database breaker; cursors are checked against their sort before any SQL',
  async (t) => {
    const { app } = await testApp(t)
    const hostile = [
      ['year', { o: 'year', v: 'database is unavailable', id: 'x' }],
      ['year', { o: 'year', v: 'PGlite is closed', id: 'x' }],
      ['year', { o: 'year', v: 1e308, id: 'x' }],
      ['year', { o: 'year', v: 2 ** 40, id: 'x' }],
      ['year', { o: 'year', v: 2020.5, id: 'x' }],
      ['year', { o: 'year', v: 2020, id: 'x\u0000' }],
      ['title', { o: 'title', v: 'a\u0000b', id: 'x' }],
      ['title', { o: 'title', v: '\ud800', id: 'x' }],
      ['created_at', { o: 'created_at', v: 'database is unavailable', id: 'x' }],
      ['created_at', { o: 'created_at', v: '2026-12-31T23:59:60Z', id: 'x' }],
      ['created_at', { o: 'created_at', v: '0000-01-01T00:00:00Z', id: 'x' }],
      ['-updated_at', { o: '-updated_at', v: 7, id: 'x' }],
    ] as const
    for (const [sort, body] of hostile) {
      const res = await app.inject(`/v1/instruments?sort=${sort}&cursor=${cursorOf(body)}`)
      t.equal(res.statusCode, 400, `sort=${sort}, cursor ${JSON.stringify(body)}: 400, not ${res.statusCode}`)
      t.match(res.json(), { errors: [{ pointer: '/query/cursor' }] }, 'naming the cursor')
    }
    for (const r of [1e308, -1, 'database is unavailable']) {
      const res = await app.inject(`/v1/instruments?q=chips&cursor=${cursorOf({ o: 'rank', v: r, id: 'x', r })}`)
      t.equal(res.statusCode, 400, `a ranked cursor with rank ${r}: 400`)
    }
    // The words of an outage anywhere a client can put them: none of it is an outage.
    const words = encodeURIComponent('database is unavailable; PGlite is closed; ECONNREFUSED 57P01 08006')
    const session = await adminSession(app)
    const attempts = [
      await app.inject(`/v1/instruments?q=${words}`),
      await app.inject(`/v1/instruments/${words}`),
      await app.inject({ url: '/v1/economies', headers: { 'x-request-id': 'ECONNREFUSED', 'if-none-match': words } }),
      await app.inject({
        method: 'POST',
        url: '/v1/sources',
        headers: session.headers,
        payload: { id: 'database-is-unavailable', kind: words },
      }),
      await app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: 'database is unavailable', password: 'PGlite is closed' },
      }),
    ]
    t.notOk(
      attempts.some((res) => res.statusCode >= 500),
      `no 5xx: ${attempts.map((r) => r.statusCode).join(', ')}`,
    )
    t.notOk(app.databaseBreaker.isOpen(), 'the breaker stayed closed')
    const fresh = await app.inject(`/v1/instruments?q=${randomUUID().slice(0, 8)}`)
    t.equal(fresh.statusCode, 200, 'and the next reader is answered from the database')
  },
)

/** Every spelling of the session cookie the cookie parser accepts. */
const spellings = (token: string) => [
  `atlas_session=${token}`,
  `atlas_session =${token}`,
  ` atlas_session=${token}`,
  `atlas_session= ${token}`,
  `\tatlas_session\t=${token}`,
  `theme=dark;atlas_session=${token}`,
  `theme=dark;   atlas_session =${token}; lang=zh`,
  `atlas_session=${token}; atlas_session=stale`,
]

t.test(
  'finding 2: drafts never reach anonymous readers through the read cache, whatever the cookie spelling',
  async (t) => {
    const { app } = await testApp(t)
    const admin = await adminSession(app)
    const draft = {
      id: 'test-2026-secret-draft',
      kind: 'report',
      language: 'en',
      title: { en: 'Secret draft memo', zh: '秘密草稿' },
    }
    t.equal(
      (await app.inject({ method: 'POST', url: '/v1/sources', headers: admin.headers, payload: draft })).statusCode,
      201,
      'a draft exists',
    )
    const token = admin.headers.cookie!.slice('atlas_session='.length)
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const urls = [
      `/v1/sources/${draft.id}`,
      '/v1/sources?status=draft&q=secret',
      '/v1/sources?status=draft,published&limit=200',
    ]
    for (const cookie of spellings(token)) {
      for (const url of urls) {
        const signedIn = await get(address, url, { cookie })
        t.equal(signedIn.status, 200, `${JSON.stringify(cookie)} ${url}: the signed-in reader sees it`)
        t.match(signedIn.body, draft.title.en, 'the draft included')
        const injected = await app.inject(url)
        for (const res of [await get(address, url), { status: injected.statusCode, body: injected.body }]) {
          t.not(res.status, 200, `${url} after ${JSON.stringify(cookie)}: anonymous is refused`)
          t.notMatch(res.body, draft.title.en, 'and never sees the draft')
        }
      }
    }
    // An invented session reads as anonymous everywhere, from memory or not: published entries only.
    const invented = await get(address, `/v1/sources/${draft.id}`, {
      cookie: `atlas_session=${randomBytes(32).toString('base64url')}`,
    })
    t.equal(invented.status, 404, 'an invented session is anonymous')
  },
)

t.test(
  'finding 4: invented credentials buy no rate-limit bucket of their own and are anonymous on every read',
  async (t) => {
    const { app } = await testApp(t, 'seeded', { RATE_LIMIT_PER_MINUTE: '3' })
    const remoteAddress = someAddress()
    const randomCookie = () => ({ cookie: `atlas_session=${randomBytes(32).toString('base64url')}` })
    const statuses = []
    for (let i = 0; i < 4; i++)
      statuses.push((await app.inject({ url: '/v1/economies', remoteAddress, headers: randomCookie() })).statusCode)
    t.same(statuses, [200, 200, 200, 429], 'four invented session cookies from one address: the fourth is refused')

    const keyAddress = someAddress()
    const keyStatuses = []
    for (let i = 0; i < 4; i++) {
      const headers = { authorization: `Bearer ca_${randomBytes(30).toString('base64url')}` }
      keyStatuses.push((await app.inject({ url: '/v1/economies', remoteAddress: keyAddress, headers })).statusCode)
    }
    t.same(
      keyStatuses,
      [401, 401, 401, 429],
      'four invented API keys from one address: refused, and counted against it',
    )

    const anonymous = await app.inject({ url: '/v1/sectors', remoteAddress: someAddress() })
    const withInvented = await app.inject({ url: '/v1/sectors', remoteAddress: someAddress(), headers: randomCookie() })
    t.equal(withInvented.statusCode, 200, 'an invented cookie on a public read: answered')
    t.equal(withInvented.headers.etag, anonymous.headers.etag, 'as anonymous')
    t.equal(withInvented.headers['cache-control'], PUBLIC_CACHE_CONTROL, 'and shareable like an anonymous answer')
  },
)

t.test('rate limit: a verified user has a bucket of their own, wherever they come from', async (t) => {
  const { app } = await testApp(t, 'seeded', { RATE_LIMIT_PER_MINUTE: '3' })
  const admin = await adminSession(app) // the sign-in counted against 127.0.0.1
  const statuses = []
  for (let i = 0; i < 4; i++)
    statuses.push(
      (await app.inject({ url: '/v1/economies', remoteAddress: someAddress(), headers: admin.headers })).statusCode,
    )
  t.same(statuses, [200, 200, 200, 429], 'one session from four addresses is one client')
})

const SECURITY_HEADERS = ['x-content-type-options', 'content-security-policy', 'x-request-id', 'x-frame-options']

t.test(
  'finding 14: every answer carries the security headers, 429s, problems before routing and raw socket replies too',
  async (t) => {
    const { app } = await testApp(t, 'seeded', {
      RATE_LIMIT_PER_MINUTE: '2',
      BODY_LIMIT_BYTES: '2048',
      REQUEST_TIMEOUT_MS: '1000',
    })
    const session = await adminSession(app)
    const remoteAddress = someAddress()
    const limited = [0, 1, 2].map(() => app.inject({ url: '/v1/economies', remoteAddress }))
    const answers = {
      '429': (await Promise.all(limited))[2]!,
      'bad percent-encoding (400 before routing)': await app.inject('/v1/instruments/%ff'),
      'no route (404)': await app.inject('/v1/nothing-here'),
      'malformed JSON (400)': await app.inject({
        method: 'POST',
        url: '/v1/sources',
        headers: { ...session.headers, 'content-type': 'application/json' },
        payload: '{',
      }),
      'too large (413)': await app.inject({
        method: 'POST',
        url: '/v1/sources',
        headers: session.headers,
        payload: { title: 'x'.repeat(4096) },
      }),
      'wrong password (401)': await app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: 'nobody@example.org', password: 'wrong wrong wrong' },
      }),
      'a published read': await app.inject('/v1/sectors'),
      'the same read from memory': await app.inject('/v1/sectors'),
    }
    t.equal(answers['429'].statusCode, 429, 'the third request is limited')
    for (const [what, res] of Object.entries(answers)) {
      for (const name of SECURITY_HEADERS) t.ok(res.headers[name], `${what}: ${name}`)
      t.equal(res.headers['x-frame-options'], 'DENY', `${what}: one framing policy, as frame-ancestors 'none' says`)
      t.equal(res.headers['strict-transport-security'], undefined, `${what}: no HSTS over plain HTTP`)
      if (res.statusCode >= 400)
        t.equal(res.headers['cache-control'], 'no-store', `${what}: a problem is kept by no cache`)
    }
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    for (const [what, bytes] of [
      ['headers too large (431)', `GET /v1/economies HTTP/1.1\r\nHost: atlas\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`],
      ['not HTTP (400)', 'NOT HTTP AT ALL\r\n\r\n'],
      ['headers never finished (408)', 'GET /v1/economies HTTP/1.1\r\nHost: atlas\r\n'],
    ]) {
      const raw = (await rawExchange(address, bytes!)).answer.toLowerCase()
      for (const name of [...SECURITY_HEADERS, 'cache-control: no-store'])
        t.match(raw, `\r\n${name}`, `${what}, written to the socket: ${name}`)
    }
  },
)

t.test('behind a trusted proxy a client is the address the proxy saw, whatever X-Forwarded-For it sends', async (t) => {
  // With Fastify's trustProxy: true, the left-most X-Forwarded-For entry (the client's own words,
  // which nginx's $proxy_add_x_forwarded_for keeps) was the client: a fresh rate limit per request.
  const { app } = await testApp(t, 'seeded', { TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: '3' })
  const statuses: number[] = []
  for (let i = 1; i <= 5; i++) {
    const forwarded = { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` } // forged, then what nginx saw
    statuses.push((await app.inject({ url: '/v1/sectors', remoteAddress: '127.0.0.1', headers: forwarded })).statusCode)
  }
  t.same(statuses, [200, 200, 200, 429, 429], 'one client, 198.51.100.7, however it fills the header')
  const other = await app.inject({
    url: '/v1/sectors',
    remoteAddress: '127.0.0.1',
    headers: { 'x-forwarded-for': '198.51.100.8' },
  })
  t.equal(other.statusCode, 200, 'another address the proxy saw is another client')

  // A client reaching the API directly is no proxy: its X-Forwarded-* is its own words.
  const direct = { 'x-forwarded-for': '192.0.2.1', 'x-forwarded-proto': 'https' }
  const first = await app.inject({ url: '/v1/economies', remoteAddress: '203.0.113.50', headers: direct })
  t.equal(first.headers['strict-transport-security'], undefined, 'its X-Forwarded-Proto is not believed')
  for (let i = 0; i < 3; i++) await app.inject({ url: '/v1/economies', remoteAddress: '203.0.113.50', headers: direct })
  const after = await app.inject({ url: '/v1/economies', remoteAddress: '192.0.2.1' })
  t.equal(after.statusCode, 200, 'nor its X-Forwarded-For: the address it named has a limit of its own')
})

t.test('finding 14: HSTS only over TLS (directly or by a trusted proxy), on answers from memory too', async (t) => {
  const { app: direct } = await testApp(t, 'seeded')
  const proxied = { 'x-forwarded-proto': 'https' }
  t.equal(
    (await direct.inject({ url: '/v1/sectors', headers: proxied })).headers['strict-transport-security'],
    undefined,
    'X-Forwarded-Proto is not believed without TRUST_PROXY',
  )
  const { app } = await testApp(t, 'seeded', { TRUST_PROXY: 'true' })
  for (let i = 0; i < 2; i++) {
    t.match(
      (await app.inject({ url: '/v1/sectors', headers: proxied })).headers['strict-transport-security'],
      /^max-age=\d+/,
      `over TLS (read ${i + 1})`,
    )
    t.equal(
      (await app.inject('/v1/sectors')).headers['strict-transport-security'],
      undefined,
      `over plain HTTP (read ${i + 1}): none`,
    )
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  t.match(
    (await get(address, '/v1/sectors', proxied)).headers['strict-transport-security'],
    /^max-age=\d+/,
    'from memory before routing, over TLS',
  )
  t.equal(
    (await get(address, '/v1/sectors')).headers['strict-transport-security'],
    undefined,
    'from memory before routing, plain HTTP',
  )
})

t.test(
  'finding 14: sign-in and session answers are never stored; /docs has a CSP of its own without wildcards',
  async (t) => {
    const { app } = await testApp(t)
    const session = await adminSession(app)
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'admin@example.org', password: 'correct horse battery staple' },
    })
    t.equal(login.statusCode, 200, 'signed in')
    t.equal(login.headers['cache-control'], 'no-store', 'the sign-in answer, with its CSRF token, is stored nowhere')
    t.equal(
      (await app.inject({ url: '/v1/auth/session', headers: session.headers })).headers['cache-control'],
      'no-store',
      'the session answer too',
    )
    for (const url of ['/docs/', '/docs/static/index.html', '/docs/static/swagger-ui.css']) {
      const docs = await app.inject(url)
      const csp = String(docs.headers['content-security-policy'])
      t.match(csp, /frame-ancestors 'none'/, `${url}: no framing`)
      t.notMatch(csp, /https:|\*/, `${url}: no wildcard sources`)
      t.notMatch(csp, /'unsafe-/, `${url}: nothing unsafe`)
      t.equal(docs.headers['x-frame-options'], 'DENY', `${url}: one framing policy`)
    }
  },
)
