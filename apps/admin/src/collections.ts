import { COLLECTION_NAMES, collectionSpecs, entitySchemas, type CollectionName } from '@chain-atlas/types'

export { COLLECTION_NAMES, type CollectionName }

/** The bilingual text that names an entry of each collection. */
export const PRIMARY_TEXT = Object.fromEntries(
  COLLECTION_NAMES.map((name) => [name, collectionSpecs[name].titleField]),
) as Record<CollectionName, string>

export type Bilingual = { en?: string; zh?: string; original?: string }

/** An entry's name in the UI language (from `field`, its title field by default), falling back to the other one and then its id. */
export const nameOf = (
  collection: CollectionName,
  record: Record<string, unknown> | undefined,
  locale: string,
  field = PRIMARY_TEXT[collection],
) => {
  if (!record) return ''
  const text = record[field] as Bilingual | undefined
  return (locale === 'zh' ? (text?.zh ?? text?.en) : (text?.en ?? text?.zh)) ?? String(record.id)
}

/** The collection an id at `path` refers to (`figures/*\/source_ids/*`), from the shared reference list. */
export const referenceTarget = (collection: CollectionName, path: string): CollectionName | undefined =>
  collectionSpecs[collection].references.find((r) => r.path === path)?.collection

/** The collection's content fields, in the order the shared schema declares them. */
export const fieldsOf = (collection: CollectionName) => collectionSpecs[collection].fields as Record<string, JsonSchema>

export const isCollection = (name: string): name is CollectionName =>
  (COLLECTION_NAMES as readonly string[]).includes(name)

export { entitySchemas }

/** The parts of JSON Schema the forms look at. */
export type JsonSchema = {
  type?: string
  enum?: string[]
  pattern?: string
  format?: string
  description?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  maxLength?: number
}
