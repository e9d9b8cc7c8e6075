import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import type { Fact, Text } from '@chain-atlas/types'
import { citationColumns, curatedColumns, curatedIndexes, idList, textJson } from './columns.ts'
import { economies } from './economies.ts'

export const chinaStrategies = pgTable(
  'china_strategies',
  {
    ...curatedColumns(),
    economy_id: text('economy_id')
      .notNull()
      .references(() => economies.id),
    title: textJson('title').notNull(),
    stance: text('stance').notNull(),
    labels: jsonb('labels').$type<Text[]>().notNull(),
    summary: textJson('summary').notNull(),
    period_start: text('period_start'),
    period_end: text('period_end'),
    evidence: jsonb('evidence').$type<Fact[]>().notNull(),
    instrument_ids: idList('instrument_ids'),
    sector_ids: text('sector_ids').array(),
    ...citationColumns(),
  },
  (t) => [
    ...curatedIndexes('china_strategies', t),
    index('china_strategies_economy_idx').on(t.economy_id),
    index('china_strategies_stance_idx').on(t.stance),
    index('china_strategies_instrument_ids_idx').using('gin', t.instrument_ids),
    index('china_strategies_sector_ids_idx').using('gin', t.sector_ids),
  ],
)
