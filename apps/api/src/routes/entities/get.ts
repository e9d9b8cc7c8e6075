import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import {
  AsOf,
  INCLUDES,
  collectionSpecs,
  fieldsParam,
  includeParam,
  invalid,
  notFound,
  type CollectionName,
} from '@chain-atlas/types'
import {
  getEntity,
  getPublishedJson,
  getPublishedEntryJson,
  includedJson,
  includedEntries,
  publishedAsOf,
  type Entity,
} from '@chain-atlas/db'
import { readableStatuses, splitCommaLists } from '../../list-query.ts'
import { entityEtag } from '../../etag.ts'
import { entryJson, passThrough } from '../../pass-through.ts'
import { ok, problem, readErrors } from '../../responses.ts'
import { IdParams, dependsOn } from './shared.ts'
import { pickFields, serializeSparse, sparseSchema } from '../../sparse-fields.ts'

/**
 * Gets one entry by id, with related entries embedded (`include`) or as published at `as_of`.
 *
 *   GET /v1/economies/{id}         getEconomy
 *   GET /v1/sectors/{id}           getSector
 *   GET /v1/sources/{id}           getSource
 *   GET /v1/doctrines/{id}         getDoctrine
 *   GET /v1/instruments/{id}       getInstrument
 *   GET /v1/china-strategies/{id}  getChinaStrategy
 *   GET /v1/alliances/{id}         getAlliance
 *   GET /v1/sector-focuses/{id}    getSectorFocus
 *   GET /v1/concepts/{id}          getConcept
 *   GET /v1/assessments/{id}       getAssessment
 */
/** `include` where the collection references something, `fields` and `as_of` everywhere. */
const getQuery = (collection: CollectionName, includes: string[]) => {
  const query = Type.Object(
    {
      include: Type.Optional(includeParam(includes)),
      fields: Type.Optional(fieldsParam(collection)),
      as_of: Type.Optional(AsOf),
    },
    { additionalProperties: false },
  )
  if (!includes.length) delete (query.properties as Partial<typeof query.properties>).include
  return query
}

export const registerGet = (app: RouteApp, collection: CollectionName) => {
  const spec = collectionSpecs[collection]
  const includes = Object.keys(INCLUDES[collection])
  app.get(
    `/v1/${collection}/:id`,
    {
      schema: {
        operationId: `get${spec.schemaName}`,
        summary: `Get one ${spec.label.singular}`,
        description:
          `The published ${spec.label.singular} (signed-in users: in any status; a change under review is at \`…/draft\`). ` +
          '`include` adds the entries it references under `included`; `fields` keeps only the fields named; `as_of` gives it ' +
          'as published at that moment. Its `ETag` (of the whole entry) is what writes take in `If-Match`.',
        tags: [collection],
        params: IdParams,
        querystring: getQuery(collection, includes),
        response: {
          200: ok(spec.schemaName, `The ${spec.label.singular}.`),
          ...readErrors,
          404: problem(`No ${spec.label.singular} you may read has this id.`),
        },
      },
      preValidation: splitCommaLists(collection),
      config: { publicCache: dependsOn(collection, (request) => `${collection}/${request.params.id}`) },
    },
    async (request, reply) => {
      const { include, fields, as_of: asOf } = request.query
      // Serialized as a sparse entry once there is one: a problem thrown before keeps its own serializer.
      const cut = (entity: Entity) => {
        if (!fields) return entity
        serializeSparse(reply, collection, 'entry')
        return pickFields(entity, fields)
      }
      if (asOf) {
        if (include) throw invalid('/query/as_of', 'does not combine with include')
        const [then] = await publishedAsOf(app.replicas.reader(request), collection, new Date(asOf), [
          request.params.id,
        ])
        if (!then) throw notFound(`${spec.label.singular} "${request.params.id}" as of ${asOf}`)
        return cut(then)
      }
      const statuses = readableStatuses(request.actor)
      if ((include?.length || fields) && statuses.every((s) => s === 'published')) {
        // Cut and with what it references, by PostgreSQL, passed through. Its ETag is the answer's: see below.
        const db = app.replicas.reader(request)
        const found = await getPublishedEntryJson(db, collection, request.params.id, { fields, include })
        if (!found) throw notFound(`${spec.label.singular} "${request.params.id}"`)
        const included = include?.length ? await includedJson(db, collection, found.referenced) : undefined
        return passThrough(reply, entryJson(found.json, included), fields && sparseSchema(collection, 'entry'))
      }
      if (!include?.length && !fields && statuses.every((s) => s === 'published')) {
        // An anonymous reader's plain get: the entry as the JSON PostgreSQL built, passed through.
        const found = await getPublishedJson(app.replicas.reader(request), collection, request.params.id)
        if (!found) throw notFound(`${spec.label.singular} "${request.params.id}"`)
        reply.header('etag', entityEtag(found))
        return passThrough(reply, found.json)
      }
      const entity = await getEntity(app.replicas.reader(request), collection, request.params.id, statuses)
      if (!entity) throw notFound(`${spec.label.singular} "${request.params.id}"`)
      // The ETag writes take in If-Match is the whole entry's, not of an answer cut or added to.
      if (!include?.length && !fields) reply.header('etag', entityEtag(entity))
      const included = include?.length
        ? await includedEntries(app.replicas.reader(request), collection, [entity], include, statuses)
        : undefined
      return { ...cut(entity), ...(included ? { included } : {}) }
    },
  )
}
