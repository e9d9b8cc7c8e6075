import { index, pgTable, text } from 'drizzle-orm/pg-core'
import { citationColumns, curatedColumns, curatedIndexes, textJson } from './columns.ts'
import { economies } from './economies.ts'

export const concepts = pgTable(
  'concepts',
  {
    ...curatedColumns(),
    term: textJson('term').notNull(),
    kind: text('kind').notNull(),
    definition: textJson('definition').notNull(),
    origin: textJson('origin'),
    coined_by: text('coined_by'),
    coined_on: text('coined_on'),
    economy_id: text('economy_id').references(() => economies.id),
    ...citationColumns(),
  },
  (t) => [
    ...curatedIndexes('concepts', t),
    index('concepts_kind_idx').on(t.kind),
    index('concepts_economy_idx').on(t.economy_id),
  ],
)
