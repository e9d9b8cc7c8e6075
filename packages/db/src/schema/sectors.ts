import { index, pgTable, text } from 'drizzle-orm/pg-core'
import { citationColumns, curatedColumns, curatedIndexes, textJson } from './columns.ts'

export const sectors = pgTable(
  'sectors',
  {
    ...curatedColumns(),
    name: textJson('name').notNull(),
    kind: text('kind').notNull(),
    parent_id: text('parent_id'),
    description: textJson('description'),
    ...citationColumns(),
  },
  (t) => [
    ...curatedIndexes('sectors', t),
    index('sectors_kind_idx').on(t.kind),
    index('sectors_parent_idx').on(t.parent_id),
  ],
)
