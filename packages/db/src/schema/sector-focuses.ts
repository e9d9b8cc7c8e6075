import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import type { Fact, Text } from '@chain-atlas/types'
import { citationColumns, curatedColumns, curatedIndexes, idList, textJson } from './columns.ts'
import { economies } from './economies.ts'

export const sectorFocuses = pgTable(
  'sector_focuses',
  {
    ...curatedColumns(),
    economy_id: text('economy_id')
      .notNull()
      .references(() => economies.id),
    strategy: textJson('strategy').notNull(),
    summary: textJson('summary').notNull(),
    sectors: jsonb('sectors').$type<{ sector_id: string; emphasis: string }[]>().notNull(),
    /** Ids of `sectors`, for the `sector` filter. */
    sector_ids: idList('sector_ids'),
    figures: jsonb('figures').$type<Fact[]>().notNull(),
    criteria: jsonb('criteria').$type<Text[]>(),
    programme_ids: idList('programme_ids'),
    ...citationColumns(),
  },
  (t) => [
    ...curatedIndexes('sector_focuses', t),
    index('sector_focuses_economy_idx').on(t.economy_id),
    index('sector_focuses_sector_ids_idx').using('gin', t.sector_ids),
  ],
)
