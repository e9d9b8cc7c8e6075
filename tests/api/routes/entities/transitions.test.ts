import t from 'tap'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'
import { countRows } from '../../../helpers/database.ts'
import { newInstrument } from '../../../helpers/entities.ts'

t.test('archiving a published entry that published entries cite is a 409 listing them; nothing changes', async (t) => {
  const { app, database } = await testApp(t)
  const { editor } = await roleKeys(app, await adminSession(app))
  const path = '/v1/sectors/semiconductors'
  const before = (await app.inject(path)).json()
  const citing = (await app.inject(`${path}/used-by?limit=200`)).json().data as { collection: string; id: string }[]
  t.ok(citing.length > 3, 'the sector is cited by published entries')
  const revisions = await countRows(database, 'revisions')

  const refused = await app.inject({
    method: 'POST',
    url: `${path}/archive`,
    headers: { ...editor.headers, 'if-match': `"v${before.version}"` },
  })
  t.equal(refused.statusCode, 409, 'archiving is refused')
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  const problem = refused.json()
  t.match(problem.detail, /published entries cite it/)
  const listed = new Set(problem.references.map((r: { collection: string; id: string }) => `${r.collection}/${r.id}`))
  t.same(
    [...listed].sort(),
    citing
      .slice(0, 50)
      .map((e) => `${e.collection}/${e.id}`)
      .sort(),
    'the problem lists the citing entries',
  )
  t.match(problem.references[0], { collection: String, id: String, field: String, status: 'published' })
  t.same((await app.inject(path)).json(), before, 'the sector is still published, unchanged')
  t.equal(await countRows(database, 'revisions'), revisions, 'no revision was written')
})

t.test('an entry nothing published cites can be archived, and leaves the public set', async (t) => {
  const { app } = await testApp(t)
  const { editor } = await roleKeys(app, await adminSession(app))
  const list = (await app.inject('/v1/assessments?limit=1')).json().data
  const path = `/v1/assessments/${list[0].id}`
  t.same((await app.inject(`${path}/used-by`)).json().data, [], 'nothing cites it')
  const archived = await app.inject({
    method: 'POST',
    url: `${path}/archive`,
    headers: { ...editor.headers, 'if-match': `"v${list[0].version}"` },
  })
  t.equal(archived.statusCode, 200)
  t.equal((await app.inject(path)).statusCode, 404, 'the public no longer reads it')
})

t.test('publishing with an unpublished reference is a 409 listing it with collection, id and field', async (t) => {
  const { app } = await testApp(t)
  const { curator, editor } = await roleKeys(app, await adminSession(app))
  const write = (who: { headers: Record<string, string> }, url: string, etag?: string, payload?: unknown) =>
    app.inject({
      method: 'POST',
      url,
      headers: { ...who.headers, ...(etag ? { 'if-match': etag } : {}) },
      ...(payload ? { payload } : {}),
    })
  const parent = newInstrument('us-test-parent-2026')
  const child = newInstrument('us-test-child-2026', { parent_id: parent.id })
  t.equal((await write(curator, '/v1/instruments', undefined, parent)).statusCode, 201)
  t.equal((await write(curator, '/v1/instruments', undefined, child)).statusCode, 201)
  t.equal((await write(curator, `/v1/instruments/${child.id}/submit`, '"v1"')).statusCode, 200)
  const refused = await write(editor, `/v1/instruments/${child.id}/publish`, '"v2"')
  t.equal(refused.statusCode, 409)
  t.same(refused.json().references, [{ collection: 'instruments', id: parent.id, field: 'parent_id', status: 'draft' }])
  t.match((await app.inject({ url: `/v1/instruments/${child.id}`, headers: editor.headers })).json(), {
    status: 'in_review',
    version: 2,
  })
})
