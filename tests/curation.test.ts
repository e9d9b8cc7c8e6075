import t from 'tap'
import { sql } from 'drizzle-orm'
import { rowsOf } from '@chain-atlas/db'
import { testApp } from './helpers/app.ts'
import { newInstrument } from './helpers/entities.ts'
import { ADMIN, adminSession, roleKeys, type Credentials } from './helpers/accounts.ts'

const NEW_SOURCE = {
  id: 'test-2025-new-report',
  kind: 'report',
  title: { en: 'A new report', zh: '一份新报告' },
  language: 'en',
  published_on: '2025-03',
}

const count = async (database: { db: any }, table: string) =>
  rowsOf<{ n: number }>(await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n

t.test('sign-in, session, logout; wrong passwords fail and are throttled; no credentials, no writes', async (t) => {
  const { app } = await testApp(t)
  const admin = await adminSession(app)
  const session = await app.inject({ url: '/v1/auth/session', headers: admin.headers })
  t.equal(session.statusCode, 200)
  t.match(session.json(), { user: { email: ADMIN.email, role: 'admin' }, csrf_token: String })
  t.notOk('password_hash' in session.json().user, 'no password hash leaves the server')

  const login = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    headers: { cookie: admin.headers.cookie! },
    payload: ADMIN,
  })
  t.equal(login.statusCode, 200, 'signing in again with a session cookie needs no CSRF token')
  const cookie = login.cookies.find((c) => c.name === 'atlas_session')!
  t.match(cookie, { httpOnly: true, sameSite: 'Strict', path: '/' }, 'HttpOnly, SameSite=Strict cookie')

  const wrong = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email: ADMIN.email, password: 'not the password' },
  })
  t.equal(wrong.statusCode, 401)
  t.match(wrong.headers['content-type'], 'application/problem+json')
  for (let i = 0; i < 5; i++)
    await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: ADMIN.email, password: `guess ${i}` } })
  const throttled = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: ADMIN })
  t.equal(throttled.statusCode, 429, 'after repeated failures even the right password waits')
  t.ok(throttled.headers['retry-after'])

  const noCsrf = await app.inject({
    method: 'POST',
    url: '/v1/sources',
    headers: { cookie: admin.headers.cookie! },
    payload: NEW_SOURCE,
  })
  t.equal(noCsrf.statusCode, 403, 'a cookie write without the CSRF token is refused')

  const out = await app.inject({ method: 'POST', url: '/v1/auth/logout', headers: admin.headers })
  t.equal(out.statusCode, 204)
  const after = await app.inject({ url: '/v1/auth/session', headers: admin.headers })
  t.equal(after.statusCode, 401, 'the session is gone')

  const anonymous = await app.inject({ method: 'POST', url: '/v1/sources', payload: NEW_SOURCE })
  t.equal(anonymous.statusCode, 401)
  t.match(anonymous.headers['www-authenticate'], 'Bearer')
})

