import { readFile } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { openDatabase, rowsOf, type DatabaseHandle } from '@chain-atlas/db'
import { TEMPLATES, TEST_DATABASE_PREFIX, pgliteTemplatePath, type Template } from '../setup/templates.ts'

/** Tests run on PostgreSQL when DATABASE_URL is set, else on embedded PGlite. */
export const SERVER_URL = process.env.DATABASE_URL || undefined
export const DATABASE_KIND = SERVER_URL ? 'postgres' : 'pglite'

type Teardown = { teardown(fn: () => unknown): void }

export const withDatabaseName = (url: string, name: string) => {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

let counter = 0
/** A database name of this run's, which the next run drops if this one is interrupted. */
export const uniqueDatabaseName = () => `${TEST_DATABASE_PREFIX}${process.pid}_${Date.now().toString(36)}_${counter++}`

/** Runs `fn` with a short-lived admin connection to the server's maintenance database. */
export const withAdmin = async <T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> => {
  const sql = postgres(SERVER_URL!, { max: 1, onnotice: () => {} })
  try {
    return await fn(sql)
  } finally {
    await sql.end()
  }
}

/** A new PostgreSQL database (copied from a template when given), dropped when the test ends. */
const serverDatabase = async (t: Teardown, template?: Template) => {
  const name = uniqueDatabaseName()
  await withAdmin((sql) =>
    template
      ? sql.unsafe(`create database ${name} template ${TEMPLATES[template]}`)
      : sql.unsafe(`create database ${name}`),
  )
  const url = withDatabaseName(SERVER_URL!, name)
  t.teardown(() => withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`)))
  return url
}

export type TestDatabase = DatabaseHandle & { url?: string }

/**
 * A database of the test's own: `fresh` is empty and unmigrated, `migrated` has the schema,
 * `seeded` also holds the dataset. Closed (and on PostgreSQL dropped) when the test ends.
 */
export const testDatabase = async (t: Teardown, state: 'fresh' | Template = 'seeded'): Promise<TestDatabase> => {
  let handle: TestDatabase
  if (SERVER_URL) {
    const url = await serverDatabase(t, state === 'fresh' ? undefined : state)
    handle = Object.assign(await openDatabase({ databaseUrl: url, maxConnections: 5 }), { url })
  } else if (state === 'fresh') {
    handle = await openDatabase({ pglite: await PGlite.create() })
  } else {
    const dump = new Blob([await readFile(pgliteTemplatePath(state))])
    handle = await openDatabase({ pglite: await PGlite.create({ loadDataDir: dump }) })
  }
  t.teardown(() => handle.close())
  return handle
}

/** The number of rows in a table: "nothing was written" is the same count before and after. */
export const countRows = async (database: { db: any }, table: string) =>
  rowsOf<{ n: number }>(await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n
