import { isDeepStrictEqual } from 'node:util'
import { and, fillPlaceholders, inArray, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { FILTERS, INCLUDES, includedSchemaOf, type CollectionName } from '@chain-atlas/types'
import type { Executor } from './client.ts'
import { entityJson, sparseEntityJson, sparseKey } from './entity-json.ts'
import {
  isRanked,
  largeIfRanked,
  pagePlan,
  readsFilterIndex,
  rankedSearchValues,
  searchMatcher,
  searchValues,
  type Bind,
  type CollectionQuery,
  type Filters,
  type Keyset,
} from './queries.ts'
import { cjkCharacters, languageOf, matchFieldsOf, matchWith, searchTerms } from './search.ts'
import {
  PREPARED_PER_WINDOW,
  PREPARED_WINDOW_MS,
  firstRowRaw,
  rowsRaw,
  statementOf,
  type RawValue,
  type Statement,
} from './raw-row.ts'
import { readColumnsOf, tableOf as table } from './schema/index.ts'

/** Ids a filter names (distinct), in the collection they must exist in. */
export type IdCheck = { collection: CollectionName; ids: string[] }

/**
 * The same page as `queryCollection`, as the JSON text of its entries joined by commas (`entityJson`),
 * built by PostgreSQL and left in the driver's bytes (`firstRowRaw`): for reads that pass entries
 * through untouched. Only for published entries with no search (working copies and a search's
 * `match` are built in JavaScript). One row comes back: the entries, how many rows were read (one
 * more than `limit` means there is a next page), the last entry's keyset, and how many of the
 * filters' ids exist (`idChecks`: counted in the same statement, one round trip when all do).
 * With `fields`, each entry cut to them (`sparseEntityJson`).
 */
export const queryCollectionJson = async (
  db: Executor,
  collection: CollectionName,
  query: CollectionQuery,
  {
    idChecks = [],
    fields,
    include = [],
  }: { idChecks?: IdCheck[]; fields?: readonly string[]; include?: string[] } = {},
): Promise<{ entries: RawValue; next: Keyset | null; idsFound: number; referenced: Referenced }> => {
  if (query.q || query.statuses.some((s) => s !== 'published'))
    throw new Error('queryCollectionJson reads published entries without a search')
  const { shape, template, values } = withPlaceholders(collection, query, idChecks)
  const relations = relationsOf(collection, include)
  const key = `${shape}:${fields ? sparseKey(collection, fields) : ''}:${relations.map((r) => r.field)}`
  const statement = statementOfShape(key, () => {
    const json = fields ? sparseEntityJson(collection, fields) : entityJson(collection)
    return pageStatement(db, collection, template.query, template.idChecks, json, relations)
  })
  const [entries, rows, last, idsFound, ...references] = (await firstRowRaw(db, {
    ...statement,
    params: fillPlaceholders(statement.params, values),
  }))!
  const [id, value] = last ? (JSON.parse(last.toString()) as [string, string | number | null]) : []
  return {
    entries: entries ?? null,
    next: Number(rows!.toString()) > query.limit && id ? { value: value ?? null, id } : null,
    idsFound: Number(idsFound!.toString()),
    referenced: referencedBy(relations, references),
  }
}

/** The ids a page's entries reference, by the collection they are in (what `include` embeds). */
export type Referenced = Map<CollectionName, Set<string>>

export type Relation = { field: string; collection: CollectionName; many: boolean }

/** The relations `include` names, each once and in a fixed order (a statement's shape). */
export const relationsOf = (collection: CollectionName, include: readonly string[]): Relation[] =>
  Object.entries(INCLUDES[collection])
    .filter(([name]) => include.includes(name))
    .map(([, relation]) => relation)

/** The ids in each relation's column, as a statement aggregates them (JSON, one value a row). */
export const referencedBy = (relations: Relation[], references: RawValue[]): Referenced => {
  const out: Referenced = new Map()
  relations.forEach((relation, i) => {
    const ids = out.get(relation.collection) ?? new Set<string>()
    const values = JSON.parse(String(references[i] ?? '[]')) as (string | string[] | null)[]
    for (const value of values) for (const id of Array.isArray(value) ? value : value ? [value] : []) ids.add(id)
    out.set(relation.collection, ids)
  })
  return out
}

/**
 * The `included` object of an answer, as JSON text: each referenced entry once, published, as its
 * stored JSON, by collection (in the schema's order) and id (in id order, as `includedEntries`
 * gives them). One statement per collection referenced, prepared once.
 */
export const includedJson = async (db: Executor, collection: CollectionName, referenced: Referenced) => {
  const order = Object.keys(includedSchemaOf(collection)?.properties ?? {}) as CollectionName[]
  const parts: string[] = []
  for (const target of order.filter((c) => referenced.has(c))) {
    const ids = [...referenced.get(target)!]
    const rows = ids.length ? await rowsRaw(db, { ...includedStatement(db, target), params: [ids] }) : []
    const entries = rows.map(([id, json]) => `${JSON.stringify(String(id))}:${String(json)}`)
    parts.push(`${JSON.stringify(target)}:{${entries.join(',')}}`)
  }
  return `{${parts.join(',')}}`
}

/** The statement reading a collection's published entries by id, as `includedJson` needs them. */
const includedStatement = (db: Executor, target: CollectionName): Statement =>
  statementOfShape(`included:${target}`, () => {
    const t = table(target)
    return statementOf(
      db,
      sql`select ${t.id}, ${entityJson(target)} from ${t}
        where ${t.id} = any(${sql.placeholder('ids')}::text[]) and ${t.status} = 'published' order by ${t.id}`,
    )
  })

/**
 * The statements built so far, by shape. Drizzle takes longer to write a statement's text than
 * PostgreSQL takes to run it (some 100 µs of a 250 µs list), and the text depends on the shape
 * alone. Shapes are few in use but a client can make up many: the oldest go past `MAX_STATEMENTS`.
 */
const statements = new Map<string, Statement & { preparedIn?: number }>()
const MAX_STATEMENTS = 500

const preparing = { window: 0, started: 0, admitted: 0 }

/** Whether a shape's statement is prepared in this window: those asked for first, up to the budget (raw-row.ts). */
const admitted = (kept: { preparedIn?: number }) => {
  const now = Date.now()
  if (now - preparing.started >= PREPARED_WINDOW_MS)
    Object.assign(preparing, { window: preparing.window + 1, started: now, admitted: 0 })
  if (kept.preparedIn === preparing.window) return true
  if (preparing.admitted >= PREPARED_PER_WINDOW) return false
  preparing.admitted++
  kept.preparedIn = preparing.window
  return true
}

/** A shape's statement if it was built already (its values then need no binding again). */
const knownStatement = (shape: string): Statement | undefined => {
  const kept = statements.get(shape)
  if (kept) kept.prepare = admitted(kept)
  return kept
}

/** The statement of a shape of query: built by `build` the first time, then from memory. */
export const statementOfShape = (shape: string, build: () => Statement): Statement => {
  let kept = statements.get(shape)
  if (kept && checking) checkSameStatement(shape, kept, build())
  if (!kept) {
    kept = build()
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!)
    statements.set(shape, kept)
  }
  kept.prepare = admitted(kept)
  return kept
}