t.test('roles: each write needs its role, and a refused write changes nothing', async (t) => {
  const { app, database } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const revisionsBefore = await count(database, 'revisions')

  const asViewer = await app.inject({
    method: 'POST',
    url: '/v1/sources',
    headers: keys.viewer.headers,
    payload: NEW_SOURCE,
  })
  t.equal(asViewer.statusCode, 403, 'a viewer cannot create')
  const created = await app.inject({
    method: 'POST',
    url: '/v1/sources',
    headers: keys.curator.headers,
    payload: NEW_SOURCE,
  })
  t.equal(created.statusCode, 201, 'a curator creates')
  t.match(created.json(), { id: NEW_SOURCE.id, version: 1, status: 'draft' })
  t.equal(created.headers.etag, '"v1"')

  const submit = (who: Credentials, etag: string) =>
    app.inject({
      method: 'POST',
      url: `/v1/sources/${NEW_SOURCE.id}/submit`,
      headers: { ...who.headers, 'if-match': etag },
    })
  const publish = (who: Credentials, etag: string) =>
    app.inject({
      method: 'POST',
      url: `/v1/sources/${NEW_SOURCE.id}/publish`,
      headers: { ...who.headers, 'if-match': etag },
    })

  t.equal((await submit(keys.viewer, '"v1"')).statusCode, 403, 'a viewer cannot submit')
  t.equal((await submit(keys.curator, '"v1"')).statusCode, 200, 'a curator submits')
  t.equal((await publish(keys.curator, '"v2"')).statusCode, 403, 'a curator cannot publish')
  const published = await publish(keys.editor, '"v2"')
  t.equal(published.statusCode, 200, 'an editor publishes')
  t.match(published.json(), { version: 3, status: 'published' })

  t.equal(
    (await app.inject({ url: '/v1/users', headers: keys.editor.headers })).statusCode,
    403,
    'an editor cannot manage users',
  )
  t.equal((await app.inject({ url: '/v1/users', headers: keys.admin.headers })).statusCode, 200, 'an admin can')
  t.equal(
    await count(database, 'revisions'),
    revisionsBefore + 3,
    'three changes, three revisions; refusals wrote nothing',
  )

  const revoked = await app.inject({ url: '/v1/api-keys', headers: keys.admin.headers })
  const curatorKey = revoked.json().data.find((k: { role: string }) => k.role === 'curator')
  await app.inject({ method: 'DELETE', url: `/v1/api-keys/${curatorKey.id}`, headers: keys.admin.headers })
  const afterRevoke = await app.inject({
    method: 'POST',
    url: '/v1/sources',
    headers: keys.curator.headers,
    payload: { ...NEW_SOURCE, id: 'test-another' },
  })
  t.equal(afterRevoke.statusCode, 401, 'a revoked key is refused')

  const audit = (await app.inject({ url: '/v1/audit-log', headers: keys.admin.headers }))
    .json()
    .data.map((e: { event: string }) => e.event)
  for (const event of ['sign_in', 'key_created', 'key_revoked', 'user_created'])
    t.ok(audit.includes(event), `audit log has ${event}`)
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

t.test('bad writes are 4xx problems naming the field, and write nothing', async (t) => {
  const { app, database } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const before = { instruments: await count(database, 'instruments'), revisions: await count(database, 'revisions') }
  const cases: [string, unknown, number, string][] = [
    ['unknown field', { ...newInstrument(), colour: 'red' }, 400, '/body/colour'],
    ['bad id', { ...newInstrument(), id: 'Not An Id' }, 400, '/body/id'],
    ['wrong enum value', { ...newInstrument(), level: 'planetary' }, 400, '/body/level'],
    ['category of another level', { ...newInstrument(), category: 'nearshoring' }, 400, '/body/category'],
    [
      'unknown currency',
      { ...newInstrument(), amounts: [{ value: 1, currency: 'XYZ', kind: 'funding' }] },
      400,
      '/body/amounts/0/currency',
    ],
    ['empty Chinese', { ...newInstrument(), title: { en: 'x', zh: '' } }, 400, '/body/title/zh'],
    ['source that does not exist', { ...newInstrument(), source_ids: ['no-such-source'] }, 400, '/body/source_ids/0'],
    ['economy that does not exist', { ...newInstrument(), economy_id: 'atlantis' }, 400, '/body/economy_id'],
    ['duplicate id', { ...newInstrument(), id: 'us-chips-and-science-act-2022' }, 409, '/body/id'],
  ]
  for (const [label, payload, status, pointer] of cases) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/instruments',
      headers: keys.curator.headers,
      payload: payload as object,
    })
    t.equal(res.statusCode, status, label)
    t.match(res.headers['content-type'], 'application/problem+json', label)
    t.ok(
      res.json().errors?.some((e: { pointer: string }) => e.pointer === pointer),
      `${label} names ${pointer}: ${res.body}`,
    )
  }
  const malformed = await app.inject({
    method: 'POST',
    url: '/v1/instruments',
    headers: { ...keys.curator.headers, 'content-type': 'application/json' },
    payload: '{"id": ',
  })
  t.equal(malformed.statusCode, 400, 'malformed JSON')
  t.same(
    { instruments: await count(database, 'instruments'), revisions: await count(database, 'revisions') },
    before,
    'nothing was written',
  )
})

