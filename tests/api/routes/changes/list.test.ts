import t from 'tap'
import { COLLECTION_NAMES } from '@chain-atlas/types'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'

type App = Awaited<ReturnType<typeof testApp>>['app']
type Mirror = Record<string, Map<string, unknown>>

/** Follows the change feed from a cursor, applying each change to the mirror; returns the cursor to resume from. */
const follow = async (app: App, mirror: Mirror, since?: string) => {
  let cursor = since
  for (;;) {
    const res = await app.inject(`/v1/changes?limit=37${cursor ? `&cursor=${cursor}` : ''}`)
    if (res.statusCode !== 200) throw new Error(res.body)
    const { data, meta } = res.json()
    for (const change of data) {
      mirror[change.collection] ??= new Map()
      if (change.entity) mirror[change.collection]!.set(change.id, change.entity)
      else mirror[change.collection]!.delete(change.id)
    }
    cursor = meta.next_cursor
    if (!meta.has_more) return cursor!
  }
}

const asExport = (mirror: Mirror) =>
  Object.fromEntries(
    COLLECTION_NAMES.map((c) => [
      c,
      [...(mirror[c]?.values() ?? [])].sort((a: any, b: any) => a.id.localeCompare(b.id)),
    ]),
  )

const curatorWork = async (app: App) => {
  const keys = await roleKeys(app, await adminSession(app))
  const write = (method: 'POST' | 'PATCH', url: string, who: 'curator' | 'editor', payload?: object, etag?: string) =>
    app.inject({
      method,
      url,
      headers: { ...keys[who].headers, ...(etag ? { 'if-match': etag } : {}) },
      ...(payload ? { payload } : {}),
    })
  const source = { id: 'test-2025-feed', kind: 'news', title: { en: 'Feed test', zh: '测试' }, language: 'en' }
  await write('POST', '/v1/sources', 'curator', source)
  await write('POST', '/v1/sources/test-2025-feed/submit', 'curator', undefined, '"v1"')
  await write('POST', '/v1/sources/test-2025-feed/publish', 'editor', undefined, '"v2"')
  // An editor's change, through its working copy (v2), review (v3) and publication (v4).
  await write('PATCH', '/v1/economies/jp', 'editor', { summary: { en: 'Edited by an editor', zh: '编辑修改' } }, '"v1"')
  await write('POST', '/v1/economies/jp/submit', 'editor', undefined, '"v2"')
  await write('POST', '/v1/economies/jp/publish', 'editor', undefined, '"v3"')
  await write(
    'PATCH',
    '/v1/economies/kr',
    'curator',
    { summary: { en: 'Edited by a curator', zh: '馆员修改' } },
    '"v1"',
  ) // a working copy: the published version stays, and the feed says nothing
  await write('POST', '/v1/concepts/rule-voice/archive', 'editor', undefined, '"v1"')
  await write('POST', '/v1/sources', 'curator', { ...source, id: 'test-never-published' }) // a draft: not in the public feed
  return keys
}

t.test('a mirror built from the change feed equals the export, and resumes where it stopped', async (t) => {
  const { app } = await testApp(t)
  const mirror: Mirror = {}
  const cursor = await follow(app, mirror)
  t.same(asExport(mirror), (await app.inject('/v1/export')).json(), 'after the seed')

  await curatorWork(app)
  const resumed = await follow(app, mirror, cursor)
  t.same(asExport(mirror), (await app.inject('/v1/export')).json(), 'after creates, publishes, edits and an archive')
  t.not(
    (mirror.economies!.get('kr') as { summary: { en: string } }).summary.en,
    'Edited by a curator',
    'an unpublished change to a published entry never reaches the feed',
  )
  t.equal((mirror.economies!.get('jp') as { summary: { en: string } }).summary.en, 'Edited by an editor')
  t.notOk(mirror.concepts!.has('rule-voice'), 'an archived entry left the mirror')
  t.ok(mirror.sources!.has('test-2025-feed'), 'a published entry joined it')
  t.notOk(mirror.sources!.has('test-never-published'), 'drafts never reach the feed')

  const idle = (await app.inject(`/v1/changes?cursor=${resumed}`)).json()
  t.same(
    idle,
    { data: [], meta: { limit: 200, next_cursor: resumed, has_more: false } },
    'polling with nothing new keeps the cursor',
  )
  t.equal((await app.inject('/v1/changes?cursor=bogus')).statusCode, 400)
})

