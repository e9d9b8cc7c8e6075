import { request } from 'node:http'
import t from 'tap'
import { sql } from 'drizzle-orm'
import { openDatabase } from '@chain-atlas/db'
import { buildApp } from '@chain-atlas/api'
import { loadConfig } from '../../../apps/api/src/config.ts'
import { testApp } from '../../helpers/app.ts'
import { adminSession, roleKeys } from '../../helpers/accounts.ts'
import { DATABASE_KIND, testDatabase } from '../../helpers/database.ts'
import { publishChange } from '../../helpers/entities.ts'

const ID = 'us-chips-and-science-act-2022'
const LIST = '/v1/instruments?economy=us&level=national'

/** Changes a title behind the API's back: no revision, no NOTIFY; only a cache miss can see it. */
const retitleSilently = (database: { db: any }, en: string) =>
  database.db.execute(
    sql`update instruments set title = jsonb_set(title, '{en}', to_jsonb(${en}::text)) where id = ${ID}`,
  )

const titleIn = (body: { data: { id: string; title: { en: string } }[] }) =>
  body.data.find((i) => i.id === ID)?.title.en

const patch = (app: any, headers: Record<string, string>, etag: string, body: unknown) =>
  app.inject({
    method: 'PATCH',
    url: `/v1/instruments/${ID}`,
    headers: { ...headers, 'content-type': 'application/merge-patch+json', 'if-match': etag },
    payload: body,
  })

t.test('anonymous published reads come from memory until a write changes what they depend on', async (t) => {
  const { app, database } = await testApp(t)
  const editor = (await roleKeys(app, await adminSession(app))).editor
  const first = await app.inject({ url: LIST })
  const get = await app.inject({ url: `/v1/instruments/${ID}` })
  const other = await app.inject({ url: '/v1/economies/jp' })
  t.equal(app.readCache.stats().entries, 3, 'the list and both gets are cached')

  await retitleSilently(database, 'Changed behind the cache')
  const again = await app.inject({ url: LIST })
  t.equal(again.body, first.body, 'the same bytes, from memory')
  t.equal(again.headers.etag, first.headers.etag, 'with the same ETag')
  t.equal(
    (await app.inject({ url: LIST, headers: { 'if-none-match': first.headers.etag as string } })).statusCode,
    304,
    '304 from the cache',
  )
  const gzip = await app.inject({ url: LIST, headers: { 'accept-encoding': 'gzip' } })
  t.equal(gzip.headers['content-encoding'], 'gzip', 'still compressed when asked')

  const draft = await patch(app, editor.headers, get.headers.etag as string, { acronym: 'DRAFTED' })
  t.equal(draft.statusCode, 200)
  t.equal((await app.inject({ url: LIST })).body, first.body, 'a working copy changes nothing public: still cached')
  await app.inject({
    method: 'POST',
    url: `/v1/instruments/${ID}/discard`,
    headers: { ...editor.headers, 'if-match': draft.headers.etag },
  })

  const write = await publishChange(app, editor.headers, `/v1/instruments/${ID}`, get.headers.etag as string, {
    acronym: 'CHIPS',
  })
  t.equal(write.statusCode, 200, 'edited, submitted, published')
  const fresh = await app.inject({ url: LIST })
  t.equal(titleIn(fresh.json()), 'Changed behind the cache', 'a write to an entry drops its collection’s lists')
  t.equal((await app.inject({ url: `/v1/instruments/${ID}` })).json().acronym, 'CHIPS', 'and its own get')
  t.equal((await app.inject({ url: '/v1/economies/jp' })).body, other.body, 'entries of other collections stay cached')
})

t.test('a full cache drops the answers not read for longest and keeps those still read', async (t) => {
  const { app, database } = await testApp(t, 'seeded', { READ_CACHE_MB: '1' })
  // Distinct URLs of about 75 KB each (every instrument is later than these years).
  const page = (year: number) => `/v1/instruments?limit=30&year_from=${year}`
  const titleOnPage = async (url: string) => (await app.inject({ url })).json().data[0].title.en as string
  const hot = page(1900)
  const cold = page(1901)
  const firstId = (await app.inject({ url: hot })).json().data[0].id as string
  await app.inject({ url: cold })
  // From now on only an answer computed anew shows the change; one kept in memory does not.
  await database.db.execute(
    sql`update instruments set title = jsonb_set(title, '{en}', to_jsonb('Changed behind the cache'::text)) where id = ${firstId}`,
  )
  let read = 0
  for (let year = 1902; read < 3 * 2 ** 20; year++) {
    read += (await app.inject({ url: page(year) })).rawPayload.length
    t.not(
      await titleOnPage(hot),
      'Changed behind the cache',
      `the page read all along is still in memory after ${year - 1901} others`,
    )
  }
  t.ok(
    app.readCache.stats().bytes <= 2 ** 20,
    'the cache holds no more than READ_CACHE_MB after three times as much was read',
  )
  t.equal(await titleOnPage(cold), 'Changed behind the cache', 'the page read once, first, was dropped')
})

