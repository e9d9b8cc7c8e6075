import { COLLECTION_NAMES, entitySchemas, type CollectionName } from '@chain-atlas/types'
import { searchDocuments } from './search.ts'

export type Row = Record<string, unknown>
export type Entity = Record<string, unknown> & { id: string; version: number; status: string }

const entityKeys = Object.fromEntries(
  COLLECTION_NAMES.map((c) => [c, Object.keys(entitySchemas[c].properties)]),
) as Record<CollectionName, string[]>

const arrayKeys = Object.fromEntries(
  COLLECTION_NAMES.map((c) => [
    c,
    new Set(
      Object.entries(entitySchemas[c].properties)
        .filter(([, s]) => (s as { type?: string }).type === 'array')
        .map(([k]) => k),
    ),
  ]),
) as Record<CollectionName, Set<string>>

/** Fields that are required but may be null (`year` of an undated instrument): sent as null. */
const nullableKeys = Object.fromEntries(
  COLLECTION_NAMES.map((c) => [c, new Set<string>((entitySchemas[c].required as string[] | undefined) ?? [])]),
) as Record<CollectionName, Set<string>>

/** Columns the database keeps only to filter on; they are computed from the entity on every write. */
const derivedColumns: Partial<Record<CollectionName, (record: Row) => Row>> = {
  instruments: (r) => {
    const amounts = (r.amounts as { currency: string }[]) ?? []
    return { currencies: [...new Set(amounts.map((a) => a.currency))], has_amount: amounts.length > 0 }
  },
  'sector-focuses': (r) => ({
    sector_ids: [...new Set(((r.sectors as { sector_id: string }[]) ?? []).map((s) => s.sector_id))],
  }),
}

/**
 * The row to write for an entity: every field of the collection (absent optional fields become
 * null, or an empty list, so an update clears them), the derived filter columns and the search lexemes.
 */
export const toRow = (collection: CollectionName, record: Row): Row => {
  const row: Row = {}
  for (const key of entityKeys[collection]) {
    if (key === 'version' || key === 'created_at' || key === 'updated_at') continue
    row[key] = record[key] ?? (arrayKeys[collection].has(key) ? [] : null)
  }
  row.status = record.status ?? 'published'
  Object.assign(row, derivedColumns[collection]?.(record), searchDocuments(collection, record))
  return row
}

/** The public shape of a row: only the collection’s fields, absent optional fields omitted, times in RFC 3339. */
export const toEntity = (collection: CollectionName, row: Row): Entity => {
  const entity: Row = {}
  for (const key of entityKeys[collection]) {
    const value = row[key]
    if (value === undefined || (value === null && !nullableKeys[collection].has(key))) continue
    entity[key] = value instanceof Date ? value.toISOString() : value
  }
  return entity as Entity
}

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Row)[k])]),
    )
  }
  return value
}

/** A value as JSON with its keys sorted, to compare: jsonb keeps keys in its own order, a working copy in the writer's. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value))

/** The fields a curator or seed file controls, canonically serialized, to compare a row with what is stored. */
export const contentOf = (collection: CollectionName, row: Row): string => {
  const { version: _v, created_at: _c, updated_at: _u, ...content } = toEntity(collection, row)
  return JSON.stringify(sortKeys(content))
}
