import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { citationColumns, curatedColumns, curatedIndexes, idList, textJson } from './columns.ts'
import { economies } from './economies.ts'

export const alliances = pgTable(
  'alliances',
  {
    ...curatedColumns(),
    name: textJson('name').notNull(),
    acronym: text('acronym'),
    kind: text('kind').notNull(),
    leader_id: text('leader_id').references(() => economies.id),
    identified: boolean('identified'),
    member_ids: idList('member_ids'),
    sector_ids: idList('sector_ids'),
    founded_year: integer('founded_year'),
    summary: textJson('summary').notNull(),
    ...citationColumns(),
  },
  (t) => [
    ...curatedIndexes('alliances', t),
    index('alliances_kind_idx').on(t.kind),
    index('alliances_member_ids_idx').using('gin', t.member_ids),
    index('alliances_sector_ids_idx').using('gin', t.sector_ids),
  ],
)