/** A GET through node:http, which (unlike fetch) sends no Accept-Encoding unless told to. */
const get = (url: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res
        .on('data', (chunk) => chunks.push(chunk))
        .on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
      .on('error', reject)
      .end()
  })

const paths = [
  ['no rate limit: a hit is answered before routing', { RATE_LIMIT_PER_MINUTE: '0' }],
  ['a rate limit: a hit is answered once it is counted', { RATE_LIMIT_PER_MINUTE: '100000' }],
] as const

for (const [path, env] of paths) {
  t.test(`${path}, with the same headers and bytes as the answer computed and a request id of its own`, async (t) => {
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', ...env }), {
      database: await testDatabase(t, 'seeded'),
    })
    t.teardown(() => app.close())
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const perRequest = [
      'date',
      'x-request-id',
      'keep-alive',
      'connection',
      'ratelimit-remaining',
      'ratelimit-reset',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
    ]
    const same = (headers: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(headers).filter(([name]) => !perRequest.includes(name)))
    const cases: [string, Record<string, string>][] = [
      [LIST, {}],
      [`/v1/instruments/${ID}`, { origin: 'https://dashboard.example' }],
      ['/v1/economies?limit=3', { 'accept-encoding': 'gzip, br' }],
      ['/v1/compare?table=1', { 'accept-encoding': 'gzip', origin: 'https://dashboard.example' }],
    ]
    let sentWhole = 0
    for (const [url, headers] of cases) {
      const label = `${url} (${Object.keys(headers).join(', ') || 'no accept-encoding'})`
      const computed = await get(address + url, headers)
      if (computed.headers['content-encoding'] && computed.headers['content-length']) sentWhole++
      const fromMemory = await get(address + url, headers)
      t.same(same(fromMemory.headers), same(computed.headers), `${label}: the same headers`)
      t.ok(fromMemory.body.equals(computed.body), `${label}: the same bytes`)
      t.not(fromMemory.headers['x-request-id'], computed.headers['x-request-id'], `${label}: a request id of its own`)
      t.ok(fromMemory.headers.date, `${label}: dated`)
      const remaining = (r: typeof computed) =>
        Number(r.headers['x-ratelimit-remaining'] ?? r.headers['ratelimit-remaining'])
      if (env.RATE_LIMIT_PER_MINUTE !== '0')
        t.equal(remaining(fromMemory), remaining(computed) - 1, `${label}: counted by the rate limit`)
    }
    t.ok(sentWhole >= 2, 'answers up to 64 KiB are compressed whole')
    // Compress sends a big answer as a stream (the size depends on the machine's cores): that one is encoded each time.
    t.equal(
      app.readCache.stats().entries,
      cases.length + sentWhole,
      'each kept as the route made it, and as compress sent it whole',
    )

    const etag = (await get(address + LIST, {})).headers.etag as string
    const revalidated = await get(address + LIST, { 'if-none-match': etag, 'x-request-id': 'trace-42' })
    t.equal(revalidated.status, 304, 'a matching If-None-Match gets a 304 from memory')
    t.equal(revalidated.body.length, 0, 'with no body')
    t.equal(revalidated.headers['x-request-id'], 'trace-42', 'the client’s own request id comes back')
  })
}

