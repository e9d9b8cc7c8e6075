import { getTableColumns } from 'drizzle-orm'
import { COLLECTION_NAMES, type CollectionName } from '@chain-atlas/types'
import { alliances } from './alliances.ts'
import { assessments } from './assessments.ts'
import { chinaStrategies } from './china-strategies.ts'
import { concepts } from './concepts.ts'
import { doctrines } from './doctrines.ts'
import { economies } from './economies.ts'
import { instruments } from './instruments.ts'
import { sectorFocuses } from './sector-focuses.ts'
import { sectors } from './sectors.ts'
import { sources } from './sources.ts'

export { statusEnum } from './columns.ts'
export * from './accounts.ts'
export * from './revisions.ts'
export * from './working-copies.ts'
export * from './webhooks.ts'
export {
  alliances,
  assessments,
  chinaStrategies,
  concepts,
  doctrines,
  economies,
  instruments,
  sectorFocuses,
  sectors,
  sources,
}

/** The table behind each collection of the API. */
export const tables = {
  economies,
  sectors,
  sources,
  doctrines,
  instruments,
  'china-strategies': chinaStrategies,
  alliances,
  'sector-focuses': sectorFocuses,
  concepts,
  assessments,
} satisfies Record<CollectionName, unknown>

/** The table of a collection, untyped: generic code reads its columns by name. */
export const tableOf = (collection: CollectionName) => tables[collection] as any

/**
 * The search document is for matching only: reads that build entities leave it (a third of a
 * row's bytes) in the database, and the public JSON too (reads that pass it through select it).
 */
const readColumns = Object.fromEntries(
  COLLECTION_NAMES.map((c) => {
    const {
      search_tokens: _tokens,
      search_vector: _vector,
      search_fields: _fields,
      public_json: _json,
      ...columns
    } = getTableColumns(tables[c] as any) as Record<string, unknown>
    return [c, columns]
  }),
) as Record<CollectionName, Record<string, any>>

/** The columns a read selects to build a collection's entities. */
export const readColumnsOf = (collection: CollectionName) => readColumns[collection]
