import { fillPlaceholders, inArray, sql, type SQL } from 'drizzle-orm'
import { COLLECTION_NAMES, collectionSpecs, type CollectionName, type Status } from '@chain-atlas/types'
import type { Executor } from './client.ts'
import { sparseEntityJson } from './entity-json.ts'
import { searchStatementOfShape } from './list-json.ts'
import {
  rankedCandidates,
  rankedSearchValues,
  searchConditions,
  searchMatcher,
  searchValues,
  type Bind,
} from './queries.ts'
import { firstRowRaw, statementOf, type Statement } from './raw-row.ts'
import { cjkCharacters, searchTerms } from './search.ts'
import { largeCollectionSearch, type LargeCollectionSearch } from './term-stats.ts'
import { tableOf as table } from './schema/index.ts'

/** Where a page of hits across collections ends: rank, then collection (in the API's order), then id. */
export type SearchKeyset = { rank: number; collection: CollectionName; id: string }

export type SearchHit = {
  collection: CollectionName
  id: string
  title: { en: string; zh: string }
  status: Status
  match: ReturnType<ReturnType<typeof searchMatcher>>
}

type Options = { statuses: Status[]; limit: number; after?: SearchKeyset }

/** How each collection's ranked search reads its candidates, in `COLLECTION_NAMES` order (`largeCollectionSearch`). */
type Reading = (LargeCollectionSearch | undefined)[]

const order = (collection: CollectionName) => COLLECTION_NAMES.indexOf(collection)

/** What a hit is built from: its status, title and searchable fields (for `match`), not the rest of the entry. */
const hitFields = Object.fromEntries(
  COLLECTION_NAMES.map((c) => {
    const { titleField, searchFields } = collectionSpecs[c]
    return [c, [...new Set(['status', titleField, ...searchFields])]]
  }),
) as Record<CollectionName, string[]>

/** The hits of one collection after the position, in the one ranking across collections. */
const afterPosition = (collection: CollectionName, after?: SearchKeyset): SQL => {
  if (!after) return sql`true`
  const rank = sql`${sql.placeholder('after.rank')}::real`
  if (order(collection) < order(after.collection)) return sql`rank < ${rank}`
  if (order(collection) > order(after.collection)) return sql`rank <= ${rank}`
  return sql`(rank < ${rank} or (rank = ${rank} and id > ${sql.placeholder('after.id')}))`
}

/**
 * The statement of a search across every collection, with placeholders for its values (each
 * collection's named after it: how a large one reads its candidates differs). One row: how many
 * entries each collection ranks (a JSON array, in `COLLECTION_NAMES` order), and the page's hits
 * (one more than the limit, if there are) as `[collection's index, id, rank, entry cut to
 * `hitFields`]`, best first: the ranking merged, and the hits' rows read, by PostgreSQL.
 */
const searchStatement = (db: Executor, q: string, options: Options, reading: Reading, bind: Bind): Statement => {
  const statuses = options.statuses.map((_, i) => sql.placeholder(`status.${i}`))
  const limit = sql.placeholder('limit_and_one')
  const parts = COLLECTION_NAMES.map((collection, i) => {
    const t = table(collection)
    const own: Bind = (name, value) => bind(`${collection}.${name}`, value)
    const search = searchConditions(collection, t, q, own)!
    const where = rankedCandidates(t, [inArray(t.status, statuses)], search, reading[i])
    return { collection, t, i: sql.raw(String(i)), ranked: sql.identifier(`ranked_${i}`), where, rank: search.rank }
  })
  const ranked = parts.map(
    (p) => sql`${p.ranked} as (select ${p.t.id} as id, ${p.rank} as rank from ${p.t} where ${p.where})`,
  )
  const best = parts.map(
    (p) => sql`(select ${p.i} as c, id, rank from ${p.ranked}
      where ${afterPosition(p.collection, options.after)} order by rank desc, id limit ${limit})`,
  )
  const rows = parts.map(
    (
      p,
    ) => sql`select best.c, best.id, best.rank, ${sparseEntityJson(p.collection, hitFields[p.collection])}::json as entry
      from best join ${p.t} on ${p.t.id} = best.id where best.c = ${p.i}`,
  )
  return statementOf(
    db,
    sql`with ${sql.join(ranked, sql`, `)},
      best as (select * from (${sql.join(best, sql` union all `)}) b order by rank desc, c, id limit ${limit})
    select json_build_array(${sql.join(
      parts.map((p) => sql`(select count(*) from ${p.ranked})`),
      sql`, `,
    )})::text,
      (select coalesce(json_agg(json_build_array(c, id, rank, entry) order by rank desc, c, id), '[]')::text
       from (${sql.join(rows, sql` union all `)}) hits)`,
  )
}

