import { getTableName, sql } from 'drizzle-orm'
import type { CollectionName } from '@chain-atlas/types'
import { rowsOf, type Executor } from './client.ts'
import { tableOf } from './schema/index.ts'
import type { SearchTerm } from './search.ts'

/**
 * Below this many rows a collection's search reads every weaker match; above it, only those that
 * hold one of the query's rare terms (see `largeCollectionSearch`).
 */
export const LARGE_COLLECTION_ROWS = 50_000

/** How long a process trusts a collection's term statistics: ANALYZE refreshes them rarely. */
const STATS_TTL_MS = 10 * 60_000

type TermStats = { rows: number; common: Set<string> }
const cached = new WeakMap<Executor, Map<CollectionName, { until: number; stats: Promise<TermStats> }>>()

/**
 * A collection's row estimate and the lexemes ANALYZE found common in its search documents
 * (`pg_stats.most_common_elems`: those in at least about 1% of rows at a million). PGlite never
 * analyzes by itself: no statistics, no rare terms, every weaker match is read.
 */
const termStats = (db: Executor, collection: CollectionName): Promise<TermStats> => {
  let byCollection = cached.get(db)
  if (!byCollection) {
    byCollection = new Map()
    cached.set(db, byCollection)
  }
  const hit = byCollection.get(collection)
  if (hit && hit.until > Date.now()) return hit.stats
  const table = getTableName(tableOf(collection))
  const stats = db
    .execute(sql`
      select c.reltuples::float8 as rows, array_to_json(s.most_common_elems::text::text[])::text as common
      from pg_class c
      left join pg_stats s on s.tablename = c.relname and s.attname = 'search_vector' and s.schemaname = 'public'
      where c.relname = ${table} and c.relkind = 'r'`)
    .then((result) => {
      const row = rowsOf<{ rows: number | null; common: string | null }>(result)[0]
      return { rows: Number(row?.rows ?? 0), common: new Set<string>(row?.common ? JSON.parse(row.common) : []) }
    })
  // A failed read is not kept: the next search asks again.
  stats.catch(() => byCollection.delete(collection))
  byCollection.set(collection, { until: Date.now() + STATS_TTL_MS, stats })
  return stats
}

/** How a ranked search reads its candidates in a large collection (see `rankedCandidates`). */
export type LargeCollectionSearch = {
  /**
   * The query's whole words (not prefixes) that ANALYZE did not find common, if any: a ranked
   * search then looks for its weaker matches (not every term) only among entries holding one of
   * them. They are the matches that say most (as an inverse document frequency would rank them),
   * found on the GIN index from short posting lists, where checking the rows holding common bigrams
   * one by one read tens of thousands of rows at a million entries (issue 21, item 8).
   */
  rare?: SearchTerm[]
  /**
   * The terms as the tiers of names and of every term look them up: a half-typed last word whose
   * stem is itself a common word is looked up as that word. Its prefix would gather the posting
   * lists of every longer word into a bitmap before the index could skip along the other terms'
   * (`supply chain secur:*` took 10 ms on the names' index at a million entries, the word 2.6).
   */
  whole: SearchTerm[]
  /**
   * No rare term, and every term, looked up whole, is common (in 1.4% of rows or more at a
   * million): the rows holding enough of them are too many for the search index to gather (its
   * bitmap for `supply chain security`, 66,000 entries, took 84 ms), while reading rows in any
   * order finds them within a few thousand.
   */
  dense: boolean
}

/**
 * What a ranked search in a large collection needs to read few rows. Undefined for a small
 * collection, or one without statistics: every weaker match is read.
 */
export const largeCollectionSearch = async (
  db: Executor,
  collection: CollectionName,
  terms: readonly SearchTerm[],
): Promise<LargeCollectionSearch | undefined> => {
  const stats = await termStats(db, collection).catch(() => undefined)
  if (!stats || stats.rows < LARGE_COLLECTION_ROWS || !stats.common.size) return undefined
  const rare = terms.filter((term) => !term.prefix && !stats.common.has(term.lexeme))
  const whole = terms.map((term) => (term.prefix && stats.common.has(term.lexeme) ? { ...term, prefix: false } : term))
  const dense = !rare.length && whole.every((term) => !term.prefix && stats.common.has(term.lexeme))
  return { ...(rare.length ? { rare } : {}), whole, dense }
}
