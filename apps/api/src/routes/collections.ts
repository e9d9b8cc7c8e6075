import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { COLLECTION_NAMES, Slug, collectionSpecs, type CollectionName, type Status } from '@chain-atlas/types'
import { getEntity, listEntities } from '@chain-atlas/db'
import { decodeCursor, encodeCursor } from '../cursor.ts'
import { notFound } from '../errors.ts'
import { ok, problem, readErrors } from '../responses.ts'

/** Anonymous readers see published entries only. */
const PUBLIC: Status[] = ['published']

const pascal = (name: string) => name.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')

const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size, 1–200.' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'The `meta.next_cursor` of the previous page.' })),
  },
  { additionalProperties: false },
)

const IdParams = Type.Object({ id: Slug }, { additionalProperties: false })


/** `GET /v1/{collection}` and `GET /v1/{collection}/{id}` for every collection. */
export default async function collectionRoutes(app: FastifyInstance) {
  for (const collection of COLLECTION_NAMES) registerCollection(app, collection)
}

const registerCollection = (app: FastifyInstance, collection: CollectionName) => {
  const spec = collectionSpecs[collection]
  const plural = pascal(collection)

  app.get<{ Querystring: { limit?: number; cursor?: string } }>(`/v1/${collection}`, {
    schema: {
      operationId: `list${plural}`,
      summary: `List ${spec.label.plural}`,
      description: `Published ${spec.label.plural} in id order, a page at a time (keyset pagination).`,
      tags: [collection],
      querystring: ListQuery,
      response: { 200: ok(`${spec.schemaName}List`, `A page of ${spec.label.plural}.`), ...readErrors },
    },
  }, async (request) => {
    const limit = request.query.limit ?? 50
    const afterId = request.query.cursor === undefined ? undefined : decodeCursor(request.query.cursor)
    const page = await listEntities(app.database.db, collection, { limit, afterId, statuses: PUBLIC })
    return {
      data: page.entities,
      meta: { limit, next_cursor: page.hasMore && page.lastId ? encodeCursor(page.lastId) : null },
    }
  })

  app.get<{ Params: { id: string } }>(`/v1/${collection}/:id`, {
    schema: {
      operationId: `get${spec.schemaName}`,
      summary: `Get one ${spec.label.singular}`,
      tags: [collection],
      params: IdParams,
      response: {
        200: ok(spec.schemaName, `The ${spec.label.singular}.`),
        ...readErrors,
        404: problem(`No published ${spec.label.singular} has this id.`),
      },
    },
  }, async (request) => {
    const entity = await getEntity(app.database.db, collection, request.params.id, PUBLIC)
    if (!entity) throw notFound(`${spec.label.singular} "${request.params.id}"`)
    return entity
  })
}
