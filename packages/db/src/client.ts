import { readFile } from 'node:fs/promises'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { PREPARED_WINDOW_MS } from './raw-row.ts'
import * as schema from './schema/index.ts'
import { fillSearchFields } from './search-fields.ts'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url))

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>
/** A database or an open transaction: repositories take either. */
export type Executor = Pick<
  Database,
  'select' | 'selectDistinctOn' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction'
>

export type DatabaseKind = 'pglite' | 'postgres'

export interface DatabaseHandle {
  db: Database
  kind: DatabaseKind
  /** Applies every migration in `migrations/` that has not run yet. */
  migrate(): Promise<void>
  /** How many migrations have been applied (0 when none, or the database is not migrated). */
  appliedMigrations(): Promise<number>
  /** Rejects unless the database answers a trivial query. */
  ping(): Promise<void>
  /**
   * Whether an error of a query means the database cannot be reached right now: decided from the
   * driver's error codes and the connection's state only, never from a message (messages carry
   * values a client chose).
   */
  isUnavailable(error: unknown): boolean
  /**
   * Calls `onNotify` with each payload NOTIFY sends on `channel`, and `onListen` each time the
   * listening starts, the first time and after a lost connection (when notifications may have
   * been missed). Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>
  /** PGlite only: the whole data folder as a tarball, to start another database from. */
  dump?(): Promise<Blob>
  close(): Promise<void>
}

export type DatabaseOptions =
  | { databaseUrl: string; maxConnections?: number }
  /** `template`: a tarball of a data folder (see `dump`) to start from when the folder is new. */
  | { dataDir: string; template?: Blob }
  | { pglite: PGlite }

/** The number of migrations the code expects, from drizzle-kit's journal. */
export const expectedMigrations = async (): Promise<number> => {
  const journal = JSON.parse(await readFile(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8')) as { entries: unknown[] }
  return journal.entries.length
}

const countApplied = async (db: Database): Promise<number> => {
  const exists = await db.execute<{ present: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  )
  if (!rowsOf<{ present: boolean }>(exists)[0]?.present) return 0
  const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0
}

const ping = async (db: Database) => {
  await db.execute(sql`select 1`)
}

/**
 * postgres.js's connection errors, Node's socket errors, and PostgreSQL's SQLSTATEs for a server
 * going away (57P01-03 shutdown, 53300 too many connections; class 08 below).
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
  '53300',
])

/** True when an error, or an error it wraps (Drizzle wraps the driver's), has a code of a lost server. */
export const hasUnavailableCode = (error: unknown): boolean => {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : ''
    if (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true
  }
  return false
}

/** PGlite answers `{ rows }`, postgres.js an array: one shape for callers. */
export const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? [])

const openPostgres = (url: string, max: number): DatabaseHandle => {
  // Short connect timeout: when the server is gone, requests fail fast (503) instead of hanging.
  // A connection lives one window of prepared shapes at most (`PREPARED_WINDOW_MS`): the statements
  // prepared on it go with it.
  const client = postgres(url, {
    max,
    connect_timeout: 2,
    idle_timeout: 30,
    max_lifetime: PREPARED_WINDOW_MS / 1000,
    onnotice: () => {},
  })
  const db = drizzlePostgres({ client, schema }) as unknown as Database
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const migrator = postgres(url, { max: 1, onnotice: () => {} })
      try {
        await migratePostgres(drizzlePostgres({ client: migrator }), { migrationsFolder: MIGRATIONS_DIR })
      } finally {
        await migrator.end()
      }
      await fillSearchFields(db)
    },
    appliedMigrations: () => countApplied(db),
    ping: () => ping(db),
    isUnavailable: hasUnavailableCode,
    async listen(channel, onNotify, onListen) {
      const { unlisten } = await client.listen(channel, onNotify, onListen)
      return () =>
        unlisten().catch((error) => {
          if (error?.code !== 'CONNECTION_ENDED') throw error // a closed database listens to nothing already
        })
    },
    close: () => client.end({ timeout: 5 }),
  }
}

const openPglite = async (client: PGlite): Promise<DatabaseHandle> => {
  const [{ drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ])
  const db = drizzlePglite({ client, schema }) as unknown as Database
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR })
      await fillSearchFields(db)
    },
    appliedMigrations: () => countApplied(db),
    ping: () => ping(db),
    // In the process: it is unavailable only once closed.
    isUnavailable: () => client.closed,
    async listen(channel, onNotify, onListen) {
      // One embedded connection: it never drops, and it hears the NOTIFYs of its own writes.
      const unlisten = await client.listen(channel, onNotify)
      onListen?.()
      return async () => {
        if (!client.closed) await unlisten()
      }
    },
    dump: () => client.dumpDataDir('none'),
    close: async () => {
      if (!client.closed) await client.close()
    },
  }
}

/** PostgreSQL through postgres.js when a URL is given, else embedded PGlite persisted in a folder. */
export const openDatabase = async (options: DatabaseOptions): Promise<DatabaseHandle> => {
  if ('databaseUrl' in options) return openPostgres(options.databaseUrl, options.maxConnections ?? 10)
  if ('pglite' in options) return openPglite(options.pglite)
  await mkdir(options.dataDir, { recursive: true })
  // Loaded only when used: importing PGlite costs a server on PostgreSQL some 50 MB of memory.
  const { PGlite } = await import('@electric-sql/pglite')
  return openPglite(await PGlite.create(options.dataDir, options.template ? { loadDataDir: options.template } : {}))
}
