import t from 'tap'
import { testApp } from '../../../helpers/app.ts'
import { eq } from 'drizzle-orm'
import { schema } from '@chain-atlas/db'
import { ADMIN, adminSession, roleKeys } from '../../../helpers/accounts.ts'

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
  t.equal(history[0].actor_name, null, 'the seed has no name')
  t.match(history[1], {
    version: 2,
    action: 'update',
    actor: String,
    actor_name: 'editor key',
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

t.test('revisions name their authors for every reader: a user by display name, else by email', async (t) => {
  const { app, database } = await testApp(t)
  const { users } = schema
  const admin = await adminSession(app)
  const url = '/v1/sectors/semiconductors'
  const renamed = await app.inject({
    method: 'PATCH',
    url,
    headers: { ...admin.headers, 'if-match': '"v1"' },
    payload: { name: { en: 'Chips', zh: '芯片' } },
  })
  t.equal(renamed.statusCode, 200)
  const keys = await roleKeys(app, admin)
  // A name left blank in the database (an older account): the email stands in for it.
  await database.db.update(users).set({ display_name: '' }).where(eq(users.email, ADMIN.email))
  const history = (await app.inject({ url: `${url}/revisions`, headers: keys.viewer.headers })).json().data
  t.equal(history[1].actor_name, ADMIN.email, 'a user without a name: their email, read by a viewer')
  await database.db.update(users).set({ display_name: 'Ada Admin' }).where(eq(users.email, ADMIN.email))
  const named = (await app.inject({ url: `${url}/revisions`, headers: keys.viewer.headers })).json().data
  t.match(named[1], { actor: String, actor_name: 'Ada Admin' }, 'a user by display name')
  t.not(named[1].actor, 'Ada Admin', 'the id stays the id')
})
