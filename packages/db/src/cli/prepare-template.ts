import { existsSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '../client.ts'
import { seededTemplatePath, templateDirFrom, writeTemplate } from '../pglite-template.ts'
import { seedFromFiles } from '../seed.ts'

/**
 * Run by `pnpm install` (postinstall): makes the seeded embedded database that a new `DATA_DIR`
 * starts from, in `TEMPLATE_DIR` as the server reads it, so that the very first `pnpm start`
 * loads it instead of running PGlite's initdb, the migrations and the seed (6.4 → 2.6 s to
 * /readyz). A failure here fails no install: the first start then makes the template itself,
 * only slower.
 */
const started = Date.now()
try {
  const path = await seededTemplatePath(templateDirFrom(process.env))
  if (existsSync(path)) {
    console.log(`chain-atlas: the seeded embedded database is ready (${path})`)
  } else {
    const database = await openDatabase({ pglite: await PGlite.create() })
    try {
      await database.migrate()
      await seedFromFiles(database.db)
      await writeTemplate(path, await database.dump!())
    } finally {
      await database.close()
    }
    console.log(
      `chain-atlas: prepared the seeded embedded database in ${((Date.now() - started) / 1000).toFixed(1)} s (${path})`,
    )
  }
} catch (error) {
  console.warn(
    `chain-atlas: could not prepare the seeded embedded database (the first start will): ${(error as Error).message}`,
  )
}
