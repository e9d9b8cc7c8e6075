// pnpm data:export [--all] [--out <file>]: the published dataset (with --all, every state) as JSON, the backup format.
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { exportBackup } from '../backup.ts'
import { describeTarget, openFromEnv } from './connect.ts'

const { values } = parseArgs({ options: { all: { type: 'boolean', default: false }, out: { type: 'string' } } })

const database = await openFromEnv()
try {
  const backup = await exportBackup(database.db, values.all)
  const json = `${JSON.stringify(backup)}\n`
  if (values.out) await writeFile(values.out, json)
  else process.stdout.write(json)
  const count = Object.values(backup).reduce((n, entities) => n + entities.length, 0)
  console.error(`${describeTarget()}: exported ${count} entries${values.out ? ` to ${values.out}` : ''}`)
} finally {
  await database.close()
}
