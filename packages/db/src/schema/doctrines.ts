import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import type { Text } from '@chain-atlas/types'
import { citationColumns, curatedColumns, curatedIndexes, textJson } from './columns.ts'
import { economies } from './economies.ts'

export const doctrines = pgTable(
  'doctrines',
  {
    ...curatedColumns(),
    economy_id: text('economy_id')
      .notNull()
      .references(() => economies.id),
    name: textJson('name').notNull(),
    labels: jsonb('labels').$type<Text[]>(),
    summary: textJson('summary').notNull(),
    origins: textJson('origins').notNull(),
    goals: jsonb('goals').$type<{ number: number; text: Text }[]>().notNull(),
    ...citationColumns(),
  },
  (t) => [...curatedIndexes('doctrines', t), index('doctrines_economy_idx').on(t.economy_id)],
)
