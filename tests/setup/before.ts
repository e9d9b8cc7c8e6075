// Runs once before the test files (tap's `before` hook, through tap-before.mjs): builds the migrated and seeded templates each test copies,
// so no test pays for initdb, migrations and seeding again.
import { mkdir, writeFile } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { openDatabase, seedFromFiles, type DatabaseHandle } from '@chain-atlas/db'
import { ARTIFACTS_DIR, TEMPLATES, TEST_DATABASE_PREFIX, pgliteTemplatePath, type Template } from './templates.ts'

const prepare = async (handle: DatabaseHandle, template: Template) => {
  await handle.migrate()
  if (template === 'seeded') await seedFromFiles(handle.db)
}

const buildPgliteTemplates = async () => {
  await mkdir(ARTIFACTS_DIR, { recursive: true })
  for (const template of ['migrated', 'seeded'] as Template[]) {
    const pglite = await PGlite.create()
    await prepare(await openDatabase({ pglite }), template)
    const dump = await pglite.dumpDataDir('none')
    await writeFile(pgliteTemplatePath(template), Buffer.from(await dump.arrayBuffer()))
    await pglite.close()
  }
}

const buildServerTemplates = async (serverUrl: string) => {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  try {
    // Leftovers of interrupted runs of this checkout. `_` is a LIKE wildcard: escaped, or the
    // pattern also matched the templates and databases of another checkout's run in progress.
    const pattern = `${TEST_DATABASE_PREFIX.replaceAll('_', '\\_')}%`
    const stale = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${pattern}`
    for (const { datname } of stale) await admin.unsafe(`drop database if exists ${datname} with (force)`)
    for (const template of ['migrated', 'seeded'] as Template[]) {
      const name = TEMPLATES[template]
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.unsafe(`create database ${name}`)
      const url = new URL(serverUrl)
      url.pathname = `/${name}`
      const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 1 })
      try {
        await prepare(handle, template)
      } finally {
        await handle.close()
      }
    }
  } finally {
    await admin.end()
  }
}

const started = Date.now()
if (process.env.DATABASE_URL) await buildServerTemplates(process.env.DATABASE_URL)
else await buildPgliteTemplates()
console.log(
  `# test templates ready on ${process.env.DATABASE_URL ? 'postgres' : 'pglite'} in ${Date.now() - started} ms`,
)
