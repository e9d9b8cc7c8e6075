import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import type { Fact, Text } from '@chain-atlas/types'
import { citationColumns, curatedColumns, curatedIndexes, idList, textJson } from './columns.ts'

export const assessments = pgTable(
  'assessments',
  {
    ...curatedColumns(),
    kind: text('kind').notNull(),
    ordinal: integer('ordinal').notNull(),
    statement: textJson('statement').notNull(),
    economy_ids: idList('economy_ids'),
    sector_ids: text('sector_ids').array(),
    figures: jsonb('figures').$type<Fact[]>(),
    components: jsonb('components').$type<{ name: Text; description?: Text }[]>(),
    ...citationColumns(),
  },
  (t) => [
    ...curatedIndexes('assessments', t),
    index('assessments_kind_idx').on(t.kind, t.ordinal),
    index('assessments_economy_ids_idx').using('gin', t.economy_ids),
    index('assessments_sector_ids_idx').using('gin', t.sector_ids),
  ],
)
