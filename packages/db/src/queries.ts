import {
  Placeholder,
  and,
  arrayOverlaps,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  is,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm'
import {
  FILTERS,
  INCLUDES,
  SEARCH_CANDIDATES,
  SORTS,
  VALUE_LABELS,
  collectionSpecs,
  type CollectionName,
  type FilterSpec,
  type SortSpec,
  type Status,
} from '@chain-atlas/types'
import { rowsOf, type Executor } from './client.ts'
import { toEntity, toRow, type Entity } from './entities.ts'
import { largeCollectionSearch, type LargeCollectionSearch } from './term-stats.ts'
import {
  cjkCharacters,
  fieldsHolding,
  languageOf,
  atLeastQuery,
  searchQuery,
  searchTerms,
  matchWith,
  termQuery,
  termsNeeded,
  type SearchTerm,
} from './search.ts'
import { readColumnsOf, tableOf as table } from './schema/index.ts'
import { workingCopiesFingerprint, workingCopiesIn } from './working-copies.ts'

/** A working copy is shared by every answer that shows it: each gets its own object to add `match` to. */
const structuredCopy = (entity: Entity | undefined) => (entity ? { ...entity } : undefined)

export type Filters = Record<string, unknown>

/** Where a page starts: after this sort value and id (and, in ranked search, this rank). */
export type Keyset = { value: string | number | null; id: string; rank?: number }

export type CollectionQuery = {
  filters: Filters
  q?: string
  /** How the search's values go into its SQL (`Bind`): as themselves unless given. */
  bind?: Bind
  sort?: { field: string; descending: boolean }
  limit: number
  after?: Keyset
  statuses: Status[]
}

export type Page = { entities: Entity[]; next: Keyset | null }

/** The SQL of a filter over its column, or undefined when the parameter is absent. */
const filterCondition = (t: any, spec: FilterSpec, value: unknown): SQL | undefined => {
  // A tree flag widens another filter's ids before the query (list-query.ts): no condition of its own.
  if (value === undefined || spec.kind === 'tree') return undefined
  const column = t[spec.column]
  switch (spec.kind) {
    case 'in':
      return inArray(column, value as unknown[])
    case 'overlap':
      return arrayOverlaps(column, value as string[])
    case 'min':
      return gte(column, value as number)
    case 'max':
      return lte(column, value as number)
    case 'flag':
      return eq(column, value as boolean)
    case 'since':
      // A placeholder (list-json.ts) is given its value already as the column's encoder makes it.
      return gte(column, is(value, Placeholder) ? value : new Date(value as string))
  }
}

/**
 * The rows a query's filters and statuses keep. `withCopies`: published entries whose working copy
 * has one of the statuses (a signed-in list of drafts shows them); the filters apply to their rows.
 */
export const whereFilters = (
  collection: CollectionName,
  filters: Filters,
  statuses: Status[],
  except: string[] = [],
  withCopies: string[] = [],
) => {
  const t = table(collection)
  const conditions = Object.entries(FILTERS[collection])
    .filter(([name]) => !except.includes(name))
    .map(([name, spec]) => filterCondition(t, spec, filters[name]))
  const status = withCopies.length
    ? or(inArray(t.status, statuses), inArray(t.id, withCopies))
    : inArray(t.status, statuses)
  return [status, ...conditions]
}

/** The expression a sort orders by; a nullable column's nulls take a value that puts them last. */
const sortExpression = (t: any, spec: SortSpec, descending: boolean): SQL =>
  spec.text
    ? sql`(${t[spec.column]} ->> ${spec.text})`
    : spec.nullsAs !== undefined
      ? sql`coalesce(${t[spec.column]}, ${sql.raw(String(descending ? spec.nullsAs.descending : spec.nullsAs.ascending))})`
      : sql`${t[spec.column]}`

/** Ranked rows after the keyset position: lower rank, or the same rank and a later id. */
const afterRank = (rank: SQL, idColumn: any, value: SQL, id: string): SQL =>
  or(lt(rank, value), and(eq(rank, value), gt(idColumn, id)))!

/**
 * Rows after the keyset position in `(expr, id)` order, both ascending or both descending: one
 * row comparison, which a btree index on `(expr, id)` serves as a range, at any depth.
 */
const afterKeyset = (expr: SQL, idColumn: any, value: unknown, id: string, descending: boolean, byId: boolean): SQL => {
  if (byId) return descending ? lt(idColumn, id) : gt(idColumn, id)
  return descending ? sql`(${expr}, ${idColumn}) < (${value}, ${id})` : sql`(${expr}, ${idColumn}) > (${value}, ${id})`
}

/** A stored column's value for an entity, computed as the database would (for past snapshots). */
const columnValue = (collection: CollectionName, entity: Entity, column: string): unknown => {
  if (column === 'published_year')
    return typeof entity.published_on === 'string' ? Number(entity.published_on.slice(0, 4)) : null
  return toRow(collection, entity)[column]
}

/** The filters evaluated on an entity in memory, as `whereFilters` does in SQL (for `as_of` reads). */
export const matchesFilters = (collection: CollectionName, entity: Entity, filters: Filters): boolean =>
  Object.entries(FILTERS[collection]).every(([name, spec]) => {
    const wanted = filters[name]
    if (wanted === undefined) return true
    const value = columnValue(collection, entity, spec.column)
    switch (spec.kind) {
      case 'in':
        return (wanted as unknown[]).includes(value)
      case 'overlap':
        return ((value as string[]) ?? []).some((v) => (wanted as string[]).includes(v))
      case 'min':
        return typeof value === 'number' && value >= (wanted as number)
      case 'max':
        return typeof value === 'number' && value <= (wanted as number)
      case 'since':
        return typeof entity.updated_at === 'string' && Date.parse(entity.updated_at) >= Date.parse(wanted as string)
      case 'tree':
        return true
      default:
        return value === wanted // flag
    }
  })

/**
 * How a search's values (its terms, its phrase…) go into its SQL: as themselves, or as named
 * placeholders whose values it records (list-json.ts: a statement built once per shape of query,
 * whatever the words). Everything else in the SQL depends on the shape alone.
 */
export type Bind = (name: string, value: string | number) => unknown
const asItself: Bind = (_name, value) => value

/** How many of the query's `count` terms a row holds, as SQL. */
const coverage = (t: any, count: number, bindValue: (name: string) => unknown): SQL =>
  sql.join(
    Array.from({ length: count }, (_, i) => sql`(${t.search_vector} @@ ${bindValue(`term.${i}`)}::tsquery)::int`),
    sql` + `,
  )

/**
 * A search as SQL: the rows holding any term (on the GIN index) and at least half of them, and
 * their rank. The rank puts first the entries whose title is the query, then those whose title
 * holds it as a phrase, then by how many terms they hold, then by where (title above summary,
 * above the rest: the document's weights).
 */
export const searchConditions = (collection: CollectionName, t: any, q: string, bind: Bind = asItself) => {
  const values = searchValues(q)
  if (!values) return undefined
  const bindValue = (name: string) => bind(name, values[name]!)
  const terms = searchTerms(q)
  const tsquery = bindValue('any_term')
  const needed = termsNeeded(terms)
  // Enough of the terms, beyond any (what the index finds): tested on each row.
  const enough = needed > 1 ? [sql`(${coverage(t, terms.length, bindValue)}) >= ${needed}`] : []
  const where = [sql`${t.search_vector} @@ ${tsquery}::tsquery`, ...enough]
  const phrase = bindValue('phrase')
  const title = t[collectionSpecs[collection].titleField]
  const names = [sql`lower(${title} ->> 'en')`, sql`lower(${title} ->> 'zh')`, sql`lower(${title} ->> 'original')`]
  if (t.acronym) names.push(sql`lower(${t.acronym})`)
  const exact = sql.join(
    names.map((name) => sql`${name} = ${phrase}`),
    sql` or `,
  )
  const within = sql.join(
    names.map((name) => sql`strpos(${name}, ${phrase}) > 0`),
    sql` or `,
  )
  const rank = sql<number>`(
    (case when ${exact} then 4 when ${within} then 1 else 0 end)
    + 2 * (${coverage(t, terms.length, bindValue)})::real / ${terms.length}
    + ts_rank('{0.1, 0.2, 0.4, 1.0}', ${t.search_vector}, ${tsquery}::tsquery)
    ${charactersInNames(names.slice(1, 3), cjkCharacters(q).length, bindValue)}
  )::real`
  return { where, enough, rank, terms, bind }
}

/**
 * The share of a query's Chinese or Japanese characters that its title (Chinese or original) holds,
 * however they pair, at a tenth of a point: below every other part of the rank, it orders what the
 * bigrams cannot tell apart. `美欧` (the US and the EU) is no bigram of `美国—欧盟贸易和技术委员会`,
 * whose bigrams `印度—欧盟贸易和技术委员会` holds as well; `美` tells them apart.
 */
const charactersInNames = (names: SQL[], count: number, bindValue: (name: string) => unknown): SQL => {
  if (!count) return sql``
  const held = Array.from(
    { length: count },
    (_, i) =>
      sql`(${sql.join(
        names.map((name) => sql`strpos(coalesce(${name}, ''), ${bindValue(`character.${i}`)}) > 0`),
        sql` or `,
      )})::int`,
  )
  return sql`+ 0.1 * (${sql.join(held, sql` + `)})::real / ${count}`
}

/**
 * The values a search binds (`searchConditions` takes them from here), by placeholder name: a
 * search whose statement is known needs only these, not its SQL written again (writing it to
 * record them was a tenth of a search's CPU). Undefined when the query has no word to look for.
 */
export const searchValues = (q: string) => {
  const anyTerm = searchQuery(q)
  if (!anyTerm) return undefined
  const values: Record<string, string> = { any_term: anyTerm, phrase: q.normalize('NFKC').trim().toLowerCase() }
  searchTerms(q).forEach((term, i) => {
    values[`term.${i}`] = termQuery(term)
  })
  cjkCharacters(q).forEach((character, i) => {
    values[`character.${i}`] = character
  })
  return values
}

/** The values a ranked search's candidates bind besides (`rankedCandidates` takes them from here). */
export const rankedSearchValues = (terms: readonly SearchTerm[], large?: LargeCollectionSearch) => {
  const values: Record<string, string> = { every_term: (large?.whole ?? terms).map(termQuery).join(' & ') }
  if (large?.rare) values.rare_terms = large.rare.map(termQuery).join(' | ')
  else if (large) {
    const atLeast = atLeastQuery(terms)
    if (atLeast) values.enough_terms = atLeast
  }
  return values
}

type SearchConditions = NonNullable<ReturnType<typeof searchConditions>>

/**
 * The entries a ranked search ranks: at most SEARCH_CANDIDATES of each tier, in no particular
 * order: those whose names (weight A: title, name, acronym…) hold every term, from their own GIN
 * index; then any `matches` (the search's rows). In a `large` collection (`largeCollectionSearch`),
 * when the query has rare terms, the matches are those holding one of them, and those holding
 * every term anywhere are a tier of their own (both cheap on the index from the rare terms' short
 * posting lists); with only common terms, matches are dense and the first ones read come quickly,
 * each tested once (`atLeastQuery`). Ranking every match read and ranked a common word's hundreds
 * of thousands of rows at a million entries (5 s); this reads a bounded number, and what names an
 * entry, or holds every word, is not crowded out by what merely mentions some. `filters` are the
 * query's other conditions. No tier asks the index for "any term" (`where`'s first condition) when
 * a term it looks for implies it: a second GIN bitmap of common words costs more than the tier
 * (5.3 of 13 ms for `供应链条安全` at a million).
 */
export const rankedCandidates = (
  t: any,
  filters: (SQL | undefined)[],
  { where: matches, enough, terms, bind }: Pick<SearchConditions, 'where' | 'enough' | 'terms' | 'bind'>,
  large?: LargeCollectionSearch,
): SQL => {
  const values = rankedSearchValues(terms, large)
  const every = bind('every_term', values.every_term!)
  // Filters beyond the status (always there, and first) make each tier a probe (`probedTier`).
  const narrowed = filters.filter(Boolean).length > 1
  const tier = (conditions: SQL[], dense = false) =>
    !narrowed
      ? sql`(select ${t.id} from ${t} where ${and(...filters, ...conditions)} limit ${SEARCH_CANDIDATES})`
      : dense
        ? probedTier(t, filters, conditions, DENSE_PROBE_ROWS)
        : probedTier(t, conditions, filters, SPARSE_PROBE_ROWS)
  const tiers = [tier([sql`ts_filter(${t.search_vector}, '{a}') @@ ${every}::tsquery`])]
  if (large?.rare) {
    // Every term, rare ones among them: the index intersects short posting lists.
    if (termsNeeded(terms) < terms.length) tiers.push(tier([sql`${t.search_vector} @@ ${every}::tsquery`]))
    // A rare term implies some term: the index reads only the rare ones' short posting lists.
    const rare = bind('rare_terms', values.rare_terms!)
    tiers.push(tier([...enough, sql`${t.search_vector} @@ ${rare}::tsquery`]))
  } else {
    // No rare term: in a large collection, each row read is tested once for enough of the terms.
    const atLeast = values.enough_terms
    tiers.push(
      large && atLeast
        ? tier([sql`${t.search_vector} @@ ${bind('enough_terms', atLeast)}::tsquery`], large.dense)
        : tier(matches),
    )
  }
  return sql`${t.id} in (${sql.join(tiers, sql` union `)})`
}

/** How many rows a filtered search's tier reads first: its matches, or (dense) the filters' rows. */
const SPARSE_PROBE_ROWS = 20 * SEARCH_CANDIDATES
const DENSE_PROBE_ROWS = 50 * SEARCH_CANDIDATES

/**
 * A tier of a search narrowed by filters: up to `rows` rows that meet the `first` conditions, on
 * their own index, tested against the `then` ones; only if fewer than SEARCH_CANDIDATES pass, the
 * tier again with every condition, as PostgreSQL plans it. Left to itself, PostgreSQL ANDs the
 * index of a filter with the search's whenever it can, and for a common value (`economy=us`:
 * 250,000 entries at a million) that bitmap took 37 ms of a 67 ms search; for a rare one
 * (`economy=mx`) it is what the index is for. So a tier first reads the search's matches and
 * tests the filters (enough pass when a filter keeps 5% of them or more); for `dense` words the
 * other way round, as their own bitmap costs more still (84 ms for `supply chain security`): the
 * filters' rows, tested for the words (in 2% of rows or more). Neither guesses a filter's
 * selectivity from statistics that can be wrong or missing. The probe's subquery takes the table's
 * name, so that the `then` conditions' columns name its rows. The whole tier runs only when the
 * probe came short having read `rows` rows, not all there were (a one-time filter: PostgreSQL
 * does not start it otherwise; a WITH query is read only as far as it is asked).
 */
const probedTier = (t: any, first: (SQL | undefined)[], then: (SQL | undefined)[], rows: number) => sql`(
  with seen as (
    select ${t.id}, (${and(...then)}) is true as passes
    from (select * from ${t} where ${and(...first)} limit ${rows}) ${t}),
  probe as (select id from seen where passes limit ${SEARCH_CANDIDATES})
  select id from probe
  union all
  (select ${t.id} from ${t}
    where ${and(...first, ...then)}
      and (select count(*) from probe) < ${SEARCH_CANDIDATES} and (select count(*) from seen) = ${rows}
    limit ${SEARCH_CANDIDATES}))`

/**
 * What a search result says of its match (its rank, the fields that matched, an excerpt), for each
 * hit of one search: the query's terms are read once, not twice a hit.
 */
export const searchMatcher = (collection: CollectionName, q: string) => {
  const terms = searchTerms(q)
  const lang = languageOf(q)
  return (entity: Record<string, unknown>, rank: number) =>
    matchWith((field) => entity[field], fieldsHolding(collection, entity, terms), terms, lang, rank)
}

/**
 * What a query's filters, statuses and search ask of a collection's rows: with `ranked`, the
 * search's candidates (a search without `sort`, which pages through them by rank). `matchesNothing`:
 * the search has no word to look for (only stop characters), so no row can match.
 */
const matching = (
  collection: CollectionName,
  query: Pick<CollectionQuery, 'filters' | 'statuses' | 'q' | 'bind'>,
  copies: Map<string, Entity>,
  ranked: boolean,
  large?: LargeCollectionSearch,
) => {
  const t = table(collection)
  const filters = whereFilters(collection, query.filters, query.statuses, [], [...copies.keys()])
  const search = query.q ? searchConditions(collection, t, query.q, query.bind) : undefined
  return {
    t,
    where: !search ? filters : ranked ? [rankedCandidates(t, filters, search, large)] : [...filters, ...search.where],
    search,
    matchesNothing: Boolean(query.q) && !search,
  }
}

/** How a ranked search in a large collection bounds its candidates (`largeCollectionSearch`). Internal to the package. */
export const largeIfRanked = (db: Executor, collection: CollectionName, query: Pick<CollectionQuery, 'q' | 'sort'>) =>
  isRanked(query) ? largeCollectionSearch(db, collection, searchTerms(query.q!)) : undefined

/** A search without a sort order ranks its candidates; with one, it filters every entry. */
export const isRanked = (query: Pick<CollectionQuery, 'q' | 'sort'>) => Boolean(query.q) && !query.sort

/**
 * One page of a collection: filters, optional full-text search, a sort order, keyset paging.
 * Ranked search orders by relevance, then id; other orders by (sort expression, id), ties by id
 * in the same direction, so that an index on (expression, id) gives every page without sorting.
 */
export const queryCollection = async (
  db: Executor,
  collection: CollectionName,
  query: CollectionQuery,
): Promise<Page> => {
  const copies = await workingCopiesIn(db, collection, query.statuses)
  const large = await largeIfRanked(db, collection, query)
  const plan = pagePlan(collection, query, copies, large)
  if (!plan) return { entities: [], next: null }
  const select = (on: Executor) =>
    on
      .select({ row: readColumnsOf(collection), sort_value: plan.sortValue, rank: plan.rank })
      .from(plan.t)
      .where(plan.where)
      .orderBy(...plan.order)
      .limit(query.limit + 1) as Promise<{ row: Record<string, unknown>; sort_value: unknown; rank: number | null }[]>
  const rows = readsFilterIndex(collection, query, large) ? await inIndexOrder(db, select) : await select(db)

  const page = rows.slice(0, query.limit)
  const match = query.q ? searchMatcher(collection, query.q) : undefined
  const entities = page.map(({ row, rank: r }) => {
    const entity = structuredCopy(copies.get(row.id as string)) ?? toEntity(collection, row)
    if (match) entity.match = match(entity, Number(r ?? 0))
    return entity
  })
  return { entities, next: nextKeyset(rows, query.limit, plan.ranked, (row) => row.row.id as string) }
}

/**
 * Whether a ranked search's dense probe (`probedTier`) reads a filter's rows from a btree index:
 * common words, and a filter other than an array overlap (those are on GIN indexes, read only as
 * bitmaps).
 */
export const readsFilterIndex = (collection: CollectionName, query: CollectionQuery, large?: LargeCollectionSearch) =>
  Boolean(large?.dense) &&
  Object.entries(FILTERS[collection]).some(
    ([name, spec]) => query.filters[name] !== undefined && spec.kind !== 'overlap' && spec.kind !== 'tree',
  )

/**
 * Runs `read` with reads priced as measured here, not as PostgreSQL's defaults guess. A dense probe
 * reads a few thousand of the tens of thousands of rows its filters keep, and the defaults make the
 * planner build a bitmap of every one of them first, from each filter's index, and AND them:
 * - a random read costs 4 sequential ones by default (a disk's); the pages are in memory, 1.1.
 *   Building and ordering the bitmap was 8 of the 15 ms of `q=supply chain security&economy=jp&
 *   level=national` at a million entries; read in index order, the search takes 5 ms;
 * - an index entry costs 0.005 by default; a bitmap of `economy=us` (250,000 entries) took 20 ms,
 *   about 0.05 each. With two filters the planner ANDed it with another (`&kind=strategy`: 40 ms;
 *   `&year_from=2015`: 61 ms); at 0.05 it reads one filter's index and tests the other (6–9 ms).
 * Only for this statement (in a transaction of its own): the same prices made an unfiltered search
 * of common words ten times slower, the planner then preferring their GIN bitmap.
 */
const inIndexOrder = <T>(db: Executor, read: (on: Executor) => Promise<T>): Promise<T> =>
  db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('random_page_cost', '1.1', true), set_config('cpu_index_tuple_cost', '0.05', true)`,
    )
    return read(tx)
  })

/**
 * What a page selects, in what order, from where its cursor points: shared by both page readers.
 * Undefined when the search has no word to look for (no row can match). Internal to the package.
 */
export const pagePlan = (
  collection: CollectionName,
  query: CollectionQuery,
  copies: Map<string, Entity>,
  large?: LargeCollectionSearch,
) => {
  const ranked = isRanked(query)
  const { t, where, search, matchesNothing } = matching(collection, query, copies, ranked, large)
  if (matchesNothing) return undefined
  const rank = search?.rank
  const sortField = query.sort?.field ?? 'id'
  const byId = sortField === 'id'
  const descending = query.sort?.descending ?? false
  if (ranked) {
    // The rank is a real: compare with the cursor's rank as a real, or equal ranks would differ.
    if (query.after) where.push(afterRank(rank!, t.id, sql`${query.after.rank ?? 0}::real`, query.after.id))
    // Selected once, as `search_rank`, and ordered by that name: written out as the sort value and
    // in the order too, the rank's SQL (40 parameters for one word) was built three times a search.
    return {
      t,
      where: and(...where),
      order: [sql`search_rank desc`, asc(t.id)],
      sortValue: sql<null>`null`,
      rank: rank!.as('search_rank'),
      ranked,
    }
  }
  const spec = SORTS[collection][sortField]!
  const expr = sortExpression(t, spec, descending)
  if (query.after) where.push(afterKeyset(expr, t.id, query.after.value, query.after.id, descending, byId))
  const direction = descending ? desc : asc
  const order = byId ? [direction(t.id)] : [direction(expr), direction(t.id)]
  const sortValue = isTimeSort(collection, spec)
    ? sql`to_char(${expr} at time zone 'UTC', ${sql.raw(CURSOR_TIME)})`
    : expr
  // A sorted search still gives each hit its rank.
  return { t, where: and(...where), order, sortValue, rank: rank ?? sql<null>`null`, ranked }
}

const isTimeSort = (collection: CollectionName, spec: SortSpec) =>
  !spec.text && readColumnsOf(collection)[spec.column]?.columnType === 'PgTimestamp'

/**
 * A time as a cursor keeps it: RFC 3339 in UTC to the microsecond, as PostgreSQL stores it. To the
 * millisecond (as an entry shows it), the next page began before the entries of the same
 * millisecond: with every seeded entry written in one, `sort=updated_at` served its first page
 * again and again.
 */
const CURSOR_TIME = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`

/** Where the next page starts: after the last row of this one, when there is one more row. */
const nextKeyset = <R extends { sort_value: unknown; rank?: number | null }>(
  rows: R[],
  limit: number,
  ranked: boolean,
  idOf: (row: R) => string,
): Keyset | null => {
  const last = rows[limit - 1]
  if (rows.length <= limit || !last) return null
  // A time's sort value is already the cursor's text (`CURSOR_TIME`).
  if (!ranked) return { value: last.sort_value as string | number | null, id: idOf(last) }
  const rank = Number(last.rank)
  return { value: rank, id: idOf(last), rank }
}

/**
 * A fingerprint of the entries matching a query: their number and latest change. Every write
 * bumps `updated_at`, so it changes whenever the matching set or any of its entries does.
 */
export const fingerprintCollection = async (
  db: Executor,
  collection: CollectionName,
  query: Omit<CollectionQuery, 'limit' | 'after' | 'sort'>,
) => {
  const copies = await workingCopiesIn(db, collection, query.statuses)
  const { t, where } = matching(collection, query, copies, false)
  const [row] = (await db
    .select({ n: sql<number>`count(*)::int`, last: sql<string>`coalesce(max(${t.updated_at})::text, '')` })
    .from(t)
    .where(and(...where))) as { n: number; last: string }[]
  return `${row?.n ?? 0}/${row?.last ?? ''}/${workingCopiesFingerprint(copies)}`
}

/**
 * How many entries match the filters and search (for `count=true`): for a ranked search, how many
 * candidates it ranks (what its pages hold).
 */
export const countCollection = async (
  db: Executor,
  collection: CollectionName,
  query: Omit<CollectionQuery, 'limit' | 'after'>,
) => {
  const { t, where, matchesNothing } = matching(
    collection,
    query,
    await workingCopiesIn(db, collection, query.statuses),
    isRanked(query),
    await largeIfRanked(db, collection, query),
  )
  if (matchesNothing) return 0
  const [row] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(and(...where))) as { n: number }[]
  return Number(row?.n ?? 0)
}