t.test('credentials, as_of and drafts never go through the public cache', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const etag = (await app.inject({ url: `/v1/instruments/${ID}` })).headers.etag as string
  // A curator's edit goes to the working copy: the public keeps reading the published version.
  t.equal((await patch(app, keys.curator.headers, etag, { acronym: 'DRAFT' })).statusCode, 200)
  t.not((await app.inject({ url: `/v1/instruments/${ID}` })).json().acronym, 'DRAFT', 'anonymous readers do not see it')
  const signedIn = await app.inject({ url: `/v1/instruments/${ID}/draft`, headers: keys.viewer.headers })
  t.equal(signedIn.json().acronym, 'DRAFT', 'a signed-in viewer reads the draft')
  t.equal(signedIn.headers['cache-control'], 'private, no-cache')
  const drafts = await app.inject({ url: '/v1/instruments?status=draft', headers: keys.viewer.headers })
  t.equal(drafts.json().data.length, 1)
  const before = app.readCache.stats().entries
  await app.inject({ url: `/v1/instruments?as_of=${new Date().toISOString()}` })
  t.equal(app.readCache.stats().entries, before, 'signed-in reads and as_of reads are not stored')
  t.equal(
    (await app.inject({ url: '/v1/instruments?status=draft' })).statusCode,
    401,
    'and the cache gives drafts to nobody',
  )
})

t.test(`a second API process on the same ${DATABASE_KIND} database hears of a write through NOTIFY`, async (t) => {
  const { app, database } = await testApp(t)
  const editor = (await roleKeys(app, await adminSession(app))).editor
  // The other process: its own connections to the same database (PGlite: the same embedded one).
  const otherDatabase = database.url ? await openDatabase({ databaseUrl: database.url, maxConnections: 2 }) : database
  const other = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { database: otherDatabase })
  t.teardown(async () => {
    await other.close()
    if (otherDatabase !== database) await otherDatabase.close()
  })
  await other.ready()
  const cached = await other.inject({ url: LIST })
  await retitleSilently(database, 'Renamed, then announced')
  t.equal((await other.inject({ url: LIST })).body, cached.body, 'the other process serves its cached list')

  const etag = (await app.inject({ url: `/v1/instruments/${ID}` })).headers.etag as string
  t.equal(
    (await publishChange(app, editor.headers, `/v1/instruments/${ID}`, etag, { acronym: 'CHIPS' })).statusCode,
    200,
    'a change is published through the first process',
  )
  let title: string | undefined
  for (let i = 0; i < 100 && title !== 'Renamed, then announced'; i++) {
    await new Promise((r) => setTimeout(r, 20))
    title = titleIn((await other.inject({ url: LIST })).json())
  }
  t.equal(title, 'Renamed, then announced', 'the other process drops its stale list')
})

t.test('READ_CACHE_MB=0 turns the cache off', async (t) => {
  const database = await testDatabase(t, 'migrated')
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', READ_CACHE_MB: '0' }), { database })
  t.teardown(() => app.close())
  await app.inject({ url: '/v1/economies' })
  t.equal(app.readCache.stats().entries, 0)
})

// The last two take comma lists: a copy in another encoding is made from the plain one before the
// query is validated (and its lists split), so nothing may read the route's parameters then.
for (const url of [LIST, '/v1/economies?include=sources&limit=3', `/v1/instruments/${ID}?include=economy,sources`])
  t.test(`${url}: kept once per encoding chosen, however clients spell Accept-Encoding`, async (t) => {
    // Keyed on the header's text, each spelling a client invented was another copy (and another compression).
    const { app } = await testApp(t)
    const plain = await app.inject({ url })
    t.equal(app.readCache.stats().entries, 1, 'the plain answer')
    const spellings: [string, string | undefined][] = [
      ['gzip', 'gzip'],
      ['GZIP', 'gzip'],
      ['x-gzip', 'gzip'],
      ['gzip, deflate', 'gzip'],
      ['deflate;q=0.5, gzip', 'gzip'],
      ['gzip, deflate, br, zstd', 'br'],
      ['br;q=1.0, gzip;q=0.8', 'br'],
      ['gzip;q=0, identity', undefined],
      ['identity', undefined],
      ['compress, unknown', undefined],
    ]
    for (const [header, encoding] of spellings)
      for (const turn of ['first', 'again']) {
        const res = await app.inject({ url, headers: { 'accept-encoding': header } })
        t.equal(res.statusCode, 200, `${header} (${turn})`)
        t.equal(res.headers['content-encoding'], encoding, `${header} (${turn}): ${encoding ?? 'plain bytes'}`)
        t.equal(res.headers.etag, plain.headers.etag, `${header} (${turn}): the answer's ETag`)
        t.equal(res.headers['cache-tag'], plain.headers['cache-tag'], `${header} (${turn}): the answer's tags`)
        if (!encoding) t.equal(res.body, plain.body, `${header} (${turn}): the plain answer's bytes`)
      }
    t.equal(app.readCache.stats().entries, 3, 'three copies: plain, gzip and br')
  })
