import { resolve } from 'node:path'
import { openDatabase, type DatabaseHandle } from '../client.ts'

/** The database the environment names: DATABASE_URL, else PGlite in DATA_DIR (default ./.data). */
export const openFromEnv = (): Promise<DatabaseHandle> =>
  process.env.DATABASE_URL
    ? openDatabase({ databaseUrl: process.env.DATABASE_URL, maxConnections: 2 })
    : openDatabase({ dataDir: resolve(process.env.DATA_DIR || './.data') })

export const describeTarget = () =>
  process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${resolve(process.env.DATA_DIR || './.data')}`
