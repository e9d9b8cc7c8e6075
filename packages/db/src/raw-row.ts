import type { SQL } from 'drizzle-orm'
import type { Executor } from './client.ts'

/** A column's value as the driver received it: bytes from PostgreSQL, text from PGlite; null for SQL NULL. */
export type RawValue = Buffer | string | null

type PostgresJs = {
  unsafe(text: string, params: unknown[], options: { prepare: boolean }): { raw(): Promise<RawValue[][]> }
}
type Pglite = { query(text: string, params: unknown[], options: { rowMode: 'array' }): Promise<{ rows: RawValue[][] }> }
type Client = { $client: PostgresJs | Pglite; dialect: { sqlToQuery(query: SQL): Statement } }

/**
 * A statement's text and its parameters, as the driver is given them; `prepare: false` runs it
 * unnamed, planned each time (see `statementOfShape`).
 */
export type Statement = { sql: string; params: unknown[]; prepare?: boolean }

/**
 * How many shapes of statement are prepared (named on the server, planned once per connection) in a
 * window of `PREPARED_WINDOW_MS`; past that, a shape runs unnamed, planned each time
 * (`statementOfShape`). A shape is the client's choice (which filters, how many values each, the
 * sort, the fields), and PostgreSQL keeps a prepared statement (15–80 KB here) until its connection
 * closes, postgres.js its text as long: 5,400 made-up shapes grew each of ten connections by 42 MB.
 * A connection lives one window at most (`max_lifetime` in client.ts), so it holds two windows' worth at most.
 */
export const PREPARED_PER_WINDOW = 200
export const PREPARED_WINDOW_MS = 10 * 60_000

/** The text and parameters of `query` (placeholders left in the parameters: see `fillPlaceholders`). */
export const statementOf = (db: Executor, query: SQL): Statement => (db as unknown as Client).dialect.sqlToQuery(query)

/**
 * The rows of a statement, each column as the driver received it. On PostgreSQL the values stay
 * the bytes postgres.js read (`raw()`), never decoded into strings: an answer built as JSON by
 * PostgreSQL goes out as those same bytes, and decoding 20 KB cost more than the rest of a read.
 * The statement is prepared on the server unless it says not to (postgres.js keeps one per
 * connection and text). Not inside a transaction: it runs on the database's own client.
 */
export const rowsRaw = async (
  db: Executor,
  { sql: text, params, prepare = true }: Statement,
): Promise<RawValue[][]> => {
  const client = (db as unknown as Client).$client
  if ('unsafe' in client) return client.unsafe(text, params, { prepare }).raw()
  return (await client.query(text, params, { rowMode: 'array' })).rows
}

/** The first row of a statement, as `rowsRaw` gives it. */
export const firstRowRaw = async (db: Executor, statement: Statement): Promise<RawValue[] | undefined> =>
  (await rowsRaw(db, statement))[0]

/** A raw value as text. */
export const rawText = (value: RawValue) => (value === null ? null : value.toString())
