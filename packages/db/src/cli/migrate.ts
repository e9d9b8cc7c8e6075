import { describeTarget, openFromEnv } from './connect.ts'

const database = await openFromEnv()
try {
  await database.migrate()
  console.log(`${describeTarget()}: ${await database.appliedMigrations()} migration(s) applied`)
} finally {
  await database.close()
}
