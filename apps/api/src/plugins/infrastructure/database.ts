import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import {
  isEmpty,
  openDatabase,
  seedFromFiles,
  seededTemplatePath,
  writeTemplate,
  type DatabaseHandle,
} from '@chain-atlas/db'
import type { Config } from '../../config.ts'

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
 * An embedded database in a new folder starts from a copy of the one a first start migrated and
 * seeded, when this install has made one: copying it takes a fraction of PGlite's initdb.
 */
const openEmbedded = async (app: FastifyInstance, config: Config) => {
  const fresh = !existsSync(join(config.dataDir, 'PG_VERSION'))
  const template = fresh && config.seedOnStart ? await seededTemplatePath(config.templateDir) : undefined
  const copy = template && existsSync(template) ? new Blob([await readFile(template)]) : undefined
  const opened = await openDatabase({ dataDir: config.dataDir, template: copy })
  if (copy) app.log.info({ template }, 'embedded database created from the seeded template')
  return { opened, saveTemplateTo: template && !copy ? template : undefined }
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
  const { opened, saveTemplateTo } = config.databaseUrl
    ? { opened: await openDatabase({ databaseUrl: config.databaseUrl }), saveTemplateTo: undefined }
    : await openEmbedded(app, config)
  app.decorate('database', opened)
  let saving: Promise<void> | undefined
  app.addHook('onClose', async () => {
    await saving
    await opened.close()
  })
  await opened.migrate()
  if (config.seedOnStart && (await isEmpty(opened.db))) {
    const report = await seedFromFiles(opened.db)
    app.log.info(report, 'seeded the empty database')
  }
  if (saveTemplateTo && opened.dump) {
    const dump = opened.dump
    // Once listening, so that keeping the copy does not delay this start.
    app.addHook('onListen', async () => {
      saving = dump()
        .then((tarball) => writeTemplate(saveTemplateTo, tarball))
        .then(() =>
          app.log.info(
            { template: saveTemplateTo },
            'kept a copy of the new database: the next new DATA_DIR starts from it',
          ),
        )
        .catch((error) => app.log.warn({ err: error }, 'could not keep a copy of the new database'))
    })
  }
  app.log.info({ database: opened.kind }, 'database ready')
}

export default fp(database, { name: 'database' })
