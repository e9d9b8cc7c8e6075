import { getTableName, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { COLLECTION_NAMES, entitySchemas, type CollectionName } from '@chain-atlas/types'
import { readColumnsOf, tableOf } from './schema/index.ts'

/**
 * An entry's public JSON, built by PostgreSQL: what `toEntity` gives, as text. A read that only
 * passes entries through (an anonymous list, get or search) then costs the API no parsing of every
 * column and no serializing of every field (issue 24, item 3).
 *
 * Each row keeps its JSON in `public_json`, written by a trigger on every insert and update
 * (`publicJsonTriggersSql`, migration 0018): building it on every read cost PostgreSQL some 30 µs
 * an entry, more than the rest of a list's page. The trigger runs the expression below on the row
 * being written; tests check that every stored JSON is what the expression gives now, so a change
 * to a collection's fields that needs new triggers fails them until a migration installs those.
 *
 * The keys come in the schema's order; an optional field that is null is left out (`concat_ws`
 * skips NULLs), a required one that is null is sent as null; times are RFC 3339 in UTC with
 * milliseconds, as `Date.toISOString` writes them. Nested values are PostgreSQL's jsonb text
 * (`{"en": "…"}`, its own spacing and key order): the same JSON values. Tests compare every
 * seeded entry with `toEntity`, and check each answer against its response schema.
 */

/** The `to_char` format of a time as `Date.toISOString` writes it (in UTC, with milliseconds). */
const ISO_TIME = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`

/**
 * The SQL text of an entry's public JSON, from the columns of `row` (a table's name, or `NEW` in a
 * trigger); with `only`, of those keys alone (an answer cut by `fields=`), still in schema order.
 */
const entityJsonText = (collection: CollectionName, row: string, only?: ReadonlySet<string>): string => {
  const schema = entitySchemas[collection]
  const required = new Set<string>((schema.required as string[] | undefined) ?? [])
  const columns = readColumnsOf(collection)
  // Keys without a column (`included`, `match`) are added to an answer, never stored.
  const stored = Object.keys(schema.properties).filter((key) => columns[key] && (!only || only.has(key)))
  const pieces = stored.map((key) => {
    const column = `${row}."${columns[key].name}"`
    const value =
      columns[key].columnType === 'PgTimestamp'
        ? `to_json(to_char(${column} at time zone 'UTC', ${ISO_TIME}))::text`
        : `to_json(${column})::text`
    const name = `'${JSON.stringify(key)}:'`
    return required.has(key) ? `${name} || coalesce(${value}, 'null')` : `${name} || ${value}`
  })
  return `('{' || concat_ws(',', ${pieces.join(', ')}) || '}')`
}

const tableName = (collection: CollectionName) => getTableName(tableOf(collection))

// One raw chunk each, built once: Drizzle turns each chunk of a query into text on every request.
const builtJsonSql = Object.fromEntries(
  COLLECTION_NAMES.map((c) => [c, sql.raw(entityJsonText(c, `"${tableName(c)}"`))]),
) as Record<CollectionName, SQL>

/** A collection's entry as public JSON text: the column its row keeps it in (see above). */
export const entityJson = (collection: CollectionName): AnyPgColumn => tableOf(collection).public_json

/**
 * An entry cut to `id` and `fields` (`fields=`), as JSON text built from its columns: the keys
 * `pickFields` keeps, in the order the sparse serializer writes them (the schema's). Built per
 * read, from a few columns: cheaper than parsing the whole stored JSON. Field names come from the
 * validated `fields` parameter, never from a client's text. For a statement's text, written once
 * per shape (`statementOfShape`).
 */
export const sparseEntityJson = (collection: CollectionName, fields: readonly string[]): SQL<string> =>
  sql.raw(entityJsonText(collection, `"${tableName(collection)}"`, new Set(['id', ...fields]))) as SQL<string>

/** The fields of a cut that change its JSON, in schema order and once each: a statement's shape. */
export const sparseKey = (collection: CollectionName, fields: readonly string[]): string => {
  const asked = new Set(fields)
  return Object.keys(entitySchemas[collection].properties)
    .filter((key) => asked.has(key))
    .join(',')
}

/** The same JSON built from the row's columns now: what the trigger stores, for tests to compare. */
export const builtEntityJson = (collection: CollectionName): SQL<string> => builtJsonSql[collection] as SQL<string>

/** The name of the function (and of the trigger) that keeps a collection's `public_json`. */
export const publicJsonFunctionName = (collection: CollectionName) => `${tableName(collection)}_public_json`

/** The body of a collection's trigger function: it sets the row's JSON from the row being written. */
export const publicJsonFunctionBody = (collection: CollectionName) =>
  `\nBEGIN\n  NEW."public_json" := ${entityJsonText(collection, 'NEW')};\n  RETURN NEW;\nEND\n`

/**
 * The SQL that installs (or replaces) every collection's trigger and fills `public_json` anew:
 * what a migration holds whenever the public fields change. `pnpm db:public-json` prints it.
 */
export const publicJsonTriggersSql = (): string =>
  COLLECTION_NAMES.map((c) => {
    const table = tableName(c)
    const name = publicJsonFunctionName(c)
    return [
      `CREATE OR REPLACE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$${publicJsonFunctionBody(c)}$$;`,
      `DROP TRIGGER IF EXISTS "${name}" ON "${table}";`,
      `CREATE TRIGGER "${name}" BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${name}"();`,
      // Even where a session skips triggers (`session_replication_role = replica`, as a bulk load
      // does to skip foreign-key checks): a row's JSON is never left behind its columns.
      `ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER "${name}";`,
      // The trigger computes each row's JSON as it is updated.
      `UPDATE "${table}" SET "public_json" = NULL;`,
    ].join('--> statement-breakpoint\n')
  }).join('--> statement-breakpoint\n')
