import { sql } from 'drizzle-orm'
import {
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  text,
  timestamp,
  type ExtraConfigColumn,
  type PgColumn,
} from 'drizzle-orm/pg-core'
import { STATUSES, type Claim, type Text } from '@chain-atlas/types'

export const statusEnum = pgEnum('status', STATUSES)

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/** Bilingual text: `{ en, zh, original? }`. */
export const textJson = (name: string) => jsonb(name).$type<Text>()

/** A list of ids (references to other entities), never null. */
export const idList = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`)

/**
 * The columns every curated table shares: identity, workflow, timestamps, optimistic version,
 * the bilingual search document (the app writes lexemes: words, CJK characters and bigrams, see
 * search.ts; PostgreSQL casts them to a tsvector as they are, free of any locale or parser), and
 * the entry's public JSON.
 */
export const curatedColumns = () => ({
  id: text('id').primaryKey(),
  version: integer('version').notNull().default(1),
  status: statusEnum('status').notNull().default('draft'),
  created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updated_at: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  search_tokens: text('search_tokens').notNull().default(''),
  // Kept in the row, not in TOAST (`SET STORAGE MAIN`, migration 0016: Drizzle has no word for it).
  search_vector: tsvector('search_vector').generatedAlwaysAs(sql`(search_tokens)::tsvector`),
  // Each searchable field's lexemes (a tsvector[] literal, see `searchDocuments`): which fields
  // of a hit hold a term. Null in rows written before it (migration 0019): their match is found in
  // the fields' text.
  search_fields: text('search_fields'),
  // The entry's public JSON, kept up to date by a trigger on every write (migration 0018, see
  // entity-json.ts): a read passes it through instead of PostgreSQL building it on every read.
  public_json: text('public_json'),
})

/** Citation columns: sources, places in the paper, and curators' notes on corrections. */
export const citationColumns = () => ({
  source_ids: idList('source_ids'),
  claims: jsonb('claims').$type<Claim[]>(),
  paper_refs: text('paper_refs').array(),
  notes: textJson('notes'),
})

type CuratedTable = {
  id: ExtraConfigColumn
  status: PgColumn
  search_vector: PgColumn
  source_ids?: PgColumn
  claims?: ExtraConfigColumn
}

/** Indexes every curated table needs: workflow status, full-text search, and cited sources. */
export const curatedIndexes = (table: string, t: CuratedTable) => [
  index(`${table}_status_idx`).on(t.status),
  index(`${table}_search_idx`).using('gin', t.search_vector),
  // What names an entry (weight A) indexed apart: ranked search takes its first candidates here,
  // without reading every entry that merely mentions a common word.
  index(`${table}_name_search_idx`).using('gin', sql`ts_filter(${t.search_vector}, '{a}')`),
  // The rows whose search fields are still to be written (`fillSearchFields`): none once filled,
  // so the check on every start reads an empty index instead of the whole table (1.7 s at 1M).
  index(`${table}_search_fields_missing_idx`).on(t.id).where(sql`search_fields is null`),
  ...(t.source_ids ? [index(`${table}_source_ids_idx`).using('gin', t.source_ids)] : []),
  // Used-by: which entries cite a source for one of their claims.
  ...(t.claims ? [index(`${table}_claims_idx`).using('gin', t.claims.op('jsonb_path_ops'))] : []),
]