/** The values of a search's statement, by placeholder name; undefined when the query has no word to look for. */
const valuesOf = (q: string, options: Options, reading: Reading) => {
  const searched = searchValues(q)
  if (!searched) return undefined
  const values: Record<string, unknown> = { limit_and_one: options.limit + 1 }
  options.statuses.forEach((status, i) => {
    values[`status.${i}`] = status
  })
  if (options.after) Object.assign(values, { 'after.rank': options.after.rank, 'after.id': options.after.id })
  COLLECTION_NAMES.forEach((collection, i) => {
    const own = { ...searched, ...rankedSearchValues(searchTerms(q), reading[i]) }
    for (const [name, value] of Object.entries(own)) values[`${collection}.${name}`] = value
  })
  return values
}

/** Everything a search's statement text depends on, besides the collections: its shape. */
const shapeOf = (q: string, options: Options, reading: Reading) =>
  JSON.stringify([
    'search-everything',
    searchTerms(q).length,
    cjkCharacters(q).length,
    options.statuses.length,
    options.after?.collection ?? null,
    reading.map((large) => (large ? [Boolean(large.rare), large.dense] : null)),
  ])

/**
 * One search across every collection: each collection's best hits after the position, merged into
 * one ranking (the rank is the same measure everywhere), with how many each collection holds.
 * One statement, prepared once per shape of query (as a list's: `statementOfShape`), ranks,
 * merges and reads the page's hits: written by Drizzle and planned by PostgreSQL anew on every
 * search, with a round trip per collection read, it cost the API 5.7 ms of CPU and PostgreSQL 7
 * (issue 24, item 3). The API parses each hit's title and searchable fields, for its `match`.
 */
export const searchEverything = async (db: Executor, q: string, options: Options) => {
  const reading = await Promise.all(COLLECTION_NAMES.map((c) => largeCollectionSearch(db, c, searchTerms(q))))
  const values = valuesOf(q, options, reading)
  const counts = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, 0])) as Record<CollectionName, number>
  if (!values) return { hits: [] as SearchHit[], next: null, counts }
  const statement = searchStatementOfShape(shapeOf(q, options, reading), q, values, (bind) =>
    searchStatement(db, q, options, reading, bind),
  )
  const [countsJson, hitsJson] = (await firstRowRaw(db, {
    ...statement,
    params: fillPlaceholders(statement.params, values),
  }))!
  const perCollection = JSON.parse(String(countsJson)) as number[]
  COLLECTION_NAMES.forEach((c, i) => {
    counts[c] = Number(perCollection[i])
  })
  const rows = JSON.parse(String(hitsJson)) as [number, string, number, Record<string, unknown>][]
  const page = rows.slice(0, options.limit)
  const matchers = new Map<CollectionName, ReturnType<typeof searchMatcher>>()
  const hits: SearchHit[] = page.map(([index, id, rank, entry]) => {
    const collection = COLLECTION_NAMES[index]!
    if (!matchers.has(collection)) matchers.set(collection, searchMatcher(collection, q))
    const title = entry[collectionSpecs[collection].titleField] as { en?: string; zh?: string } | undefined
    return {
      collection,
      id,
      title: { en: title?.en ?? '', zh: title?.zh ?? '' },
      status: entry.status as Status,
      match: matchers.get(collection)!(entry, rank),
    }
  })
  const last = rows.length > options.limit ? page.at(-1) : undefined
  const next: SearchKeyset | null = last ? { rank: last[2], collection: COLLECTION_NAMES[last[0]]!, id: last[1] } : null
  return { hits, next, counts }
}
