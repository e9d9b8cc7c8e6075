import t from 'tap'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys, signIn, type Credentials } from '../../../helpers/accounts.ts'
import { countRows } from '../../../helpers/database.ts'
import { NEW_SOURCE, newInstrument } from '../../../helpers/entities.ts'

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

type Injector = Awaited<ReturnType<typeof testApp>>['app']

const post = (app: Injector, who: Credentials, url: string, etag: string, payload?: unknown) =>
  app.inject({ method: 'POST', url, headers: { ...who.headers, 'if-match': etag }, ...(payload ? { payload } : {}) })

const queue = async (app: Injector, who: Credentials, query = '') =>
  (await app.inject({ url: `/v1/review-queue${query}`, headers: who.headers })).json()

t.test('request-changes sends the working copy back to its author with a comment', async (t) => {
  const { app } = await testApp(t)
  const { curator, editor, viewer } = await roleKeys(app, await adminSession(app))
  const url = '/v1/economies/jp'
  const published = await app.inject(url)
  const edit = await app.inject({
    method: 'PATCH',
    url,
    headers: { ...curator.headers, 'content-type': 'application/merge-patch+json', 'if-match': published.headers.etag },
    payload: { notes: { en: 'Draft note.', zh: '草稿备注。' } },
  })
  const submitted = await post(app, curator, `${url}/submit`, edit.headers.etag as string)

  const noComment = await post(app, editor, `${url}/request-changes`, submitted.headers.etag as string, {})
  t.equal(noComment.statusCode, 400, 'a comment is required')
  t.match(noComment.json().errors, [{ pointer: '/body/comment' }])
  const byCurator = await post(app, curator, `${url}/request-changes`, submitted.headers.etag as string, {
    comment: 'x',
  })
  t.equal(byCurator.statusCode, 403, 'editors send back, curators do not')

  const sentBack = await post(app, editor, `${url}/request-changes`, submitted.headers.etag as string, {
    comment: 'Cite the section of the paper.',
  })
  t.equal(sentBack.statusCode, 200)
  t.match(sentBack.json(), { status: 'draft' })
  t.same((await app.inject(url)).json(), published.json(), 'the public version is untouched')

  const back = await queue(app, curator, '?state=changes_requested&author=me')
  t.match(back.data, [{ id: 'jp', state: 'changes_requested', comment: 'Cite the section of the paper.' }])
  const history = (await app.inject({ url: `${url}/revisions`, headers: viewer.headers })).json().data
  t.match(history.at(-1), { action: 'request-changes', comment: 'Cite the section of the paper.', working: true })

  const resubmit = await post(app, curator, `${url}/submit`, sentBack.headers.etag as string, {
    comment: 'Section 2.1 cited.',
  })
  t.equal(resubmit.statusCode, 200, 'the author fixes it and submits again')
  t.match((await queue(app, editor)).data, [{ id: 'jp', state: 'in_review', comment: 'Section 2.1 cited.' }])
})

t.test('REVIEW_FOUR_EYES: nobody publishes a change they made, with any of their credentials', async (t) => {
  const { app } = await testApp(t, 'seeded', { REVIEW_FOUR_EYES: 'true' })
  const admin = await adminSession(app)
  // The keys act for the admin who made them: the admin's session and its keys are one person.
  const { editor, admin: adminKey } = await roleKeys(app, admin)
  const payload = {
    email: 'second@example.org',
    display_name: 'Second editor',
    role: 'editor',
    password: 'another long password',
  }
  t.equal((await app.inject({ method: 'POST', url: '/v1/users', headers: admin.headers, payload })).statusCode, 201)
  const secondEditor = await signIn(app, payload.email, payload.password)
  const url = '/v1/economies/jp'
  const published = await app.inject(url)
  const edit = await app.inject({
    method: 'PATCH',
    url,
    headers: { ...editor.headers, 'content-type': 'application/merge-patch+json', 'if-match': published.headers.etag },
    payload: { notes: { en: 'Mine.', zh: '我的。' } },
  })
  const submitted = await post(app, editor, `${url}/submit`, edit.headers.etag as string)
  for (const [who, credentials] of [
    ['the key that made the change', editor],
    ['another key of the same person', adminKey],
    ['the same person signed in', admin],
  ] as const) {
    const own = await post(app, credentials, `${url}/publish`, submitted.headers.etag as string)
    t.equal(own.statusCode, 403, `${who} may not publish it`)
    t.match(own.json().detail, /REVIEW_FOUR_EYES/)
  }
  const other = await post(app, secondEditor, `${url}/publish`, submitted.headers.etag as string)
  t.equal(other.statusCode, 200, 'another person may')
  t.same((await app.inject(url)).json().notes, { en: 'Mine.', zh: '我的。' })
})

t.test('without REVIEW_FOUR_EYES, an editor publishes their own change', async (t) => {
  const { app } = await testApp(t)
  const { editor } = await roleKeys(app, await adminSession(app))
  const url = '/v1/economies/jp'
  const published = await app.inject(url)
  const edit = await app.inject({
    method: 'PATCH',
    url,
    headers: { ...editor.headers, 'content-type': 'application/merge-patch+json', 'if-match': published.headers.etag },
    payload: { notes: { en: 'Mine.', zh: '我的。' } },
  })
  const submitted = await post(app, editor, `${url}/submit`, edit.headers.etag as string)
  t.equal((await post(app, editor, `${url}/publish`, submitted.headers.etag as string)).statusCode, 200)
})

