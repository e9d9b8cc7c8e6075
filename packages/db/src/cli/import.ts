// pnpm data:import <file>: restores an export (pnpm data:export or GET /v1/export) into an empty database.
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { importBackup, type Backup } from '../backup.ts'
import { DatasetError } from '../dataset.ts'
import { describeTarget, openFromEnv } from './connect.ts'

const { positionals } = parseArgs({ allowPositionals: true })
if (positionals.length !== 1) {
  console.error('usage: pnpm data:import <export.json>')
  process.exit(2)
}

let backup: Backup
try {
  backup = JSON.parse(await readFile(positionals[0]!, 'utf8'))
} catch (error) {
  console.error(`cannot read ${positionals[0]}: ${(error as Error).message}`)
  process.exit(1)
}

const database = await openFromEnv()
try {
  await database.migrate()
  const { imported } = await importBackup(database.db, backup)
  console.log(`${describeTarget()}: imported ${imported} entries`)
} catch (error) {
  console.error(error instanceof DatasetError ? error.message : `import failed: ${(error as Error).message}`)
  console.error('nothing was imported')
  process.exitCode = 1
} finally {
  await database.close()
}