/** What `include=` adds to an answer: referenced entries by collection and id. */
export type Included = Partial<Record<CollectionName, Record<string, Entity>>>

/**
 * The entries the relations `include` names refer to, each once, by collection and id (in id
 * order, so an answer's bytes and ETag do not depend on the order rows come in): one query per
 * collection, only the statuses the reader may see.
 */
export const includedEntries = async (
  db: Executor,
  collection: CollectionName,
  entities: Entity[],
  include: string[],
  statuses: Status[],
): Promise<Included> => {
  const wanted = new Map<CollectionName, Set<string>>()
  for (const name of include) {
    const relation = INCLUDES[collection][name]
    if (!relation) continue
    const ids = wanted.get(relation.collection) ?? new Set<string>()
    for (const entity of entities) {
      const value = entity[relation.field]
      for (const id of relation.many ? ((value as string[]) ?? []) : value ? [value as string] : []) ids.add(id)
    }
    wanted.set(relation.collection, ids)
  }
  const included: Included = {}
  for (const [target, ids] of wanted) {
    const t = table(target)
    const rows = ids.size
      ? ((await db
          .select(readColumnsOf(target))
          .from(t)
          .where(and(inArray(t.id, [...ids]), inArray(t.status, statuses)))
          .orderBy(asc(t.id))) as Record<string, unknown>[])
      : []
    included[target] = Object.fromEntries(rows.map((row) => [row.id as string, toEntity(target, row)]))
  }
  return included
}