t.test('the feed starts from a moment too, and a moment with nothing after it resumes at the end', async (t) => {
  const { app } = await testApp(t)
  const seeded = (await app.inject('/v1/changes?limit=1000')).json()
  await new Promise((r) => setTimeout(r, 20))
  const moment = new Date().toISOString()
  const idle = (await app.inject(`/v1/changes?since=${moment}`)).json()
  t.same(idle.data, [], 'nothing since now')
  t.equal(idle.meta.next_cursor, seeded.meta.next_cursor, 'and the cursor is the end of the feed, to poll from')
  await curatorWork(app)
  const since = (await app.inject(`/v1/changes?since=${moment}&limit=1000`)).json().data
  const after = (await app.inject(`/v1/changes?cursor=${seeded.meta.next_cursor}&limit=1000`)).json().data
  t.ok(since.length > 0, 'the changes made since then')
  t.same(since, after, 'the same as following the cursor kept at that moment')
  t.ok(
    since.every((c: { at: string }) => c.at >= moment),
    'each made at or after it',
  )
  t.equal((await app.inject('/v1/changes?since=yesterday')).statusCode, 400, 'a time that is not RFC 3339: 400')
})

t.test('as_of reads the dataset as it was published at a moment', async (t) => {
  const { app } = await testApp(t)
  await new Promise((r) => setTimeout(r, 20))
  const then = new Date().toISOString()
  const exportThen = (await app.inject('/v1/export')).json()
  await new Promise((r) => setTimeout(r, 20))
  await curatorWork(app)

  const jpNow = (await app.inject('/v1/economies/jp')).json()
  const jpThen = (await app.inject(`/v1/economies/jp?as_of=${then}`)).json()
  t.equal(jpNow.summary.en, 'Edited by an editor')
  t.not(jpThen.summary.en, 'Edited by an editor', 'the summary as it was')
  t.equal(jpThen.version, 1)
  t.equal(
    (await app.inject(`/v1/concepts/rule-voice?as_of=${then}`)).statusCode,
    200,
    'an entry archived since is still there as of then',
  )
  t.equal((await app.inject(`/v1/sources/test-2025-feed?as_of=${then}`)).statusCode, 404, 'one published since is not')
  t.equal((await app.inject('/v1/economies/jp?as_of=2000-01-01T00:00:00Z')).statusCode, 404, 'nothing before the seed')

  t.same(
    (await app.inject(`/v1/export?as_of=${then}`)).json(),
    exportThen,
    'the export as of then equals the export taken then',
  )
  const pages: string[] = []
  let cursor: string | null = null
  do {
    const res: any = (await app.inject(`/v1/sectors?as_of=${then}&limit=10${cursor ? `&cursor=${cursor}` : ''}`)).json()
    pages.push(...res.data.map((s: { id: string }) => s.id))
    cursor = res.meta.next_cursor
  } while (cursor)
  t.same(
    pages,
    exportThen.sectors.map((s: { id: string }) => s.id),
    'lists page through the past too',
  )
  const filtered = (await app.inject(`/v1/economies?as_of=${then}&role=partner&q=japan&count=true`)).json()
  const expected = exportThen.economies
    .filter((e: any) => e.roles.includes('partner') && /\bjapan/i.test(JSON.stringify([e.id, e.name, e.summary ?? ''])))
    .map((e: { id: string }) => e.id)
  t.ok(expected.includes('jp'), 'the query has something to find')
  t.same(
    filtered.data.map((e: { id: string }) => e.id),
    expected,
    'filters and search apply to the past entries',
  )
  t.equal(filtered.data.find((e: { id: string }) => e.id === 'jp').version, 1, 'as they were then')
  t.equal(filtered.meta.total, expected.length)
  const sorted = await app.inject(`/v1/instruments?as_of=${then}&sort=-year`)
  t.equal(sorted.statusCode, 400, 'sort does not combine with as_of')
  t.match(sorted.json().errors, [{ pointer: '/query/as_of' }])
})
