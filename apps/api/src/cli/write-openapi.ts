// pnpm openapi:generate writes openapi/openapi.json from the routes; --check fails when it differs.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '@chain-atlas/db'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'

export const OPENAPI_PATH = fileURLToPath(new URL('../../../../openapi/openapi.json', import.meta.url))

const database = await openDatabase({ pglite: await PGlite.create() })
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { database })
await app.ready()
const document = `${JSON.stringify(app.swagger(), null, 2)}\n`
await app.close()
await database.close()

if (process.argv.includes('--check')) {
  const committed = await readFile(OPENAPI_PATH, 'utf8').catch(() => '')
  if (committed !== document) {
    console.error('openapi/openapi.json is out of date: run `pnpm openapi:generate` and commit it')
    process.exit(1)
  }
  console.log('openapi/openapi.json matches the code')
} else {
  await writeFile(OPENAPI_PATH, document)
  console.log(`wrote ${OPENAPI_PATH}`)
}