export type FacetValue = { value: string | number; count: number; label: { en: string; zh: string } }
export type FacetCounts = Record<string, FacetValue[]>

/** A facet: a column counted per value, leaving out the filters on that column (its own). */
type Dimension = { column: string; many: boolean; own: string[]; references?: CollectionName; byValue: boolean }

/**
 * The facets of a collection: each filter by a list of values, and a year range (`year_from`,
 * `year_to`) as a `year` facet, counted per year and listed in year order, for a histogram.
 */
const dimensionsOf = (collection: CollectionName): Record<string, Dimension> => {
  const out: Record<string, Dimension> = {}
  const filters = Object.entries(FILTERS[collection])
  for (const [name, spec] of filters) {
    if (spec.kind === 'in' || spec.kind === 'overlap')
      out[name] = {
        column: spec.column,
        many: spec.kind === 'overlap',
        own: [name],
        references: spec.references,
        byValue: !!spec.integer,
      }
  }
  const range = filters.filter(([, spec]) => (spec.kind === 'min' || spec.kind === 'max') && spec.column === 'year')
  if (range.length && !out.year) out.year = { column: 'year', many: false, own: range.map(([n]) => n), byValue: true }
  return out
}

const currencyNames = {
  en: new Intl.DisplayNames(['en'], { type: 'currency' }),
  zh: new Intl.DisplayNames(['zh'], { type: 'currency' }),
}

