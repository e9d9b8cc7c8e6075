// pnpm openapi:generate writes openapi/openapi.json and .yaml from the routes, with response examples
// asked of a seeded API (apps/api/src/openapi-examples.json); --check fails when any of them differ.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase, seedFromFiles } from '@chain-atlas/db'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { collectExamples } from '../openapi-examples.ts'
import { useExamples } from '../plugins/infrastructure/openapi.ts'

const OPENAPI_DIR = fileURLToPath(new URL('../../../../openapi/', import.meta.url))
const EXAMPLES = fileURLToPath(new URL('../openapi-examples.json', import.meta.url))

const database = await openDatabase({ pglite: await PGlite.create() })
await database.migrate()
await seedFromFiles(database.db)
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' }), { database })
await app.ready()
const examples = await collectExamples(app)
// The document is made at its first reading: with these examples, asked of the seed just now.
useExamples(examples)
const documents = {
  'openapi.json': `${JSON.stringify(app.swagger(), null, 2)}\n`,
  'openapi.yaml': app.swagger({ yaml: true }),
}
await app.close()
await database.close()

const files: [string, string][] = [
  [EXAMPLES, `${JSON.stringify(examples, null, 2)}\n`],
  ...Object.entries(documents).map(([name, text]): [string, string] => [OPENAPI_DIR + name, text]),
]
for (const [path, text] of files) {
  const name = path.split('/').slice(-2).join('/')
  if (process.argv.includes('--check')) {
    const committed = await readFile(path, 'utf8').catch(() => '')
    if (committed !== text) {
      console.error(`${name} is out of date: run \`pnpm openapi:generate\` and commit it`)
      process.exitCode = 1
    } else console.log(`${name} matches the code`)
  } else {
    await writeFile(path, text)
    console.log(`wrote ${name}`)
  }
}
