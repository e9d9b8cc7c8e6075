import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, text, type AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Amount, Fact, Text } from '@chain-atlas/types'
import { citationColumns, curatedColumns, curatedIndexes, idList, textJson } from './columns.ts'
import { economies } from './economies.ts'

export const instruments = pgTable(
  'instruments',
  {
    ...curatedColumns(),
    economy_id: text('economy_id')
      .notNull()
      .references(() => economies.id),
    level: text('level').notNull(),
    category: text('category').notNull(),
    kind: text('kind').notNull(),
    title: textJson('title').notNull(),
    acronym: text('acronym'),
    year: integer('year'),
    start_date: text('start_date'),
    end_date: text('end_date'),
    lifecycle: text('lifecycle').notNull(),
    identified: boolean('identified'),
    summary: textJson('summary').notNull(),
    amounts: jsonb('amounts').$type<Amount[]>().notNull(),
    /** Currencies of `amounts`, for the `currency` filter. */
    currencies: idList('currencies'),
    /** Whether `amounts` holds any amount, for the `has_amount` filter. */
    has_amount: boolean('has_amount').notNull().default(false),
    figures: jsonb('figures').$type<Fact[]>(),
    components: jsonb('components').$type<{ name: Text; description?: Text }[]>(),
    sector_ids: idList('sector_ids'),
    partner_ids: idList('partner_ids'),
    alliance_ids: text('alliance_ids').array(),
    parent_id: text('parent_id').references((): AnyPgColumn => instruments.id),
    assessment_ids: text('assessment_ids').array(),
    table_cells: jsonb('table_cells').$type<{ table: number; row: string; column: string; position?: number }[]>(),
    ...citationColumns(),
  },
  (t) => [
    ...curatedIndexes('instruments', t),
    index('instruments_economy_level_category_idx').on(t.economy_id, t.level, t.category),
    index('instruments_level_category_idx').on(t.level, t.category),
    index('instruments_category_idx').on(t.category),
    index('instruments_kind_idx').on(t.kind),
    index('instruments_year_idx').on(t.year),
    index('instruments_lifecycle_idx').on(t.lifecycle),
    index('instruments_parent_idx').on(t.parent_id),
    index('instruments_sector_ids_idx').using('gin', t.sector_ids),
    index('instruments_partner_ids_idx').using('gin', t.partner_ids),
    index('instruments_currencies_idx').using('gin', t.currencies),
    index('instruments_has_amount_idx').on(t.has_amount),
    // Used-by (used-by.ts): which instruments hold an alliance, or a source in their figures.
    index('instruments_alliance_ids_idx').using('gin', t.alliance_ids),
    index('instruments_assessment_ids_idx').using('gin', t.assessment_ids),
    index('instruments_figures_idx').using('gin', t.figures.op('jsonb_path_ops')),
    index('instruments_amounts_idx').using('gin', t.amounts.op('jsonb_path_ops')),
    // Compare: the instruments that fill a cell of one of the paper's tables.
    index('instruments_table_cells_idx').using('gin', t.table_cells.op('jsonb_path_ops')),
    // Keyset pagination for each sort order: (sort expression, id).
    // Undated instruments sort last both ways (NULLS_LAST): one index per direction.
    index('instruments_year_asc_id_idx').on(sql`coalesce(${t.year}, 9999)`, t.id),
    index('instruments_year_desc_id_idx').on(sql`coalesce(${t.year}, -1)`, t.id),
    index('instruments_title_id_idx').on(sql`(${t.title} ->> 'en')`, t.id),
    index('instruments_updated_id_idx').on(t.updated_at, t.id),
    index('instruments_created_id_idx').on(t.created_at, t.id),
  ],
)