/** The names of a facet's values: a referenced entry's title, a closed-list value's label, a year. */
const labelsOf = async (
  db: Executor,
  dimension: Dimension,
  values: (string | number)[],
  statuses: Status[],
): Promise<(value: string | number) => { en: string; zh: string }> => {
  if (dimension.references && values.length) {
    const target = table(dimension.references)
    const titleField = collectionSpecs[dimension.references].titleField
    const rows = (await db
      .select({ id: target.id, title: target[titleField] })
      .from(target)
      // Readers see the names of what they may read; published entries cite only published ones.
      .where(
        and(
          inArray(target.id, values as string[]),
          inArray(target.status, [...new Set<Status>(['published', ...statuses])]),
        ),
      )) as {
      id: string
      title: { en: string; zh: string }
    }[]
    const titles = new Map(rows.map((r) => [r.id, { en: r.title.en, zh: r.title.zh }]))
    return (value) => titles.get(String(value)) ?? { en: String(value), zh: String(value) }
  }
  if (dimension.byValue) return (value) => ({ en: String(value), zh: `${value}年` })
  if (dimension.column === 'currencies')
    return (value) => ({ en: currencyNames.en.of(String(value))!, zh: currencyNames.zh.of(String(value))! })
  return (value) => VALUE_LABELS[String(value)] ?? { en: String(value), zh: String(value) }
}

