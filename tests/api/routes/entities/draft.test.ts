import t from 'tap'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'
import { countRows } from '../../../helpers/database.ts'
import { NEW_SOURCE } from '../../../helpers/entities.ts'

const ID = 'us-chips-and-science-act-2022'
const URL = `/v1/instruments/${ID}`
const NEW_TITLE = { en: 'CHIPS and Science Act (as revised)', zh: '芯片与科学法（修订）' }

type Injector = Awaited<ReturnType<typeof testApp>>['app']

/** Everything a public reader sees of the instrument: its get, its place in a list, search, export, the feed. */
const publicView = async (app: Injector) => {
  const get = await app.inject(URL)
  const list = (await app.inject('/v1/instruments?economy=us&limit=200')).json().data
  const search = (await app.inject('/v1/instruments?q=science')).json().data
  const exported = (await app.inject('/v1/export')).json().instruments
  const feed = (await app.inject('/v1/changes?limit=1000')).json()
  return {
    get: { status: get.statusCode, etag: get.headers.etag, body: get.json() },
    listed: list.find((e: { id: string }) => e.id === ID),
    found: search.map((e: { id: string; title: unknown }) => [e.id, e.title]),
    exported: exported.find((e: { id: string }) => e.id === ID),
    feedLength: feed.data.length,
  }
}

t.test('a change to a published entry waits in its working copy until it is published', async (t) => {
  const { app } = await testApp(t)
  const { curator, editor, viewer } = await roleKeys(app, await adminSession(app))
  const before = await publicView(app)
  const published = before.get.body

  const edit = await app.inject({
    method: 'PATCH',
    url: URL,
    headers: { ...curator.headers, 'content-type': 'application/merge-patch+json', 'if-match': before.get.etag },
    payload: { title: NEW_TITLE },
  })
  t.equal(edit.statusCode, 200, 'the curator’s edit is accepted')
  t.match(edit.json(), { status: 'draft', version: published.version + 1, title: NEW_TITLE })

  t.same(await publicView(app), before, 'get, list, search, export and the change feed are unchanged')
  const asOfNow = await app.inject(`${URL}?as_of=${new Date().toISOString()}`)
  t.same(asOfNow.json().title, published.title, 'as_of reads the published version too')

  const draft = await app.inject({ url: `${URL}/draft`, headers: viewer.headers })
  t.equal(draft.statusCode, 200, 'a signed-in reader finds the working copy')
  t.same(draft.json().title, NEW_TITLE)
  t.equal(draft.headers.etag, `"v${published.version + 1}"`, 'with its own ETag')
  t.equal((await app.inject(`${URL}/draft`)).statusCode, 401, 'anonymous readers do not')
  const signedInGet = await app.inject({ url: URL, headers: viewer.headers })
  t.same(signedInGet.json().title, published.title, 'the entry itself is still the published version')

  const drafts = (await app.inject({ url: '/v1/instruments?status=draft&limit=200', headers: viewer.headers })).json()
  t.same(
    drafts.data.map((e: { id: string; title: unknown }) => [e.id, e.title]),
    [[ID, NEW_TITLE]],
    'a signed-in list of drafts shows the working copy',
  )

  const diff = await app.inject({
    url: `${URL}/diff?from=${published.version}&to=${published.version + 1}`,
    headers: viewer.headers,
  })
  t.same(
    diff.json().changes.map((c: { field: string }) => c.field),
    ['title'],
    'the diff compares the published version with the working copy',
  )
  const history = async () => (await app.inject({ url: `${URL}/revisions`, headers: viewer.headers })).json().data
  t.same((await history()).at(-1).changed_fields, ['status', 'title'], 'the revision names what changed, and only that')

  const submit = await app.inject({
    method: 'POST',
    url: `${URL}/submit`,
    headers: { ...curator.headers, 'if-match': draft.headers.etag },
    payload: { comment: 'Title as amended' },
  })
  t.match(submit.json(), { status: 'in_review', version: published.version + 2 })
  t.same(await publicView(app), before, 'in review, still unseen by the public')
  const inReview = await app.inject({ url: '/v1/instruments?status=in_review', headers: viewer.headers })
  t.same(
    inReview.json().data.map((e: { id: string }) => e.id),
    [ID],
    'listed among entries in review',
  )

  const publish = await app.inject({
    method: 'POST',
    url: `${URL}/publish`,
    headers: { ...editor.headers, 'if-match': submit.headers.etag },
  })
  t.equal(publish.statusCode, 200)
  t.match(publish.json(), { status: 'published', version: published.version + 3, title: NEW_TITLE })

  const after = await publicView(app)
  t.same(after.get.body.title, NEW_TITLE, 'published: the public get shows the change')
  t.same(after.listed.title, NEW_TITLE, 'the list does')
  t.ok(
    after.found.some(
      ([id, title]: [string, unknown]) => id === ID && JSON.stringify(title) === JSON.stringify(NEW_TITLE),
    ),
    'search does',
  )
  t.same(after.exported.title, NEW_TITLE, 'the export does')
  t.equal(after.feedLength, before.feedLength + 1, 'the change feed has one change: the publication')
  t.equal((await app.inject({ url: `${URL}/draft`, headers: viewer.headers })).statusCode, 404, 'no working copy left')

  t.same(
    (await history())
      .slice(-3)
      .map((r: { action: string; working: boolean; comment: string | null }) => [r.action, r.working, r.comment]),
    [
      ['update', true, null],
      ['submit', true, 'Title as amended'],
      ['publish', false, null],
    ],
    'the history holds each step, with the comment',
  )
})

