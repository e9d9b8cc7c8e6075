import t from 'tap'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'
import { countRows } from '../../../helpers/database.ts'

const HOOK = { url: 'https://hooks.example.org/atlas', events: ['published', 'archived'], collections: ['instruments'] }

t.test('an admin registers a webhook: the secret is shown once, then never again', async (t) => {
  const { app } = await testApp(t, 'seeded', { WEBHOOKS_DISPATCH: 'false' })
  const admin = await adminSession(app)
  const created = await app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers: admin.headers,
    payload: { ...HOOK, description: 'Mirror' },
  })
  t.equal(created.statusCode, 201)
  t.equal(created.headers['cache-control'], 'no-store', 'the answer with the secret is not cached')
  const { webhook, secret } = created.json()
  t.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url')
  t.match(webhook, { ...HOOK, active: true, description: 'Mirror' })

  const list = await app.inject({ url: '/v1/webhooks', headers: admin.headers })
  const one = await app.inject({ url: `/v1/webhooks/${webhook.id}`, headers: admin.headers })
  t.equal(list.statusCode, 200)
  t.same(list.json().data, [webhook], 'listed as created')
  t.same(one.json(), webhook, 'read as created')
  for (const res of [list, one]) t.notOk(res.body.includes(secret), 'without the secret')

  const all = await app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers: admin.headers,
    payload: { url: 'https://b.example.org/', events: ['restored'] },
  })
  t.equal(all.json().webhook.collections, null, 'no collections given: every collection')
  t.not(all.json().secret, secret, 'each webhook has its own secret')
})

t.test('change and delete a webhook; an unknown one is a 404', async (t) => {
  const { app } = await testApp(t, 'seeded', { WEBHOOKS_DISPATCH: 'false' })
  const admin = await adminSession(app)
  const { webhook } = (
    await app.inject({ method: 'POST', url: '/v1/webhooks', headers: admin.headers, payload: HOOK })
  ).json()
  const url = `/v1/webhooks/${webhook.id}`
  const changed = await app.inject({
    method: 'PATCH',
    url,
    headers: admin.headers,
    payload: { events: ['restored'], collections: null, active: false },
  })
  t.equal(changed.statusCode, 200)
  t.match(changed.json(), { url: HOOK.url, events: ['restored'], collections: null, active: false })
  const refused = await app.inject({
    method: 'PATCH',
    url,
    headers: admin.headers,
    payload: { url: 'http://x.example.org/' },
  })
  t.equal(refused.statusCode, 400, 'a change is held to the same rules as a new webhook')
  t.equal(refused.json().errors[0].pointer, '/body/url')

  const audit = (await app.inject({ url: '/v1/audit-log', headers: admin.headers })).json().data
  t.same(
    audit.filter((e: { subject: string }) => e.subject === webhook.id).map((e: { event: string }) => e.event),
    ['webhook_changed', 'webhook_created'],
    'the audit log records who registered and changed it',
  )
  t.equal((await app.inject({ method: 'DELETE', url, headers: admin.headers })).statusCode, 200)
  for (const [method, path] of [
    ['GET', url],
    ['DELETE', url],
    ['GET', `${url}/deliveries`],
  ] as const) {
    const res = await app.inject({ method, url: path, headers: admin.headers })
    t.equal(res.statusCode, 404, `${method} ${path} after deletion`)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  }
})

