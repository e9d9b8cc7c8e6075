import t from 'tap'
import { testApp } from '../helpers/app.ts'
import { NEW_SOURCE } from '../helpers/entities.ts'
import { countRows } from '../helpers/database.ts'
import { adminSession, roleKeys, type Credentials } from '../helpers/accounts.ts'

t.test('roles: each write needs its role, and a refused write changes nothing', async (t) => {
  const { app, database } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const revisionsBefore = await countRows(database, 'revisions')

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
    await countRows(database, 'revisions'),
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
