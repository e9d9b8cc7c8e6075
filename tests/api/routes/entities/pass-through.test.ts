import t from 'tap'
import Fastify from 'fastify'
import { COLLECTION_NAMES } from '@chain-atlas/types'
import { sql } from 'drizzle-orm'
import {
  builtEntityJson,
  canonicalJson,
  entityJson,
  publicJsonFunctionBody,
  publicJsonFunctionName,
  rowsOf,
  schema,
  toEntity,
  type Database,
} from '@chain-atlas/db'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'
import { publishChange } from '../../../helpers/entities.ts'
import { publishNewInstrument } from '../../../helpers/webhooks.ts'
import { checkPassedThrough, passThrough } from '../../../../apps/api/src/pass-through.ts'

// Anonymous lists and gets answer the JSON PostgreSQL builds for each entry (issue 24, item 3).
// These tests hold it to what the API built in JavaScript before, entry by entry.

/** Entries whose stored JSON (`public_json`, kept by a trigger) is not what their columns build now. */
const staleJson = async (db: Database) => {
  const stale: string[] = []
  for (const collection of COLLECTION_NAMES) {
    const table = schema.tableOf(collection)
    const rows = rowsOf<{ id: string }>(
      await db.execute(
        sql`select id from ${table} where ${entityJson(collection)} is distinct from ${builtEntityJson(collection)}`,
      ),
    )
    stale.push(...rows.map((row) => `${collection}/${row.id}`))
  }
  return stale
}

t.test('PostgreSQL keeps the same JSON as toEntity for every entry of every collection', async (t) => {
  const { database } = await testApp(t)
  for (const collection of COLLECTION_NAMES) {
    const table = schema.tableOf(collection)
    const rows = await database.db.select().from(table)
    const built = rowsOf<{ id: string; json: string }>(
      await database.db.execute(sql`select id, ${entityJson(collection)} as json from ${table}`),
    )
    const byId = new Map(built.map((row) => [row.id, row.json]))
    let same = 0
    for (const row of rows as Record<string, unknown>[]) {
      const json = byId.get(row.id as string)
      if (json !== undefined && canonicalJson(JSON.parse(json)) === canonicalJson(toEntity(collection, row))) same++
      else t.fail(`${collection}/${row.id as string}: ${json}`)
    }
    t.equal(same, rows.length, `${collection}: all ${rows.length} entries`)
  }
  t.same(await staleJson(database.db), [], 'every stored JSON is what the columns build now')
})

t.test('the triggers in the database build what the code builds: a change of fields needs a migration', async (t) => {
  const { database } = await testApp(t)
  for (const collection of COLLECTION_NAMES) {
    const name = publicJsonFunctionName(collection)
    const [fn] = rowsOf<{ body: string }>(
      await database.db.execute(sql`select prosrc as body from pg_proc where proname = ${name}`),
    )
    t.equal(
      fn?.body,
      publicJsonFunctionBody(collection),
      `${name}: as \`pnpm db:public-json\` writes it (a new migration should install its output)`,
    )
    const [trigger] = rowsOf<{ enabled: string }>(
      await database.db.execute(sql`select tgenabled as enabled from pg_trigger where tgname = ${name}`),
    )
    t.equal(trigger?.enabled, 'A', `${name}: fires always, in a session that skips triggers too`)
  }
})