/**
 * With `CHECK_RESPONSES` (on in tests), each statement taken from memory is built again and must be
 * the same, text and parameters: a value left out of the placeholders, or a difference left out of
 * the shape, would otherwise answer another query's question.
 */
let checking = false
export const checkStatementsOfShape = (on: boolean) => {
  checking = on
}
const checkSameStatement = (shape: string, known: Statement, built: Statement) => {
  if (built.sql !== known.sql || !isDeepStrictEqual(built.params, known.params))
    throw new Error(`The statement of shape ${shape} differs with the query's values`)
}

/** With `CHECK_RESPONSES`: every value a search's SQL binds is the one its statement is given. */
const checkSearchValues = (q: string, bound: Record<string, unknown>, searched: Record<string, unknown>) => {
  for (const [name, value] of Object.entries(bound))
    if (searched[name] !== value) throw new Error(`The search ${JSON.stringify(q)} binds ${name} to another value`)
}

/**
 * A search's statement of a shape: from memory when it was built already (the search's `values`
 * then computed, not bound again: writing the SQL to record them was a tenth of a search's CPU);
 * else built by `build`, whose SQL records through `bind` the values it binds, and with
 * `CHECK_RESPONSES` each must be the one in `values`. Internal to the package.
 */
export const searchStatementOfShape = (
  shape: string,
  q: string,
  values: Record<string, unknown>,
  build: (bind: Bind) => Statement,
): Statement => {
  const known = checking ? undefined : knownStatement(shape)
  if (known) return known
  const bound: Record<string, unknown> = {}
  const built = build((name, value) => {
    bound[name] = value
    return sql.placeholder(name)
  })
  if (checking) checkSearchValues(q, bound, values)
  return statementOfShape(shape, () => built)
}

