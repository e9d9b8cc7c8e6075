import { getTableName, sql, type SQL } from 'drizzle-orm'
import { COLLECTION_NAMES, entitySchemas, type CollectionName } from '@chain-atlas/types'
import { readColumnsOf, tableOf } from './schema/index.ts'

/**
 * An entry's public JSON, built by PostgreSQL: what `toEntity` gives, as text. A read that only
 * passes entries through (an anonymous list or get) then costs the API no parsing of every column
 * and no serializing of every field; a tenth of the CPU of a cache miss (issue 24, item 3).
 *
 * The keys come in the schema's order; an optional field that is null is left out (`concat_ws`
 * skips NULLs), a required one that is null is sent as null; times are RFC 3339 in UTC with
 * milliseconds, as `Date.toISOString` writes them. Nested values are PostgreSQL's jsonb text
 * (`{"en": "…"}`, its own spacing and key order): the same JSON values. Tests compare every
 * seeded entry with `toEntity`, and check each answer against its response schema.
 */
/** The `to_char` format of a time as `Date.toISOString` writes it (in UTC, with milliseconds). */
const ISO_TIME = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`

const buildEntityJson = (collection: CollectionName): SQL => {
  const schema = entitySchemas[collection]
  const required = new Set<string>((schema.required as string[] | undefined) ?? [])
  const columns = readColumnsOf(collection)
  const table = `"${getTableName(tableOf(collection))}"`
  // Keys without a column (`included`, `match`) are added to an answer, never stored.
  const stored = Object.keys(schema.properties).filter((key) => columns[key])
  const pieces = stored.map((key) => {
    const column = `${table}."${columns[key].name}"`
    const value =
      columns[key].columnType === 'PgTimestamp'
        ? `to_json(to_char(${column} at time zone 'UTC', ${ISO_TIME}))::text`
        : `to_json(${column})::text`
    const name = `'${JSON.stringify(key)}:'`
    return required.has(key) ? `${name} || coalesce(${value}, 'null')` : `${name} || ${value}`
  })
  // One raw chunk, built once: Drizzle turns each chunk of a query into text on every request.
  return sql.raw(`('{' || concat_ws(',', ${pieces.join(', ')}) || '}')`)
}

const entityJsonSql = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, buildEntityJson(c)])) as Record<
  CollectionName,
  SQL
>

/** The SQL expression of a collection's entry as public JSON text (see above). */
export const entityJson = (collection: CollectionName): SQL<string> => entityJsonSql[collection] as SQL<string>