t.test('a bulk load that skips triggers (session_replication_role) still keeps each row’s JSON', async (t) => {
  const { database } = await testApp(t)
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`)
    await tx.execute(sql`update instruments set title = jsonb_set(title, '{en}', '"Loaded in bulk"') where id = (
      select min(id) from instruments where status = 'published')`)
    await tx.execute(
      sql.raw(`insert into economies (id, status, kind, name, region) select 'zz-bulk', 'published', kind, name, region
      from economies where id = 'us'`),
    )
  })
  t.same(await staleJson(database.db), [], 'every stored JSON is what the columns build')
  const [loaded] = rowsOf<{ json: string }>(
    await database.db.execute(sql`select public_json as json from economies where id = 'zz-bulk'`),
  )
  t.equal(JSON.parse(loaded!.json).id, 'zz-bulk', 'a row inserted in bulk has its JSON')
})

t.test('an anonymous list and get answer what a signed-in reader gets, awkward text and all', async (t) => {
  const { app, database } = await testApp(t)
  const admin = await adminSession(app)
  const { editor } = await roleKeys(app, admin)
  const id = 'us-pass-through-test-2025'
  await publishNewInstrument(app, editor.headers, id)
  // Quotes, a backslash, control characters, a line break, an emoji and CJK; no year (a required null).
  const awkward = { en: 'A "quoted" \\ back\tslash\nline \u0001 😀', zh: '“引号”与\\反斜杠 𠀀' }
  const current = await app.inject({ url: `/v1/instruments/${id}`, headers: editor.headers })
  const edit = await app.inject({
    method: 'PATCH',
    url: `/v1/instruments/${id}`,
    headers: { ...editor.headers, 'content-type': 'application/merge-patch+json', 'if-match': current.headers.etag },
    payload: { title: awkward, year: null, acronym: null },
  })
  t.equal(edit.statusCode, 200, 'the edit is saved')
  for (const step of ['submit', 'publish']) {
    const before = await app.inject({ url: `/v1/instruments/${id}/draft`, headers: editor.headers })
    const res = await app.inject({
      method: 'POST',
      url: `/v1/instruments/${id}/${step}`,
      headers: { ...editor.headers, 'if-match': before.headers.etag },
    })
    t.equal(res.statusCode, 200, step)
  }

  const anonymous = await app.inject(`/v1/instruments/${id}`)
  const signedIn = await app.inject({ url: `/v1/instruments/${id}`, headers: editor.headers })
  t.equal(anonymous.statusCode, 200)
  t.equal(anonymous.headers['content-type'], 'application/json; charset=utf-8')
  t.same(anonymous.json(), signedIn.json(), 'the same entry, field for field')
  t.equal(anonymous.json().title.en, awkward.en, 'text survives PostgreSQL’s escaping')
  t.equal(anonymous.json().year, null, 'a required field without a value is sent as null')
  t.notOk('acronym' in anonymous.json(), 'an optional field without a value is left out')
  t.equal(anonymous.headers.etag, signedIn.headers.etag, 'the same ETag, of the entry’s version')
  t.same(await staleJson(database.db), [], 'each write kept the entry’s stored JSON up to date')

  const list = await app.inject('/v1/instruments?economy=us&limit=200&count=true')
  // Asking for drafts too takes the JavaScript path (only published entries are passed through).
  const listed = await app.inject({
    url: '/v1/instruments?economy=us&limit=200&count=true&status=published,draft',
    headers: editor.headers,
  })
  const published = listed.json().data.filter((e: { status: string }) => e.status === 'published')
  t.same(list.json().data, published, 'a list gives the same entries as the JavaScript path, in order')
  t.same(list.json().meta.total, published.length, '`count` still counts')
  // Searches of every collection, in both languages: the same hits and matches as in JavaScript.
  // A last word being typed matches as a prefix (`semicon`), an acronym in capitals as a word.
  const searches = {
    instruments: ['quoted back', 'chips', '芯片', '引号', 'export semicon', 'EAR', 'Chips 法案'],
  } as Record<string, string[]>
  for (const collection of COLLECTION_NAMES) {
    let hits = 0
    for (const q of [...(searches[collection] ?? []), 'china', '中国', 'security', '安全', 'industry', '产业']) {
      const url = `/v1/${collection}?q=${encodeURIComponent(q)}&limit=200`
      const found = (await app.inject(url)).json().data
      const asSignedIn = (await app.inject({ url: `${url}&status=published,draft`, headers: editor.headers })).json()
        .data
      hits += found.length
      t.same(
        found,
        asSignedIn.filter((e: { status: string }) => e.status === 'published'),
        `${collection} q=${q}: the same hits, matches and order as the JavaScript path`,
      )
    }
    t.ok(hits > 0, `${collection}: the searches find entries`)
  }

  const missing = await app.inject('/v1/instruments/us-no-such-instrument')
  t.equal(missing.statusCode, 404)
  t.equal(missing.headers['content-type'], 'application/problem+json; charset=utf-8', 'a miss is still a problem')
})

t.test('a search finds the same matches in rows written before their search fields were kept', async (t) => {
  const { app, database } = await testApp(t, 'seeded', { READ_CACHE_MB: '0' })
  const queries = ['chips', '芯片', 'semicon', 'supply chain', '供应链安全', 'Japan export control', 'EAR']
  const urls = COLLECTION_NAMES.flatMap((collection) =>
    queries.map((q) => `/v1/${collection}?q=${encodeURIComponent(q)}&limit=200`),
  )
  const answers = async () => Promise.all(urls.map(async (url) => (await app.inject(url)).json().data))
  const kept = await answers()
  const hits = kept.flat()
  t.ok(hits.length > 100, `the searches find ${hits.length} entries in all`)
  t.ok(
    hits.every((hit: { match: { fields: string[] } }) => hit.match.fields.length),
    'each with the fields that hold a term',
  )
  for (const collection of COLLECTION_NAMES)
    await database.db.update(schema.tableOf(collection)).set({ search_fields: null })
  t.same(await answers(), kept, 'matched in the API, the same fields and snippets')
  // Stale search tokens, as after a change of the searchable fields: migrating writes them again.
  for (const collection of COLLECTION_NAMES)
    await database.db.update(schema.tableOf(collection)).set({ search_tokens: '' })
  t.equal((await answers()).flat().length, 0, 'without their search tokens, no entry is found')
  await database.migrate()
  for (const collection of COLLECTION_NAMES) {
    const unfilled = await database.db.$count(schema.tableOf(collection), sql`search_fields is null`)
    t.equal(unfilled, 0, `${collection}: migrating writes the search documents of the rows without them`)
  }
  t.same(await answers(), kept, 'and PostgreSQL finds the same matches again')
})

t.test('pages passed through page like the others: each entry once, cursors and all', async (t) => {
  const { app } = await testApp(t)
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const url: string = `/v1/instruments?sort=-year&limit=9${cursor ? `&cursor=${cursor}` : ''}`
    const body = (await app.inject(url)).json()
    seen.push(...body.data.map((e: { id: string }) => e.id))
    cursor = body.meta.next_cursor
    t.equal(body.meta.has_more, cursor !== null)
  } while (cursor)
  const all = (await app.inject('/v1/instruments?sort=-year&limit=200')).json().data.map((e: { id: string }) => e.id)
  t.same(seen, all, 'nine at a time, in the same order as one page')
})

t.test('a page’s ETag changes exactly when its bytes do: a list and a search', async (t) => {
  const { app } = await testApp(t)
  const admin = await adminSession(app)
  const { editor } = await roleKeys(app, admin)
  const urls = [
    '/v1/instruments?economy=us&limit=5',
    '/v1/instruments?q=chips&limit=5',
    '/v1/instruments?q=芯片&limit=5',
  ]
  const read = async (url: string) => {
    const res = await app.inject(encodeURI(url))
    t.equal(res.statusCode, 200, url)
    return { etag: String(res.headers.etag), body: res.body }
  }
  const before = await Promise.all(urls.map(read))
  for (const [i, url] of urls.entries()) {
    t.same(await read(url), before[i], `${url}: asked again, the same bytes and ETag`)
    const again = await app.inject({ url: encodeURI(url), headers: { 'if-none-match': before[i]!.etag } })
    t.equal(again.statusCode, 304, `${url}: the ETag revalidates it`)
  }
  const pages = [await read('/v1/instruments?economy=us&limit=4'), await read('/v1/instruments?economy=us&limit=6')]
  t.equal(new Set([before[0]!.etag, ...pages.map((p) => p.etag)]).size, 3, 'other pages, other ETags')

  // An entry on every page is edited and published again: each page's bytes and ETag change.
  const id = JSON.parse(before[1]!.body).data[0].id as string
  t.ok(
    before.every((page) => JSON.parse(page.body).data.some((e: { id: string }) => e.id === id)),
    `${id} is on each page`,
  )
  const current = await app.inject({ url: `/v1/instruments/${id}`, headers: editor.headers })
  const summary = { ...current.json().summary, en: `${current.json().summary.en} Edited.` }
  const published = await publishChange(app, editor.headers, `/v1/instruments/${id}`, current.headers.etag!, {
    summary,
  })
  t.equal(published.statusCode, 200, 'edited, submitted, published')
  for (const [i, url] of urls.entries()) {
    const after = await read(url)
    t.not(after.body, before[i]!.body, `${url}: new bytes`)
    t.not(after.etag, before[i]!.etag, `${url}: a new ETag`)
    const stale = await app.inject({ url: encodeURI(url), headers: { 'if-none-match': before[i]!.etag } })
    t.equal(stale.statusCode, 200, `${url}: the old ETag no longer revalidates`)
  }
})

t.test('a statement built once for a shape of query answers each set of values of that shape', async (t) => {
  const { app } = await testApp(t)
  const admin = await adminSession(app)
  const { editor } = await roleKeys(app, admin)
  // Pairs of one shape (the same filters, as many values, a cursor or not), asked one after the
  // other: each must answer its own values, as the JavaScript path (an editor's, drafts and all) does.
  const queries = [
    ['economy=us&level=national', 'economy=jp&level=regional'],
    ['economy=us,eu&sort=-year', 'economy=jp,cn&sort=-year'],
    ['partner=mx', 'partner=jp'],
    ['year_from=2020&year_to=2021', 'year_from=2015&year_to=2016'],
    ['has_amount=true', 'has_amount=false'],
    ['updated_since=2000-01-01T00:00:00Z', 'updated_since=2999-01-01T00:00:00Z'],
    // Searches: the same number of terms and of Chinese characters, other words.
    ['q=security', 'q=chips'],
    ['q=supply%20chain', 'q=export%20control'],
    [`q=${encodeURIComponent('芯片')}`, `q=${encodeURIComponent('出口')}`],
    [`q=${encodeURIComponent('美欧')}`, `q=${encodeURIComponent('日美')}`],
    ['q=Jap', 'q=sem'],
    ['q=security&sort=-year', 'q=technology&sort=-year'],
    ['q=security&sort=updated_at', 'q=technology&sort=updated_at'],
    ['q=security&economy=us', 'q=technology&economy=jp'],
  ]
  for (const pair of queries) {
    const answers = []
    for (const query of pair) {
      const answer = await app.inject(`/v1/instruments?${query}&limit=5`)
      t.equal(answer.statusCode, 200, query)
      const first = answer.json()
      const next = first.meta.next_cursor
        ? (await app.inject(`/v1/instruments?${query}&limit=5&cursor=${first.meta.next_cursor}`)).json()
        : { data: [] }
      const asked = (await app.inject({ url: `/v1/instruments?${query}&limit=200`, headers: editor.headers })).json()
      const published = asked.data.filter((e: { status: string }) => e.status === 'published').slice(0, 10)
      t.same([...first.data, ...next.data], published, `${query}: the same entries, over two pages`)
      answers.push(JSON.stringify(published))
    }
    t.not(answers[0], answers[1], `${pair.join(' and ')}: two different answers`)
  }
})

t.test('in tests, an answer passed through that its schema would not serialize as sent fails', async (t) => {
  const app = Fastify()
  checkPassedThrough(app)
  const Entry = {
    type: 'object',
    properties: { id: { type: 'string' }, year: { type: 'integer' } },
    required: ['id', 'year'],
  }
  const route = (url: string, json: string) =>
    app.get(
      url,
      { schema: { response: { 200: { content: { 'application/json': { schema: Entry } } } } } },
      async (_request, reply) => passThrough(reply, json),
    )
  route('/right', '{"id":"a","year":2024}')
  route('/extra', '{"id":"a","year":2024,"secret":"x"}')
  route('/wrong-type', '{"id":"a","year":"2024"}')
  route('/missing', '{"id":"a"}')
  t.teardown(() => app.close())
  t.equal((await app.inject('/right')).statusCode, 200)
  for (const url of ['/extra', '/wrong-type', '/missing']) t.equal((await app.inject(url)).statusCode, 500, url)
})