/** The statement of a page, with placeholders where its values go. */
const pageStatement = (
  db: Executor,
  collection: CollectionName,
  query: CollectionQuery,
  idChecks: IdCheck[],
  json: SQL | AnyPgColumn,
  relations: Relation[],
): Statement => {
  const plan = pagePlan(collection, query, new Map())!
  const limit = sql.placeholder('limit')
  const columns = readColumnsOf(collection)
  const page = db
    .select({
      json: sql`${json}`.as('json'),
      id: plan.t.id,
      sort_value: sql`${plan.sortValue}`.as('sort_value'),
      ...Object.fromEntries(relations.map((r, i) => [`ref_${i}`, sql`${columns[r.field]}`.as(`ref_${i}`)])),
    })
    .from(plan.t)
    .where(plan.where)
    .orderBy(...plan.order)
    .limit(sql.placeholder('limit_and_one'))
  const found = idChecks.map(({ collection: c, ids }) => {
    const t = table(c)
    return sql`(select count(*) from ${t} where ${and(inArray(t.id, ids), inArray(t.status, query.statuses))})`
  })
  return statementOf(
    db,
    sql`select string_agg(json, ',' order by n) filter (where n <= ${limit}),
      count(*)::text,
      (array_agg(json_build_array(id, sort_value)::text) filter (where n = ${limit}))[1],
      (${found.length ? sql.join(found, sql` + `) : sql`0`})::text
      ${sql.join(
        relations.map((_, i) => sql`, json_agg(${sql.identifier(`ref_${i}`)}) filter (where n <= ${limit})::text`),
      )}
    from (select row_number() over () as n, * from (${page}) page) numbered`,
  )
}

/**
 * A search's page of published entries, each as the JSON PostgreSQL built (`entityJson`) with its
 * `match` added, for the API to pass through, instead of Drizzle reading every column into an
 * object and the route serializing it again. PostgreSQL finds which fields of a hit hold a term;
 * the API reads only the field its snippet is cut from. Undefined when the search reads its
 * filters' index in a transaction of its own (`readsFilterIndex`: a large collection's common
 * words): `queryCollection` reads those. An empty page when the query has no word to look for.
 * With `fields`, each hit goes out cut to them (`sparseEntityJson`), its match still found in the
 * whole entry.
 */
export const searchCollectionJson = async (
  db: Executor,
  collection: CollectionName,
  query: CollectionQuery,
  fields?: readonly string[],
): Promise<{ entries: RawValue; next: Keyset | null } | undefined> => {
  if (!query.q || query.statuses.some((s) => s !== 'published'))
    throw new Error('searchCollectionJson searches published entries')
  const large = await largeIfRanked(db, collection, query)
  if (readsFilterIndex(collection, query, large)) return undefined
  const { shape, template, values } = withPlaceholders(collection, query, [])
  const searchShape = [searchTerms(query.q).length, cjkCharacters(query.q).length, Boolean(large?.rare), large?.dense]
  const key = JSON.stringify([shape, searchShape, fields ? sparseKey(collection, fields) : null])
  const ranked = isRanked(query)
  const searched = searchValues(query.q)
  if (!searched) return { entries: '', next: null }
  if (ranked) Object.assign(searched, rankedSearchValues(searchTerms(query.q), large))
  const statement = searchStatementOfShape(key, query.q, searched, (bind) =>
    searchStatement(
      db,
      collection,
      pagePlan(collection, { ...template.query, q: query.q, bind }, new Map(), large)!,
      fields,
    ),
  )
  Object.assign(values, searched, { match_language: languageOf(query.q) })
  const rows = await rowsRaw(db, { ...statement, params: fillPlaceholders(statement.params, values) })
  const rankOf = (row: RawValue[]) => Number(String(row[1]))
  const matchOf = hitMatcher(collection, query.q)
  // Cut by `fields`, a hit goes out as its cut (the last column), matched on the whole entry.
  const hits = rows
    .slice(0, query.limit)
    .map((row) => withMatch(matchOf(row, rankOf(row)), fields ? row.at(-1)! : row[0]!))
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined
  return { entries: joinEntries(hits), next: last ? keysetOf(last, ranked, rankOf(last)) : null }
}

