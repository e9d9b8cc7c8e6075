import { COLLECTION_NAMES } from '@chain-atlas/types'
import { isNull, sql } from 'drizzle-orm'
import type { Database } from './client.ts'
import { toEntity } from './entities.ts'
import { readColumnsOf, tableOf } from './schema/index.ts'
import { searchDocuments } from './search.ts'

const BATCH = 500

/**
 * Writes the search documents of rows without search fields (`searchDocuments`): those written
 * before they were kept (migration 0019), or set to null by a migration because a collection's
 * searchable fields changed (docs/operations.md, "Adding a migration"). PostgreSQL cannot compute
 * them: the lexemes are the app's. The row's search tokens are written again with them, so the
 * two never disagree. Run after migrating; a row without search fields is still matched, only at
 * a higher cost. No revision is written, so no webhook fires. A partial index holds the rows still
 * to fill (migration 0020): once none is left, the check that every start makes reads an empty
 * index, not the table.
 */
export const fillSearchFields = async (db: Database) => {
  for (const collection of COLLECTION_NAMES) {
    const t = tableOf(collection)
    for (;;) {
      const rows = await db.select(readColumnsOf(collection)).from(t).where(isNull(t.search_fields)).limit(BATCH)
      if (!rows.length) break
      const values = rows.map((row: Record<string, unknown>) => {
        const { search_fields, search_tokens } = searchDocuments(collection, toEntity(collection, row))
        return sql`(${row.id}::text, ${search_fields}::text, ${search_tokens}::text)`
      })
      await db.execute(sql`update ${t} set search_fields = v.fields, search_tokens = v.tokens
        from (values ${sql.join(values, sql`, `)}) as v(id, fields, tokens) where ${t.id} = v.id`)
    }
  }
}
