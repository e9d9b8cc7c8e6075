import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import {
  AsOf, COLLECTION_NAMES, INCLUDES, Slug, collectionSpecs, filterQuerySchema, includeParam, invalid, listQuerySchema, notFound,
  type CollectionName,
} from '@chain-atlas/types'
import { countCollection, embedRelations, facetCounts, getEntity, matchedFields, matchesFilters, publishedAsOf, queryCollection } from '@chain-atlas/db'
import { decodeCursor } from '../cursor.ts'
import { encodeCursor } from '../cursor.ts'
import { orderOf, readableStatuses, splitCommaLists, toCollectionQuery, type ListQuerystring } from '../list-query.ts'
import { entityEtag } from '../etag.ts'
import { ok, problem, readErrors } from '../responses.ts'
import type { CacheTags } from '../plugins/application/read-cache.ts'

/** A cached answer of a collection depends on `own` and on every collection `include` embeds. */
const dependsOn = (collection: CollectionName, own: (request: any) => string): CacheTags => (request) => {
  const include = (request.query as { include?: string[] }).include ?? []
  return [own(request), ...include.map((name) => INCLUDES[collection][name]?.collection ?? '*')]
}

const pascal = (name: string) => name.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')

/** `GET /v1/{collection}`, `/v1/{collection}/facets` and `/v1/{collection}/{id}` for every collection. */
export default async function collectionRoutes(app: FastifyInstance) {
  for (const collection of COLLECTION_NAMES) {
    registerList(app, collection)
    registerFacets(app, collection)
    registerGet(app, collection)
  }
}

const registerList = (app: FastifyInstance, collection: CollectionName) => {
  const spec = collectionSpecs[collection]
  app.get<{ Querystring: ListQuerystring }>(`/v1/${collection}`, {
    schema: {
      operationId: `list${pascal(collection)}`,
      summary: `List ${spec.label.plural}`,
      description:
        `Published ${spec.label.plural}, filtered by the named parameters (comma lists match any value), searched with \`q\` ` +
        `in English or Chinese, sorted by \`sort\`, a page at a time: follow \`meta.next_cursor\`.`,
      tags: [collection],
      querystring: listQuerySchema(collection),
      response: { 200: ok(`${spec.schemaName}List`, `A page of ${spec.label.plural}.`), ...readErrors },
    },
    preValidation: splitCommaLists(collection),
    config: { publicCache: dependsOn(collection, () => collection) },
  }, async (request) => {
    if (request.query.as_of) return listAsOf(app, collection, request.query)
    const query = toCollectionQuery(collection, request.query, request.actor)
    const { db } = app.database
    const page = await queryCollection(db, collection, query)
    if (request.query.include?.length) await embedRelations(db, collection, page.entities, request.query.include, readableStatuses(request.actor))
    const total = request.query.count ? await countCollection(db, collection, query) : undefined
    return {
      data: page.entities,
      meta: {
        limit: query.limit,
        next_cursor: page.next ? encodeCursor(orderOf(request.query), page.next) : null,
        ...(total !== undefined ? { total } : {}),
      },
    }
  })
}

/**
 * A page of what was published at `as_of`, in id order, with the list's filters and search
 * evaluated on the past entries themselves.
 */
const listAsOf = async (app: FastifyInstance, collection: CollectionName, query: ListQuerystring) => {
  const unsupported = ['sort', 'include', 'status'].find((k) => k in query)
  if (unsupported) throw invalid('/query/as_of', `does not combine with ${unsupported}`)
  const { filters, q, limit } = toCollectionQuery(collection, { ...query, cursor: undefined })
  const order = `as_of:${query.as_of}`
  const afterId = query.cursor ? decodeCursor(query.cursor, order).id : ''
  const matching = (await publishedAsOf(app.database.db, collection, new Date(query.as_of as string)))
    .filter((e) => matchesFilters(collection, e, filters))
    .filter((e) => !q || matchedFields(collection, e, q).length > 0)
  const rest = matching.filter((e) => e.id > afterId)
  const page = rest.slice(0, limit)
  const last = page.at(-1)
  return {
    data: page,
    meta: {
      limit,
      next_cursor: rest.length > limit && last ? encodeCursor(order, { value: last.id, id: last.id }) : null,
      ...(query.count ? { total: matching.length } : {}),
    },
  }
}

const registerFacets = (app: FastifyInstance, collection: CollectionName) => {
  const spec = collectionSpecs[collection]
  app.get<{ Querystring: ListQuerystring }>(`/v1/${collection}/facets`, {
    schema: {
      operationId: `get${pascal(collection)}Facets`,
      summary: `Count ${spec.label.plural} per filter value`,
      description:
        `For each filter with a list of values, how many published ${spec.label.plural} have each value under the current ` +
        'filters and search. A dimension’s own filter is left out of its counts, so a sidebar shows what each choice would give.',
      tags: [collection],
      querystring: filterQuerySchema(collection),
      response: { 200: ok('Facets', 'Counts per value of each filter.'), ...readErrors },
    },
    preValidation: splitCommaLists(collection),
    config: { publicCache: () => [collection] },
  }, async (request) => {
    const query = toCollectionQuery(collection, request.query, request.actor)
    const { db } = app.database
    const [facets, total] = await Promise.all([facetCounts(db, collection, query), countCollection(db, collection, query)])
    return { total, facets }
  })
}

const registerGet = (app: FastifyInstance, collection: CollectionName) => {
  const spec = collectionSpecs[collection]
  const includes = Object.keys(INCLUDES[collection])
  app.get<{ Params: { id: string }; Querystring: { include?: string[]; as_of?: string } }>(`/v1/${collection}/:id`, {
    schema: {
      operationId: `get${spec.schemaName}`,
      summary: `Get one ${spec.label.singular}`,
      tags: [collection],
      params: Type.Object({ id: Slug }, { additionalProperties: false }),
      querystring: Type.Object(
        { ...(includes.length ? { include: Type.Optional(includeParam(includes)) } : {}), as_of: Type.Optional(AsOf) },
        { additionalProperties: false },
      ),
      response: {
        200: ok(spec.schemaName, `The ${spec.label.singular}.`),
        ...readErrors,
        404: problem(`No ${spec.label.singular} you may read has this id.`),
      },
    },
    preValidation: splitCommaLists(collection),
    config: { publicCache: dependsOn(collection, (request) => `${collection}/${request.params.id}`) },
  }, async (request, reply) => {
    if (request.query.as_of) {
      if (request.query.include) throw invalid('/query/as_of', 'does not combine with include')
      const [then] = await publishedAsOf(app.database.db, collection, new Date(request.query.as_of), [request.params.id])
      if (!then) throw notFound(`${spec.label.singular} "${request.params.id}" as of ${request.query.as_of}`)
      return then
    }
    const statuses = readableStatuses(request.actor)
    const entity = await getEntity(app.database.db, collection, request.params.id, statuses)
    if (!entity) throw notFound(`${spec.label.singular} "${request.params.id}"`)
    if (request.query.include?.length) await embedRelations(app.database.db, collection, [entity], request.query.include, statuses)
    else reply.header('etag', entityEtag(entity)) // the ETag writes take in If-Match
    return entity
  })
}
