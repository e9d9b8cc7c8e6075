import t from 'tap'
import { sql } from 'drizzle-orm'
import { COLLECTION_NAMES } from '@chain-atlas/types'
import { expectedMigrations, rowsOf } from '@chain-atlas/db'
import { DATABASE_KIND, testDatabase } from '../../../tests/helpers/database.ts'

t.test(`migrations apply to an empty ${DATABASE_KIND} database, once`, async (t) => {
  const database = await testDatabase(t, 'fresh')
  t.equal(await database.appliedMigrations(), 0, 'an empty database has no migration applied')

  await database.migrate()
  t.equal(await database.appliedMigrations(), await expectedMigrations(), 'every migration in migrations/ is applied')

  const tables = rowsOf<{ table_name: string }>(
    await database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`),
  ).map((r) => r.table_name)
  for (const collection of COLLECTION_NAMES) {
    t.ok(tables.includes(collection.replaceAll('-', '_')), `table for ${collection} exists`)
  }

  await database.migrate()
  t.equal(await database.appliedMigrations(), await expectedMigrations(), 'migrating again applies nothing twice')
})

t.test('the filters of the read API are indexed', async (t) => {
  const database = await testDatabase(t, 'migrated')
  const indexes = rowsOf<{ indexdef: string }>(
    await database.db.execute(sql`select indexdef from pg_indexes where tablename = 'instruments'`),
  ).map((r) => r.indexdef)
  for (const column of [
    'economy_id',
    'level',
    'category',
    'year',
    'status',
    'lifecycle',
    'sector_ids',
    'partner_ids',
    'search_vector',
    'currencies',
  ]) {
    t.ok(
      indexes.some((d) => d.includes(column)),
      `instruments.${column} has an index`,
    )
  }
})
