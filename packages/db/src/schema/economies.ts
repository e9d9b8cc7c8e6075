import { index, pgTable, text } from 'drizzle-orm/pg-core'
import { citationColumns, curatedColumns, curatedIndexes, idList, textJson } from './columns.ts'

export const economies = pgTable(
  'economies',
  {
    ...curatedColumns(),
    kind: text('kind').notNull(),
    name: textJson('name').notNull(),
    roles: idList('roles'),
    region: text('region').notNull(),
    member_ids: text('member_ids').array(),
    summary: textJson('summary'),
    ...citationColumns(),
  },
  (t) => [
    ...curatedIndexes('economies', t),
    index('economies_kind_idx').on(t.kind),
    index('economies_region_idx').on(t.region),
    index('economies_roles_idx').using('gin', t.roles),
  ],
)