/** The collection a dimension's values stand for with everything under them (`sector` with `sector_tree=true`). */
const widenedTree = (collection: CollectionName, name: string, filters: Filters) => {
  const flag = Object.entries(FILTERS[collection]).find(
    ([flagName, spec]) => spec.kind === 'tree' && spec.widens === name && filters[flagName] === true,
  )
  return flag?.[1].kind === 'tree' ? flag[1].collection : undefined
}

/**
 * Per value of a tree (a sector), how many entries hold it or anything under it: what choosing it
 * gives when the filter takes the values under those named too.
 */
const countsUnderEach = async (
  db: Executor,
  t: ReturnType<typeof table>,
  column: unknown,
  tree: CollectionName,
  where: SQL,
  statuses: Status[],
) => {
  const nodes = table(tree)
  const visible = [...new Set<Status>(['published', ...statuses])]
  return rowsOf<{ value: string; count: number }>(
    await db.execute(sql`
      with recursive under(ancestor, id) as (
        select ${nodes.id}, ${nodes.id} from ${nodes} where ${inArray(nodes.status, visible)}
        union select under.ancestor, child.id from ${nodes} child join under on child.parent_id = under.id
          where ${inArray(sql`child.status`, visible)}
      )
      select under.ancestor as value, count(distinct ${t.id})::int as count
      from ${t} join under on under.id = any(${column})
      where ${where}
      group by 1 order by 2 desc, 1`),
  ).map((r) => ({ value: r.value, count: Number(r.count) }))
}

