// pnpm openapi:generate writes openapi/openapi.json and .yaml from the routes; --check fails when they differ.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '@chain-atlas/db'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'

const OPENAPI_DIR = fileURLToPath(new URL('../../../../openapi/', import.meta.url))

const database = await openDatabase({ pglite: await PGlite.create() })
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { database })
await app.ready()
const documents = {
  'openapi.json': `${JSON.stringify(app.swagger(), null, 2)}\n`,
  'openapi.yaml': app.swagger({ yaml: true }),
}
await app.close()
await database.close()

for (const [name, document] of Object.entries(documents)) {
  if (process.argv.includes('--check')) {
    const committed = await readFile(OPENAPI_DIR + name, 'utf8').catch(() => '')
    if (committed !== document) {
      console.error(`openapi/${name} is out of date: run \`pnpm openapi:generate\` and commit it`)
      process.exitCode = 1
    } else console.log(`openapi/${name} matches the code`)
  } else {
    await writeFile(OPENAPI_DIR + name, document)
    console.log(`wrote openapi/${name}`)
  }
}
