import { index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { citationColumns, curatedColumns, curatedIndexes, idList, textJson } from './columns.ts'

export const assessments = pgTable(
  'assessments',
  {
    ...curatedColumns(),
    kind: text('kind').notNull(),
    ordinal: integer('ordinal').notNull(),
    statement: textJson('statement').notNull(),
    economy_ids: idList('economy_ids'),
    ...citationColumns(),
  },
  (t) => [
    ...curatedIndexes('assessments', t),
    index('assessments_kind_idx').on(t.kind, t.ordinal),
    index('assessments_economy_ids_idx').using('gin', t.economy_ids),
  ],
)
