import type { SQL } from 'drizzle-orm'
import type { Executor } from './client.ts'

/** A column's value as the driver received it: bytes from PostgreSQL, text from PGlite; null for SQL NULL. */
export type RawValue = Buffer | string | null

type PostgresJs = {
  unsafe(text: string, params: unknown[], options: { prepare: boolean }): { raw(): Promise<RawValue[][]> }
}
type Pglite = { query(text: string, params: unknown[], options: { rowMode: 'array' }): Promise<{ rows: RawValue[][] }> }
type Client = { $client: PostgresJs | Pglite; dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } } }

/**
 * The first row of `query`, each column as the driver received it. On PostgreSQL the values stay
 * the bytes postgres.js read (`raw()`), never decoded into strings: an answer built as JSON by
 * PostgreSQL goes out as those same bytes, and decoding 20 KB cost more than the rest of a read.
 * The statement is prepared on the server (postgres.js keeps one per connection and text).
 * Not inside a transaction: it runs on the database's own client.
 */
export const firstRowRaw = async (db: Executor, query: SQL): Promise<RawValue[] | undefined> => {
  const { $client: client, dialect } = db as unknown as Client
  const { sql: text, params } = dialect.sqlToQuery(query)
  if ('unsafe' in client) return (await client.unsafe(text, params, { prepare: true }).raw())[0]
  return (await client.query(text, params, { rowMode: 'array' })).rows[0]
}

/** A raw value as text. */
export const rawText = (value: RawValue) => (value === null ? null : value.toString())