t.test('If-Match: 428 without it, 412 when stale; PATCH merges, PUT replaces', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const url = '/v1/instruments/us-chips-and-science-act-2022'
  const read = await app.inject(url)
  const etag = read.headers.etag as string
  t.equal(etag, `"v${read.json().version}"`, 'GET gives the version ETag writes use')

  const patch = (headers: Record<string, string>, payload: object) =>
    app.inject({
      method: 'PATCH',
      url,
      headers: { ...keys.editor.headers, 'content-type': 'application/merge-patch+json', ...headers },
      payload,
    })
  t.equal((await patch({}, { acronym: 'CHIPS' })).statusCode, 428, 'no If-Match: 428')
  const ok = await patch({ 'if-match': etag }, { acronym: 'CHIPS+', notes: null })
  t.equal(ok.statusCode, 200)
  t.match(ok.json(), { acronym: 'CHIPS+', version: read.json().version + 1, status: 'published' })
  t.notOk('notes' in ok.json(), 'null removes a field')
  t.same(ok.json().amounts, read.json().amounts, 'fields not in the patch stay')
  const stale = await patch({ 'if-match': etag }, { acronym: 'LOST' })
  t.equal(stale.statusCode, 412, 'a stale ETag: 412')
  t.equal((await app.inject(url)).json().acronym, 'CHIPS+', 'and the other edit is not overwritten')

  const curatorEdit = await patch(
    { ...keys.curator.headers, 'if-match': ok.headers.etag as string },
    { acronym: 'CHIPS' },
  )
  t.match(
    curatorEdit.json(),
    { status: 'draft' },
    'a curator’s change to a published entry goes back to draft for review',
  )

  const current = (await app.inject({ url, headers: keys.viewer.headers })).json()
  const { id: _id, version: _v, status: _s, created_at: _c, updated_at: _u, ...content } = current
  const put = await app.inject({
    method: 'PUT',
    url,
    headers: { ...keys.editor.headers, 'if-match': `"v${current.version}"` },
    payload: { ...content, acronym: undefined },
  })
  t.equal(put.statusCode, 200)
  t.notOk('acronym' in put.json(), 'PUT replaces the whole content')
})

t.test('fifty concurrent updates with the same ETag: exactly one wins, the history is complete', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const url = '/v1/economies/jp'
  const etag = (await app.inject(url)).headers.etag as string
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      app.inject({
        method: 'PATCH',
        url,
        headers: { ...keys.editor.headers, 'if-match': etag },
        payload: { summary: { en: `Edit ${i}`, zh: `编辑 ${i}` } },
      }),
    ),
  )
  const codes = results.map((r) => r.statusCode)
  t.equal(codes.filter((c) => c === 200).length, 1, 'one 200')
  t.equal(codes.filter((c) => c === 412).length, 49, 'forty-nine 412')
  const winner = results.find((r) => r.statusCode === 200)!.json()
  const revisions = (await app.inject({ url: `${url}/revisions`, headers: keys.viewer.headers })).json().data
  t.same(
    revisions.map((r: { version: number }) => r.version),
    [1, 2],
    'the history holds the seed and the one change',
  )
  t.same(revisions[1].after.summary, winner.summary)
})

t.test('Idempotency-Key: a retried create returns the first response and creates nothing twice', async (t) => {
  const { app, database } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const send = (payload: object) =>
    app.inject({
      method: 'POST',
      url: '/v1/sources',
      headers: { ...keys.curator.headers, 'idempotency-key': 'retry-1' },
      payload,
    })
  const before = await count(database, 'sources')
  const first = await send(NEW_SOURCE)
  const retry = await send(NEW_SOURCE)
  t.equal(first.statusCode, 201)
  t.equal(retry.statusCode, 201, 'the retry gets the first answer, not a 409')
  t.same(retry.json(), first.json())
  t.equal(retry.headers['idempotent-replayed'], 'true')
  t.equal(await count(database, 'sources'), before + 1, 'one source created')
  const misuse = await send({ ...NEW_SOURCE, id: 'test-other' })
  t.equal(misuse.statusCode, 422, 'the same key for another request is refused')
})

t.test('revisions, diff and revert', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const url = '/v1/sectors/semiconductors'
  const v1 = (await app.inject(url)).json()
  await app.inject({
    method: 'PATCH',
    url,
    headers: { ...keys.editor.headers, 'if-match': '"v1"' },
    payload: { name: { en: 'Chips', zh: '芯片' } },
  })
  const history = (await app.inject({ url: `${url}/revisions`, headers: keys.viewer.headers })).json().data
  t.match(history[1], {
    version: 2,
    action: 'update',
    actor: String,
    changed_fields: ['name'],
    before: { name: v1.name },
    after: { name: { en: 'Chips' } },
  })
  const diff = (await app.inject({ url: `${url}/diff?from=1&to=2`, headers: keys.viewer.headers })).json()
  t.same(diff.changes, [{ field: 'name', before: v1.name, after: { en: 'Chips', zh: '芯片' } }])

  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: `${url}/revert`,
        headers: { ...keys.curator.headers, 'if-match': '"v2"' },
        payload: { version: 1 },
      })
    ).statusCode,
    403,
    'curators cannot revert',
  )
  const reverted = await app.inject({
    method: 'POST',
    url: `${url}/revert`,
    headers: { ...keys.editor.headers, 'if-match': '"v2"' },
    payload: { version: 1 },
  })
  t.equal(reverted.statusCode, 200)
  t.match(reverted.json(), { version: 3, name: v1.name })
  const last = (await app.inject({ url: `${url}/revisions`, headers: keys.viewer.headers })).json().data.at(-1)
  t.match(last, { version: 3, action: 'revert' })
})