/**
 * Counts per value of each filterable dimension, under the current filters and search, each value
 * with its name in both languages. A dimension's own filter is left out of its counts, so a
 * sidebar shows what choosing another value would give.
 */
export const facetCounts = async (
  db: Executor,
  collection: CollectionName,
  query: Omit<CollectionQuery, 'limit' | 'after' | 'sort'>,
): Promise<FacetCounts> => {
  const t = table(collection)
  const search = query.q ? searchConditions(collection, t, query.q) : undefined
  const copies = [...(await workingCopiesIn(db, collection, query.statuses)).keys()]
  const out: FacetCounts = {}
  for (const [name, dimension] of Object.entries(dimensionsOf(collection))) {
    if (query.q && !search) {
      out[name] = []
      continue
    }
    const where = whereFilters(collection, query.filters, query.statuses, dimension.own, copies)
    if (search) where.push(...search.where)
    const tree = widenedTree(collection, name, query.filters)
    const column = t[dimension.column]
    const value = dimension.many ? sql`unnest(${column})` : sql`${column}`
    const order = name === 'year' ? [sql`1`] : [sql`2 desc`, sql`1`]
    const rows = (
      tree
        ? await countsUnderEach(db, t, column, tree, and(...where)!, query.statuses)
        : ((await db
            .select({ value: sql<string>`${value}`.as('value'), count: sql<number>`count(*)::int`.as('count') })
            .from(t)
            .where(and(...where))
            .groupBy(sql`1`)
            .orderBy(...order)) as { value: string | number | null; count: number }[])
    ).filter((r) => r.value !== null)
    const label = await labelsOf(
      db,
      dimension,
      rows.map((r) => r.value!),
      query.statuses,
    )
    out[name] = rows.map((r) => ({ value: r.value!, count: Number(r.count), label: label(r.value!) }))
  }
  return out
}
