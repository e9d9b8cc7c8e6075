import t from 'tap'
import { sql } from 'drizzle-orm'
import { COLLECTION_NAMES, SEARCH_CANDIDATES, collectionSpecs, type CollectionName } from '@chain-atlas/types'
import { rowsOf } from '@chain-atlas/db'
import { testApp } from '../../../helpers/app.ts'
import type { TestDatabase } from '../../../helpers/database.ts'

type Hit = {
  collection: string
  id: string
  title: { en: string; zh: string }
  status: string
  match: { rank: number; fields: string[]; snippet?: string }
}

t.test('one search box: every collection, one ranking, counts per collection, cursor pages', async (t) => {
  const { app } = await testApp(t)
  const q = encodeURIComponent('半导体')
  const first = (await app.inject(`/v1/search?q=${q}&limit=7`)).json()
  const counts = first.counts as Record<string, number>
  t.same(Object.keys(first.meta).sort(), ['has_more', 'limit', 'next_cursor'], 'the meta of every list')
  t.same(Object.keys(counts).sort(), [...COLLECTION_NAMES].sort(), 'a count for every collection')
  for (const collection of COLLECTION_NAMES) {
    const listed = (await app.inject(`/v1/${collection}?q=${q}&count=true&limit=1`)).json().meta.total
    t.equal(counts[collection], listed, `${collection}: as many as its list finds`)
  }
  t.ok(Object.values(counts).filter((n) => n > 0).length > 1, 'hits in several collections')

  const hits: Hit[] = [...first.data]
  const laterCounts: Record<string, number>[] = []
  let cursor = first.meta.next_cursor
  while (cursor) {
    const page = (await app.inject(`/v1/search?q=${q}&limit=7&cursor=${cursor}`)).json()
    hits.push(...page.data)
    laterCounts.push(page.counts)
    cursor = page.meta.next_cursor
  }
  t.ok(laterCounts.length > 1, `${laterCounts.length} more pages`)
  t.ok(
    laterCounts.every((later) => JSON.stringify(later) === JSON.stringify(counts)),
    'every page gives the same counts, also once a collection has no hit left to page through',
  )
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  t.equal(hits.length, total, 'the pages hold every hit')
  t.equal(new Set(hits.map((h) => `${h.collection}/${h.id}`)).size, total, 'each once')
  const ranks = hits.map((h) => h.match.rank)
  t.same(
    ranks,
    [...ranks].sort((a, b) => b - a),
    'in one ranking, best first, across pages',
  )
  t.ok(
    hits.every((h) => h.title.en && h.title.zh && h.match.fields.length),
    'each with its title in both languages and the fields that matched',
  )
  t.equal(
    hits[0]!.match.snippet,
    '<mark>半导体</mark>',
    'and a highlighted snippet: the whole word, its two pairs as one mark',
  )
  // A hit is read in part (its title and searchable fields): it says what the entry and its list say.
  for (const hit of first.data as Hit[]) {
    const entry = (await app.inject(`/v1/${hit.collection}/${hit.id}`)).json()
    const listed = (await app.inject(`/v1/${hit.collection}?q=${q}&limit=100`)).json()
    const title = entry[collectionSpecs[hit.collection as CollectionName].titleField] ?? {}
    t.same(hit.title, { en: title.en ?? '', zh: title.zh ?? '' }, `${hit.id}: the entry's title`)
    t.equal(hit.status, entry.status, `${hit.id}: its status`)
    t.same(hit.match, listed.data.find((e: { id: string }) => e.id === hit.id)?.match, `${hit.id}: its list's match`)
  }
})

t.test('the search box finds an act by its title first, in either language', async (t) => {
  const { app } = await testApp(t)
  for (const q of ['CHIPS and Science Act', '芯片与科学法案']) {
    // The act's official text (a source record on Congress.gov) carries the same title and may rank beside it.
    const top = (await app.inject(`/v1/search?q=${encodeURIComponent(q)}`)).json().data.slice(0, 2)
    t.match(
      top.find((hit: { collection: string }) => hit.collection === 'instruments'),
      { id: 'us-chips-and-science-act-2022' },
      q,
    )
    t.ok(
      top.every((hit: { id: string }) => hit.id.includes('chips-and-science-act')),
      `${q}: the act and its official text lead`,
    )
  }
  t.equal((await app.inject('/v1/search')).statusCode, 400, 'q is required')
  const drafts = await app.inject('/v1/search?q=chips&status=draft')
  t.equal(drafts.statusCode, 401, 'drafts need a signed-in user')
  const page = (await app.inject('/v1/search?q=chips&limit=2')).json()
  const other = await app.inject(`/v1/search?q=semiconductor&limit=2&cursor=${page.meta.next_cursor}`)
  t.equal(other.statusCode, 400, 'a cursor continues only its own search')
})

/**
 * A word in 1,200 entries' notes and one entry's title, that entry written last (last in the
 * table's order too): what a common word looks like at a million entries, in miniature.
 */
const commonWord = async (database: TestDatabase) => {
  const execute = (query: string) => database.db.execute(sql.raw(query))
  const columns = rowsOf<{ column_name: string }>(
    await execute(
      "select column_name from information_schema.columns where table_name = 'instruments' and is_generated = 'NEVER' order by ordinal_position",
    ),
  ).map((c) => c.column_name)
  const copy = (id: string, tokens: string, rows: number) => {
    const values = columns.map((c) => (c === 'id' ? `${id} || g` : c === 'search_tokens' ? `'${tokens}'` : `"${c}"`))
    return `insert into instruments (${columns.map((c) => `"${c}"`).join(', ')})
      select ${values.join(', ')} from instruments, generate_series(1, ${rows}) g
      where id = (select min(id) from instruments where status = 'published')`
  }
  await execute(copy("'mention-'", 'zyxcommon:1C', 1200))
  await execute(copy("'named-'", 'zyxcommon:1A', 1))
}

t.test(
  'a word common to many entries: the search ranks a bounded set, what names it first; sort lists them all',
  async (t) => {
    const { app, database } = await testApp(t)
    await commonWord(database)
    const ranked = (await app.inject('/v1/instruments?q=zyxcommon&count=true&limit=3')).json()
    t.equal(ranked.data[0].id, 'named-1', 'the entry named by the word first, though written last')
    // The mentions ranked are the first read in the table's order, which may hold the named entry
    // too: it goes wherever the table has room (a page the seed left space in, say).
    t.ok(
      ranked.meta.total === SEARCH_CANDIDATES || ranked.meta.total === SEARCH_CANDIDATES + 1,
      `it and the first candidates that only mention it, not all 1,200 (${ranked.meta.total})`,
    )
    const everything = (await app.inject('/v1/search?q=zyxcommon&limit=3')).json()
    t.equal(everything.data[0].id, 'named-1', 'the search box too')
    t.equal(everything.counts.instruments, ranked.meta.total, 'counting what it ranks, as the list does')
    const sorted = (await app.inject('/v1/instruments?q=zyxcommon&sort=id&count=true&limit=1')).json()
    t.equal(sorted.meta.total, 1201, 'with sort, every match')
  },
)
