import t from 'tap'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys, type Credentials } from '../../../helpers/accounts.ts'
import { NEW_SOURCE, newInstrument } from '../../../helpers/entities.ts'

type Injector = Awaited<ReturnType<typeof testApp>>['app']

const post = (app: Injector, who: Credentials, url: string, etag: string, payload?: unknown) =>
  app.inject({ method: 'POST', url, headers: { ...who.headers, 'if-match': etag }, ...(payload ? { payload } : {}) })

const queue = async (app: Injector, who: Credentials, query = '') => {
  const res = await app.inject({ url: `/v1/review-queue${query}`, headers: who.headers })
  return { status: res.statusCode, body: res.json() }
}

t.test('the review queue: what waits for an editor, oldest first, with author and comment', async (t) => {
  const { app } = await testApp(t)
  const admin = await adminSession(app)
  const { curator, editor, viewer } = await roleKeys(app, admin)

  t.equal((await app.inject('/v1/review-queue')).statusCode, 401, 'signed-in users only')
  t.same((await queue(app, viewer)).body.data, [], 'the seed leaves nothing in review')

  // Three entries in the workflow: a new source (by the curator), a new instrument and a change to a published one.
  const source = await app.inject({ method: 'POST', url: '/v1/sources', headers: curator.headers, payload: NEW_SOURCE })
  const instrument = await app.inject({
    method: 'POST',
    url: '/v1/instruments',
    headers: admin.headers,
    payload: newInstrument(),
  })
  const published = await app.inject('/v1/economies/jp')
  const edit = await app.inject({
    method: 'PATCH',
    url: '/v1/economies/jp',
    headers: { ...curator.headers, 'content-type': 'application/merge-patch+json', 'if-match': published.headers.etag },
    payload: { notes: { en: 'Checked against the paper.', zh: '已对照论文核对。' } },
  })
  t.equal(edit.statusCode, 200)

  const drafts = await queue(app, viewer, '?state=draft')
  t.same(
    drafts.body.data.map((i: { collection: string; id: string }) => `${i.collection}/${i.id}`),
    [`sources/${NEW_SOURCE.id}`, 'instruments/us-test-instrument-2025', 'economies/jp'],
    'drafts, the oldest change first',
  )
  t.match(drafts.body.data[0], {
    title: NEW_SOURCE.title,
    state: 'draft',
    version: 1,
    published_version: null,
    author: { id: String, name: 'curator key' },
  })
  t.match(drafts.body.data[1].author, { name: 'Admin' }, 'a user is named by display name')
  t.match(drafts.body.data[2], { published_version: published.json().version, version: edit.json().version })

  const mine = await queue(app, curator, '?state=draft&author=me')
  t.same(
    mine.body.data.map((i: { id: string }) => i.id),
    [NEW_SOURCE.id, 'jp'],
    '`author=me`: the entries I started',
  )

  await post(app, curator, `/v1/economies/jp/submit`, edit.headers.etag as string, { comment: 'Notes added' })
  await post(app, curator, `/v1/sources/${NEW_SOURCE.id}/submit`, source.headers.etag as string)
  const inReview = await queue(app, editor)
  t.same(
    inReview.body.data.map((i: { id: string; comment: string | null }) => [i.id, i.comment]),
    [
      ['jp', 'Notes added'],
      [NEW_SOURCE.id, null],
    ],
    'by default, what is in review, the one waiting longest first, with the submitter’s comment',
  )

  const page1 = await queue(app, viewer, '?state=draft,in_review&limit=2')
  const page2 = await queue(app, viewer, `?state=draft,in_review&limit=2&cursor=${page1.body.meta.next_cursor}`)
  t.same(
    [...page1.body.data, ...page2.body.data].map((i: { id: string }) => i.id).sort(),
    ['jp', NEW_SOURCE.id, 'us-test-instrument-2025'].sort(),
    'cursor pages give every entry once',
  )
  t.equal(page2.body.meta.next_cursor, null)
  t.equal((await queue(app, viewer, '?cursor=bm90LWEtY3Vyc29y')).status, 400, 'a forged cursor is a 400')
  t.equal((await queue(app, viewer, '?state=pending')).status, 400, 'an unknown state is a 400')
  t.ok(instrument.statusCode === 201)
})