t.test('discarding drops the working copy and leaves the published version as it was', async (t) => {
  const { app, database } = await testApp(t)
  const { curator, viewer } = await roleKeys(app, await adminSession(app))
  const before = await publicView(app)
  const edit = await app.inject({
    method: 'PATCH',
    url: URL,
    headers: { ...curator.headers, 'content-type': 'application/merge-patch+json', 'if-match': before.get.etag },
    payload: { acronym: 'DISCARD-ME' },
  })
  const discard = (etag: string) =>
    app.inject({ method: 'POST', url: `${URL}/discard`, headers: { ...curator.headers, 'if-match': etag } })
  t.equal((await discard(before.get.etag as string)).statusCode, 412, 'If-Match names the working copy')
  const dropped = await discard(edit.headers.etag as string)
  t.equal(dropped.statusCode, 200)
  t.same(dropped.json(), before.get.body, 'the answer is the published version')
  t.equal((await app.inject({ url: `${URL}/draft`, headers: viewer.headers })).statusCode, 404)
  t.same(await publicView(app), before, 'nothing public changed')
  t.equal(await countRows(database, 'working_copies'), 0, 'no working copy is left')
  t.equal((await discard(before.get.etag as string)).statusCode, 404, 'nothing more to discard')

  const again = await app.inject({
    method: 'PATCH',
    url: URL,
    headers: { ...curator.headers, 'content-type': 'application/merge-patch+json', 'if-match': before.get.etag },
    payload: { acronym: 'AGAIN' },
  })
  t.equal(again.statusCode, 200, 'a new working copy can start from the published version')
  t.ok(again.json().version > edit.json().version, 'with a version after every earlier one')
})

t.test('a working copy cannot be archived around, and an entry never published has no draft to discard', async (t) => {
  const { app } = await testApp(t)
  const { curator, editor } = await roleKeys(app, await adminSession(app))
  const assessment = (await app.inject('/v1/assessments?limit=1')).json().data[0]
  const url = `/v1/assessments/${assessment.id}`
  const edit = await app.inject({
    method: 'PATCH',
    url,
    headers: {
      ...curator.headers,
      'content-type': 'application/merge-patch+json',
      'if-match': `"v${assessment.version}"`,
    },
    payload: { notes: { en: 'A note.', zh: '备注。' } },
  })
  const archive = await app.inject({
    method: 'POST',
    url: `${url}/archive`,
    headers: { ...editor.headers, 'if-match': edit.headers.etag },
  })
  t.equal(archive.statusCode, 409, 'archiving with a working copy pending is refused')
  t.match(archive.json().detail, /publish or discard it first/)

  const created = await app.inject({
    method: 'POST',
    url: '/v1/sources',
    headers: curator.headers,
    payload: NEW_SOURCE,
  })
  t.equal(created.statusCode, 201)
  const draft = await app.inject({ url: `/v1/sources/${NEW_SOURCE.id}/draft`, headers: curator.headers })
  t.same(draft.json(), created.json(), 'a new entry is its own working copy')
  const discard = await app.inject({
    method: 'POST',
    url: `/v1/sources/${NEW_SOURCE.id}/discard`,
    headers: { ...curator.headers, 'if-match': created.headers.etag },
  })
  t.equal(discard.statusCode, 409, 'with nothing published to fall back to, it is archived instead')
})
