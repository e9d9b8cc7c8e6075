// pnpm db:seed [--update] [--dir <dataset folder>]
import { parseArgs } from 'node:util'
import { DatasetError } from '../dataset.ts'
import { seedFromFiles } from '../seed.ts'
import { describeTarget, openFromEnv } from './connect.ts'

const { values } = parseArgs({ options: { update: { type: 'boolean', default: false }, dir: { type: 'string' } } })

const database = await openFromEnv()
try {
  await database.migrate()
  const report = await seedFromFiles(database.db, values.dir, values.update ? 'update' : 'insert-missing')
  console.log(
    `${describeTarget()}: ${report.inserted} inserted, ${report.updated} updated, ${report.unchanged} unchanged`,
  )
} catch (error) {
  if (!(error instanceof DatasetError)) throw error
  console.error(error.message)
  console.error('nothing was loaded')
  process.exitCode = 1
} finally {
  await database.close()
}