/** Where a search page's row has the value of each searchable field (the id's is the id's column). */
const FIRST_FIELD_COLUMN = 5

/**
 * What a hit's match says (`searchMatcher`), from its row: the searchable fields PostgreSQL found
 * holding a term (1-based places in `matchFieldsOf`), and of their values only those the snippet
 * reads, parsed. A row without search fields (written before migration 0019) is matched on all of
 * them, in the API.
 */
const hitMatcher = (collection: CollectionName, q: string) => {
  const names = matchFieldsOf(collection)
  const columns = new Map(names.filter((f) => f !== 'id').map((f, i) => [f, FIRST_FIELD_COLUMN + i]))
  const terms = searchTerms(q)
  const lang = languageOf(q)
  const fallback = searchMatcher(collection, q)
  return (row: RawValue[], rank: number) => {
    const fieldValue = (field: string) =>
      field === 'id' ? String(row[2]) : (JSON.parse(String(row[columns.get(field)!])) as unknown)
    const matched = row[4] ?? null
    if (matched === null) return fallback(Object.fromEntries(names.map((f) => [f, fieldValue(f)])), rank)
    return matchWith(fieldValue, fieldsAt(names, matched), terms, lang, rank)
  }
}

/** The fields of `names` (`matchFieldsOf`) at the places `fieldsHoldingTerms` gives. */
const fieldsAt = (names: readonly string[], places: Buffer | string) => {
  const text = String(places)
  return text ? text.split(',').map((place) => names[Number(place) - 1]!) : []
}

/**
 * The statement of a search's page: each hit's JSON, rank, id, sort value (none when ranked), the
 * places of its searchable fields that hold a term (`hitMatcher`), each searchable field's JSON,
 * and with `fields` its JSON cut to them.
 */
const searchStatement = (
  db: Executor,
  collection: CollectionName,
  plan: NonNullable<ReturnType<typeof pagePlan>>,
  fields?: readonly string[],
) => {
  // A select's alias (`search_rank`) names nothing in another of its expressions: a ranked page's
  // keyset takes its value from the rank column.
  const sortValue = plan.ranked ? sql`null` : sql`to_json(${plan.sortValue})::text`
  const select = db
    .select({
      json: sql`${entityJson(collection)}`.as('json'),
      rank: plan.rank,
      id: plan.t.id,
      sort_value: sql`${sortValue}`.as('sort_value'),
      matched: sql`${fieldsHoldingTerms(plan.t)}`.as('matched'),
      ...Object.fromEntries(
        matchFieldsOf(collection)
          .filter((f) => f !== 'id')
          .map((f) => [`field_${f}`, sql`${snippetSource(plan.t, f)}`.as(`field_${f}`)]),
      ),
      ...(fields ? { cut: sql`${sparseEntityJson(collection, fields)}`.as('cut') } : {}),
    })
    .from(plan.t)
    .where(plan.where)
    .orderBy(...plan.order)
    .limit(sql.placeholder('limit_and_one'))
  return statementOf(db, select.getSQL())
}

/**
 * The places (1-based, comma-separated) of a row's search fields holding any of the search's terms
 * (`any_term`, the tsquery the search binds): `@@` on each field's few lexemes. Empty when none
 * does, null when the row has no search fields.
 */
const fieldsHoldingTerms = (t: any) => sql`case when ${t.search_fields} is null then null
  else coalesce((select string_agg(f.place::text, ',' order by f.place)
    from unnest(${t.search_fields}::tsvector[]) with ordinality as f(lexemes, place)
    where f.lexemes @@ ${sql.placeholder('any_term')}::tsquery), '') end`

