import { COLLECTION_NAMES } from '@chain-atlas/types'
import { isNull, sql } from 'drizzle-orm'
import type { Database } from './client.ts'
import { toEntity } from './entities.ts'
import { readColumnsOf, tableOf } from './schema/index.ts'
import { searchFieldsLiteral } from './search.ts'

const BATCH = 500

/**
 * Writes the search fields (`searchFieldsLiteral`) of rows written before they were kept (migration
 * 0019), which PostgreSQL cannot compute: the lexemes are the app's. Run after migrating; rows
 * written since have them already, and a row without them is still matched, only at a higher cost.
 * Only that column changes: no revision is written, no cached answer or webhook is concerned. A
 * partial index holds the rows still to fill (migration 0020), so once none is left the check
 * that every start makes reads an empty index, not the table.
 */
export const fillSearchFields = async (db: Database) => {
  for (const collection of COLLECTION_NAMES) {
    const t = tableOf(collection)
    for (;;) {
      const rows = await db.select(readColumnsOf(collection)).from(t).where(isNull(t.search_fields)).limit(BATCH)
      if (!rows.length) break
      const values = rows.map(
        (row: Record<string, unknown>) =>
          sql`(${row.id}::text, ${searchFieldsLiteral(collection, toEntity(collection, row))}::text)`,
      )
      await db.execute(sql`update ${t} set search_fields = v.fields
        from (values ${sql.join(values, sql`, `)}) as v(id, fields) where ${t.id} = v.id`)
    }
  }
}
