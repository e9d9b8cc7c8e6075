import { and, inArray, sql, type SQL } from 'drizzle-orm'
import { COLLECTION_NAMES, collectionSpecs, type CollectionName, type Status } from '@chain-atlas/types'
import { rowsOf, type Executor } from './client.ts'
import { toEntity } from './entities.ts'
import { rankedCandidates, searchConditions, searchMatcher } from './queries.ts'
import { largeCollectionSearch } from './term-stats.ts'
import { readColumnsOf, tableOf as table } from './schema/index.ts'

/** Where a page of hits across collections ends: rank, then collection (in the API's order), then id. */
export type SearchKeyset = { rank: number; collection: CollectionName; id: string }

export type SearchHit = {
  collection: CollectionName
  id: string
  title: { en: string; zh: string }
  status: Status
  match: ReturnType<ReturnType<typeof searchMatcher>>
}

const order = (collection: CollectionName) => COLLECTION_NAMES.indexOf(collection)

/** The hits of one collection after the position, in the one ranking across collections. */
const afterPosition = (collection: CollectionName, after?: SearchKeyset): SQL => {
  if (!after) return sql`true`
  const at = sql`${after.rank}::real`
  if (order(collection) < order(after.collection)) return sql`rank < ${at}`
  if (order(collection) > order(after.collection)) return sql`rank <= ${at}`
  return sql`(rank < ${at} or (rank = ${at} and id > ${after.id}))`
}

/**
 * One collection's part of a search: how many entries it ranks, and its best hits after the
 * position as `[id, rank]` pairs in JSON (one row, even with no hit left after the position).
 */
const collectionHits = async (
  db: Executor,
  collection: CollectionName,
  q: string,
  options: { statuses: Status[]; limit: number; after?: SearchKeyset },
): Promise<SQL | undefined> => {
  const t = table(collection)
  const search = searchConditions(collection, t, q)
  if (!search) return undefined
  const large = await largeCollectionSearch(db, collection, search.terms)
  const where = rankedCandidates(t, [inArray(t.status, options.statuses)], search, large)
  return sql`(with ranked as (select ${t.id} as id, ${search.rank} as rank from ${t} where ${where})
    select ${collection}::text as collection, (select count(*)::int from ranked) as count,
      (select coalesce(json_agg(json_build_array(id, rank) order by rank desc, id), '[]')::text
       from (select id, rank from ranked where ${afterPosition(collection, options.after)}
             order by rank desc, id limit ${options.limit + 1}) best) as hits)`
}

/**
 * One search across every collection: each collection's best hits after the position, merged into
 * one ranking (the rank is the same measure everywhere), with how many each collection holds.
 * Every collection's ranking is one statement (each round trip to PostgreSQL costs the API as much
 * CPU as a small query's work), and gives ids and ranks only; the rows are read for the page's
 * hits alone (reading every collection's best rows whole cost the API 14 ms of a search at a
 * million instruments).
 */
export const searchEverything = async (
  db: Executor,
  q: string,
  options: { statuses: Status[]; limit: number; after?: SearchKeyset },
) => {
  const parts = (await Promise.all(COLLECTION_NAMES.map((c) => collectionHits(db, c, q, options)))).filter(
    (part) => part !== undefined,
  )
  const ranked = parts.length
    ? rowsOf<{ collection: CollectionName; count: number; hits: string }>(
        await db.execute(sql.join(parts, sql` union all `)),
      )
    : []
  const perCollection = ranked.map((row) => ({
    collection: row.collection,
    count: Number(row.count),
    hits: (JSON.parse(row.hits) as [string, number][]).map(([id, rank]) => ({ collection: row.collection, id, rank })),
  }))
  const merged = perCollection
    .flatMap((c) => c.hits)
    .sort((a, b) => b.rank - a.rank || order(a.collection) - order(b.collection) || a.id.localeCompare(b.id))
  const page = merged.slice(0, options.limit)
  const read = await rowsOfHits(db, page, options.statuses)
  const matchers = new Map([...new Set(page.map((hit) => hit.collection))].map((c) => [c, searchMatcher(c, q)]))
  // A hit whose entry stopped being readable since it was ranked is left out.
  const hits: SearchHit[] = page.flatMap(({ collection, id, rank }) => {
    const row = read.get(`${collection}/${id}`)
    if (!row) return []
    const entity = toEntity(collection, row)
    const title = entity[collectionSpecs[collection].titleField] as { en?: string; zh?: string } | undefined
    return [
      {
        collection,
        id: entity.id,
        title: { en: title?.en ?? '', zh: title?.zh ?? '' },
        status: entity.status as Status,
        match: matchers.get(collection)!(entity, Number(rank)),
      },
    ]
  })
  const last = page.at(-1)
  const next: SearchKeyset | null =
    merged.length > options.limit && last ? { rank: Number(last.rank), collection: last.collection, id: last.id } : null
  const counts = Object.fromEntries(
    COLLECTION_NAMES.map((c) => [c, perCollection.find((p) => p.collection === c)?.count ?? 0]),
  ) as Record<CollectionName, number>
  return { hits, next, counts }
}

/** The rows of a page's hits (still with one of `statuses`), by `collection/id`: a query per collection, at once. */
/**
 * The columns a hit is built from, by collection: its id, status, title and searchable fields (for
 * `match`); not the rest of the entry, which a hit does not show.
 */
const hitColumns = Object.fromEntries(
  COLLECTION_NAMES.map((collection) => {
    const { titleField, searchFields } = collectionSpecs[collection]
    const names = new Set(['id', 'status', titleField, ...searchFields])
    const columns = Object.entries(readColumnsOf(collection) as Record<string, unknown>)
    return [collection, Object.fromEntries(columns.filter(([name]) => names.has(name)))]
  }),
) as Record<CollectionName, Record<string, unknown>>

const rowsOfHits = async (db: Executor, hits: { collection: CollectionName; id: string }[], statuses: Status[]) => {
  const idsByCollection = new Map<CollectionName, string[]>()
  for (const { collection, id } of hits)
    idsByCollection.set(collection, [...(idsByCollection.get(collection) ?? []), id])
  const rows = new Map<string, Record<string, unknown>>()
  await Promise.all(
    [...idsByCollection].map(async ([collection, ids]) => {
      const t = table(collection)
      const read = (await db
        .select(hitColumns[collection] as never)
        .from(t)
        .where(and(inArray(t.id, ids), inArray(t.status, statuses)))) as Record<string, unknown>[]
      for (const row of read) rows.set(`${collection}/${row.id as string}`, row)
    }),
  )
  return rows
}
