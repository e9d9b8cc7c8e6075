import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { isEmpty, openDatabase, seedFromFiles, type DatabaseHandle } from '@chain-atlas/db'
import type { Config } from '../config.ts'

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle
  }
}

export type DatabasePluginOptions = {
  config: Config
  /** An already open database (tests); the plugin then neither migrates nor closes it. */
  handle?: DatabaseHandle
}

/**
 * Opens PostgreSQL (DATABASE_URL) or embedded PGlite (DATA_DIR), applies pending migrations and
 * seeds an empty database, then exposes the handle as `app.database`.
 */
const database = async (app: FastifyInstance, { config, handle }: DatabasePluginOptions) => {
  if (handle) {
    app.decorate('database', handle)
    return
  }
  const opened = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir })
  app.decorate('database', opened)
  app.addHook('onClose', () => opened.close())
  await opened.migrate()
  if (config.seedOnStart && (await isEmpty(opened.db))) {
    const report = await seedFromFiles(opened.db)
    app.log.info(report, 'seeded the empty database')
  }
  app.log.info({ database: opened.kind }, 'database ready')
}

export default fp(database, { name: 'database' })
