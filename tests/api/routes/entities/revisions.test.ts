import t from 'tap'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'

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