/**
 * A searchable field's JSON as a hit's snippet reads it: of bilingual text, the query's language
 * alone (`match_language`, bound with the search), which spares the API decoding and parsing the
 * other; whole in a row without search fields, whose match is found in every language.
 */
const snippetSource = (t: any, field: string) => {
  const column = t[field]
  if (column.columnType !== 'PgJsonb') return sql`to_json(${column})::text`
  const language = sql.placeholder('match_language')
  return sql`case when ${t.search_fields} is not null and jsonb_typeof(${column}) = 'object'
    and jsonb_exists(${column}, ${language}) then to_json(${column} ->> ${language})::text
    else to_json(${column})::text end`
}

/** Where the page after the one ending at `row` starts: its rank and id, or its sort value and id. */
const keysetOf = ([, , id, sortValue]: RawValue[], ranked: boolean, rank: number): Keyset =>
  ranked
    ? { value: rank, id: String(id), rank }
    : { value: JSON.parse(String(sortValue)) as string | number | null, id: String(id) }

/**
 * An entry's JSON (or its cut), `out`, with its `match` added as the last key. PostgreSQL's bytes
 * go out as they came: a page of Chinese text is not encoded back to UTF-8.
 */
const withMatch = (match: unknown, out: Buffer | string): RawValue[] => {
  const tail = `,"match":${JSON.stringify(match)}}`
  return Buffer.isBuffer(out) ? [out.subarray(0, -1), Buffer.from(tail)] : [out.toString().slice(0, -1) + tail]
}

const COMMA = Buffer.from(',')

/** Entries' JSON joined by commas: bytes when PostgreSQL's were, text when PGlite's. */
const joinEntries = (entries: RawValue[][]): RawValue => {
  const pieces = entries.flatMap((pieces, i) => (i ? [COMMA, ...pieces] : pieces))
  if (pieces.every((piece) => Buffer.isBuffer(piece))) return Buffer.concat(pieces as Buffer[])
  return pieces.join('')
}

/**
 * The query with each value a placeholder, the values by placeholder name (as the columns' own
 * encoders give them to the driver), and the shape: everything the statement's text depends on
 * (the filters given and how many values each has, the statuses, sort, cursor, ids checked).
 */
const withPlaceholders = (collection: CollectionName, query: CollectionQuery, idChecks: IdCheck[]) => {
  const values: Record<string, unknown> = { limit: query.limit, limit_and_one: query.limit + 1 }
  const slot = (name: string, value: unknown): Placeholder => {
    values[name] = value
    return sql.placeholder(name)
  }
  const columns = readColumnsOf(collection)
  const filters: Filters = {}
  const shape: unknown[] = [collection, query.statuses.length, query.sort?.field, query.sort?.descending]
  for (const [name, spec] of Object.entries(FILTERS[collection])) {
    const value = query.filters[name]
    if (value === undefined || spec.kind === 'tree') continue
    const encode = (v: unknown) =>
      columns[spec.column]!.mapToDriverValue(spec.kind === 'since' ? new Date(v as string) : v)
    filters[name] =
      spec.kind === 'in'
        ? (value as unknown[]).map((v, i) => slot(`${name}.${i}`, encode(v)))
        : slot(name, encode(value))
    shape.push(name, spec.kind === 'in' ? (value as unknown[]).length : 1)
  }
  const after = query.after && {
    value: slot('after.value', query.after.value),
    id: slot('after.id', query.after.id),
    ...(query.after.rank !== undefined ? { rank: slot('after.rank', query.after.rank) } : {}),
  }
  shape.push(Boolean(after), query.after?.rank !== undefined, ...idChecks.flatMap((c) => [c.collection, c.ids.length]))
  const statuses = query.statuses.map((s, i) => slot(`status.${i}`, s))
  return {
    shape: JSON.stringify(shape),
    values,
    template: {
      query: { ...query, filters, statuses, after } as unknown as CollectionQuery,
      idChecks: idChecks.map((c, i) => ({
        ...c,
        ids: c.ids.map((id, j) => slot(`check.${i}.${j}`, id)),
      })) as unknown as IdCheck[],
    },
  }
}