t.test('restore brings an archived entry back to the public, if its references allow', async (t) => {
  const { app } = await testApp(t)
  const { editor, curator } = await roleKeys(app, await adminSession(app))
  const entry = (await app.inject('/v1/assessments?limit=1')).json().data[0]
  const url = `/v1/assessments/${entry.id}`
  const archived = await post(app, editor, `${url}/archive`, `"v${entry.version}"`)
  t.equal(archived.statusCode, 200)
  t.equal((await app.inject(url)).statusCode, 404, 'archived: gone from the public')
  t.equal((await post(app, curator, `${url}/restore`, archived.headers.etag as string)).statusCode, 403, 'editors only')
  const restored = await post(app, editor, `${url}/restore`, archived.headers.etag as string)
  t.equal(restored.statusCode, 200)
  t.match(restored.json(), { status: 'published' })
  const { version: _v, updated_at: _u, ...content } = restored.json()
  const { version: _v0, updated_at: _u0, ...original } = entry
  t.same(content, original, 'the public reads it again, as it was')
  t.equal((await app.inject(url)).statusCode, 200)
  t.equal(
    (await post(app, editor, `${url}/restore`, restored.headers.etag as string)).statusCode,
    409,
    'only an archived entry can be restored',
  )
})

t.test('restore brings back only what was published: an archived draft or review stays archived', async (t) => {
  // Archiving a draft and restoring it published content nobody reviewed, past REVIEW_FOUR_EYES too.
  const { app } = await testApp(t, 'seeded', { REVIEW_FOUR_EYES: 'true' })
  const { editor } = await roleKeys(app, await adminSession(app))
  for (const [what, payload, submit] of [
    ['a draft', NEW_SOURCE, false],
    ['an entry in review', { ...NEW_SOURCE, id: 'test-2025-in-review' }, true],
  ] as const) {
    const url = `/v1/sources/${payload.id}`
    let at = await app.inject({ method: 'POST', url: '/v1/sources', headers: editor.headers, payload })
    if (submit) at = await post(app, editor, `${url}/submit`, at.headers.etag as string)
    const archived = await post(app, editor, `${url}/archive`, at.headers.etag as string)
    t.equal(archived.statusCode, 200, `${what} is archived`)
    const restored = await post(app, editor, `${url}/restore`, archived.headers.etag as string)
    t.equal(restored.statusCode, 409, `${what}, archived, is not restored`)
    t.match(restored.json().detail, /restore puts back what was published, and it was archived as (draft|in review)/)
    t.equal((await app.inject(url)).statusCode, 404, `${what} stays out of the public's sight`)
  }
})

t.test('restore is refused while something the entry references is not published', async (t) => {
  const { app } = await testApp(t)
  const { editor, curator } = await roleKeys(app, await adminSession(app))
  // A new source, cited by a new instrument; both published, then archived; the source comes back as a draft.
  const source = await app.inject({ method: 'POST', url: '/v1/sources', headers: curator.headers, payload: NEW_SOURCE })
  const sourceUrl = `/v1/sources/${NEW_SOURCE.id}`
  const sub = await post(app, curator, `${sourceUrl}/submit`, source.headers.etag as string)
  await post(app, editor, `${sourceUrl}/publish`, sub.headers.etag as string)
  const instrument = await app.inject({
    method: 'POST',
    url: '/v1/instruments',
    headers: curator.headers,
    payload: newInstrument('us-test-instrument-2025', { source_ids: [NEW_SOURCE.id] }),
  })
  const url = '/v1/instruments/us-test-instrument-2025'
  const isub = await post(app, curator, `${url}/submit`, instrument.headers.etag as string)
  const ipub = await post(app, editor, `${url}/publish`, isub.headers.etag as string)
  const iarch = await post(app, editor, `${url}/archive`, ipub.headers.etag as string)
  const spub = await app.inject(sourceUrl)
  const sarch = await post(app, editor, `${sourceUrl}/archive`, spub.headers.etag as string)
  t.equal(sarch.statusCode, 200, 'the source, no longer cited by anything published, is archived')

  const refused = await post(app, editor, `${url}/restore`, iarch.headers.etag as string)
  t.equal(refused.statusCode, 409, 'restoring the instrument is refused')
  t.match(refused.json().references, [
    { collection: 'sources', id: NEW_SOURCE.id, field: 'source_ids/0', status: 'archived' },
  ])
  t.equal((await app.inject(url)).statusCode, 404, 'and it stays archived')
})

t.test('an entry that must cite a source cannot go to review without one, and says so', async (t) => {
  const { app } = await testApp(t)
  const { curator } = await roleKeys(app, await adminSession(app))
  const created = await app.inject({
    method: 'POST',
    url: '/v1/instruments',
    headers: curator.headers,
    payload: newInstrument('us-test-uncited-2025', { source_ids: [] }),
  })
  t.equal(created.statusCode, 201, 'a draft may be saved without a source')
  const submitted = await post(
    app,
    curator,
    '/v1/instruments/us-test-uncited-2025/submit',
    created.headers.etag as string,
  )
  t.equal(submitted.statusCode, 400, 'submitting it is refused')
  t.match(submitted.json().errors, [{ pointer: '/body/source_ids', detail: /at least one source before review/ }])
  const cited = await app.inject({
    method: 'PATCH',
    url: '/v1/instruments/us-test-uncited-2025',
    headers: { ...curator.headers, 'content-type': 'application/merge-patch+json', 'if-match': created.headers.etag },
    payload: { source_ids: ['paper-hao-ming-2024'] },
  })
  const again = await post(app, curator, '/v1/instruments/us-test-uncited-2025/submit', cited.headers.etag as string)
  t.equal(again.statusCode, 200, 'with a source it goes to review')
})
