import { sql } from 'drizzle-orm'
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { curatedColumns, curatedIndexes, textJson } from './columns.ts'

export const sources = pgTable(
  'sources',
  {
    ...curatedColumns(),
    kind: text('kind').notNull(),
    title: textJson('title').notNull(),
    authors: text('authors').array(),
    publisher: text('publisher'),
    container: text('container'),
    published_on: text('published_on'),
    /** The year of `published_on`, for the `year` filter. */
    published_year: integer('published_year').generatedAlwaysAs(sql`(substr(published_on, 1, 4))::integer`),
    url: text('url'),
    doi: text('doi'),
    language: text('language').notNull(),
    pages: text('pages'),
    citation: text('citation'),
    paper_refs: text('paper_refs').array(),
    notes: textJson('notes'),
  },
  (t) => [
    ...curatedIndexes('sources', t),
    index('sources_kind_idx').on(t.kind),
    index('sources_language_idx').on(t.language),
    index('sources_year_idx').on(t.published_year),
  ],
)