t.test('invalid webhooks are 400 problems naming the field; nothing is written', async (t) => {
  const { app, database } = await testApp(t, 'seeded', { WEBHOOKS_DISPATCH: 'false' })
  const admin = await adminSession(app)
  const cases: [string, Record<string, unknown>, string][] = [
    ['http without WEBHOOKS_ALLOW_HTTP', { ...HOOK, url: 'http://hooks.example.org/' }, '/body/url'],
    ['not a URL', { ...HOOK, url: 'https://' }, '/body/url'],
    ['another scheme', { ...HOOK, url: 'ftp://hooks.example.org/' }, '/body/url'],
    ['credentials in the URL', { ...HOOK, url: 'https://user:pw@hooks.example.org/' }, '/body/url'],
    ['a loopback address', { ...HOOK, url: 'https://127.0.0.1:8443/' }, '/body/url'],
    ['a private address', { ...HOOK, url: 'https://[::ffff:10.1.2.3]/' }, '/body/url'],
    ['localhost', { ...HOOK, url: 'https://localhost/' }, '/body/url'],
    ['localhost as an absolute name', { ...HOOK, url: 'https://localhost./' }, '/body/url'],
    ['loopback, IPv4-mapped in hex', { ...HOOK, url: 'https://[::ffff:7f00:1]/' }, '/body/url'],
    ['loopback, IPv4-compatible', { ...HOOK, url: 'https://[::127.0.0.1]/' }, '/body/url'],
    ['loopback, IPv4-translated', { ...HOOK, url: 'https://[::ffff:0:7f00:1]/' }, '/body/url'],
    ['link-local through NAT64', { ...HOOK, url: 'https://[64:ff9b::169.254.169.254]/' }, '/body/url'],
    ['loopback as one number', { ...HOOK, url: 'https://2130706433/' }, '/body/url'],
    ['an IPv6 site-local address', { ...HOOK, url: 'https://[fec0::1]/' }, '/body/url'],
    ['a multicast address', { ...HOOK, url: 'https://224.0.0.251/' }, '/body/url'],
    ['no events', { ...HOOK, events: [] }, '/body/events'],
    ['an unknown event', { ...HOOK, events: ['deleted'] }, '/body/events/0'],
    ['an unknown collection', { ...HOOK, collections: ['planets'] }, '/body/collections'],
    ['an unknown field', { ...HOOK, secret: 'mine' }, '/body/secret'],
    ['a repeated event', { ...HOOK, events: ['published', 'published'] }, '/body/events'],
  ]
  for (const [what, payload, pointer] of cases) {
    const res = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: admin.headers, payload })
    t.equal(res.statusCode, 400, what)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', `${what}: a problem`)
    const pointers = (res.json().errors ?? []).map((e: { pointer: string }) => e.pointer)
    t.ok(
      pointers.some((p: string) => p.startsWith(pointer)),
      `${what}: names ${pointer} (${pointers.join(', ')})`,
    )
  }
  t.equal(await countRows(database, 'webhook_endpoints'), 0, 'no webhook was registered')
  const empty = await app.inject({
    method: 'PATCH',
    url: '/v1/webhooks/00000000-0000-4000-8000-000000000000',
    headers: admin.headers,
    payload: {},
  })
  t.equal(empty.statusCode, 400, 'an empty change is a 400')
  const badId = await app.inject({ url: '/v1/webhooks/not-a-uuid', headers: admin.headers })
  t.equal(badId.statusCode, 400, 'an id that is no UUID is a 400')
})

t.test('with WEBHOOKS_ALLOW_HTTP an http endpoint is taken', async (t) => {
  const { app } = await testApp(t, 'seeded', { WEBHOOKS_DISPATCH: 'false', WEBHOOKS_ALLOW_HTTP: 'true' })
  const admin = await adminSession(app)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers: admin.headers,
    payload: { ...HOOK, url: 'http://hooks.example.org/in' },
  })
  t.equal(res.statusCode, 201)
  t.equal(res.json().webhook.url, 'http://hooks.example.org/in')
})

t.test('curators, editors and anonymous callers are refused; nothing is written or shown', async (t) => {
  const { app, database } = await testApp(t, 'seeded', { WEBHOOKS_DISPATCH: 'false' })
  const admin = await adminSession(app)
  const keys = await roleKeys(app, admin)
  const { webhook } = (
    await app.inject({ method: 'POST', url: '/v1/webhooks', headers: admin.headers, payload: HOOK })
  ).json()
  const callers: [string, Record<string, string>, number][] = [
    ['anonymous', {}, 401],
    ['a viewer', keys.viewer.headers, 403],
    ['a curator', keys.curator.headers, 403],
    ['an editor', keys.editor.headers, 403],
  ]
  const requests = [
    { method: 'GET', url: '/v1/webhooks' },
    { method: 'POST', url: '/v1/webhooks', payload: HOOK },
    { method: 'GET', url: `/v1/webhooks/${webhook.id}` },
    { method: 'PATCH', url: `/v1/webhooks/${webhook.id}`, payload: { active: false } },
    { method: 'DELETE', url: `/v1/webhooks/${webhook.id}` },
    { method: 'GET', url: `/v1/webhooks/${webhook.id}/deliveries` },
  ] as const
  for (const [who, headers, status] of callers)
    for (const request of requests) {
      const res = await app.inject({ ...request, headers })
      t.equal(res.statusCode, status, `${who}: ${request.method} ${request.url}`)
      t.notOk(res.body.includes(webhook.url), `${who}: the webhook is not shown`)
    }
  t.equal(await countRows(database, 'webhook_endpoints'), 1, 'nothing was registered or deleted')
  t.match((await app.inject({ url: `/v1/webhooks/${webhook.id}`, headers: admin.headers })).json(), { active: true })
  const key = await app.inject({ url: '/v1/webhooks', headers: keys.admin.headers })
  t.equal(key.statusCode, 200, 'an admin API key may')
})
