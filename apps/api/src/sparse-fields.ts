import type { FastifyReply } from 'fastify'
import { Type, type TObject } from 'typebox'
import { COLLECTION_NAMES, entitySchemas, includedSchemaOf, type CollectionName } from '@chain-atlas/types'
import type { Entity } from '@chain-atlas/db'

/** An entry cut to the fields asked for (`fields=`): `id` always, and `match` when a search added it. */
export const pickFields = (entity: Entity, fields: string[]): Entity => {
  const picked: Record<string, unknown> = { id: entity.id }
  for (const field of fields) if (field in entity) picked[field] = entity[field]
  if (entity.match !== undefined) picked.match = entity.match
  return picked as Entity
}

/** A collection's entry schema with only `id` required, for answers cut by `fields=`. */
const sparseEntity = (collection: CollectionName): TObject => {
  const { $id: _id, ...schema } = entitySchemas[collection] as TObject & { $id?: string }
  return { ...schema, required: ['id'] } as TObject
}

/** The schemas an answer cut by `fields=` is serialized with: one object each, so each compiles once. */
const SPARSE = Object.fromEntries(
  COLLECTION_NAMES.map((collection) => {
    const entry = sparseEntity(collection)
    const included = includedSchemaOf(collection)
    const page = Type.Object({
      data: Type.Array(entry),
      meta: Type.Ref('ListMeta'),
      ...(included ? { included: Type.Optional(included) } : {}),
    })
    return [collection, { entry, page }]
  }),
) as unknown as Record<CollectionName, { entry: TObject; page: TObject }>

/** The schema of a sparse entry or page of a collection. */
export const sparseSchema = (collection: CollectionName, shape: 'entry' | 'page'): TObject => SPARSE[collection][shape]

/**
 * Serializes this answer by the schema of a sparse entry or page: the route's own schema requires
 * every field, which a sparse answer leaves out. Still a schema, so nothing else gets out.
 */
export const serializeSparse = (reply: FastifyReply, collection: CollectionName, shape: 'entry' | 'page') => {
  const schema = SPARSE[collection][shape]
  // A serializer of its own leaves the type unset: Fastify sets it only with the route's.
  reply.type('application/json; charset=utf-8')
  reply.serializer((payload: Record<string, unknown>) =>
    reply.serializeInput(payload, schema as unknown as Record<string, unknown>),
  )
}
