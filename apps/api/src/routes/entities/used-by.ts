import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import {
  COLLECTION_NAMES,
  PAGE_PARAMS,
  collectionSpecs,
  invalid,
  notFound,
  withArticle,
  type CollectionName,
} from '@chain-atlas/types'
import { getEntity, usedBy, type UsedByKeyset } from '@chain-atlas/db'
import { decodeCursor, encodeCursor } from '../../cursor.ts'
import { readableStatuses } from '../../list-query.ts'
import { ok, pageMeta, problem, readErrors } from '../../responses.ts'
import { dependsOnEverything } from '../../plugins/application/read-cache.ts'
import { IdParams } from './shared.ts'

const UsedByQuery = Type.Object(PAGE_PARAMS, { additionalProperties: false })

/** A page ends at an entry: its collection goes where a list cursor keeps its sort value. */
const CURSOR_ORDER = 'used-by'

const decodeUsedByCursor = (cursor: string): UsedByKeyset => {
  const { value, id } = decodeCursor(cursor, CURSOR_ORDER)
  if (!COLLECTION_NAMES.includes(value as CollectionName) || !/^[a-z0-9-]{1,200}$/.test(id))
    throw invalid('/query/cursor', 'is not a cursor this API issued')
  return { collection: value as CollectionName, id }
}

/**
 * The entries that reference this one, and in which fields: published ones for anonymous readers,
 * every one for signed-in users. What to check before archiving or changing an entry.
 *
 *   GET /v1/economies/{id}/used-by         listEconomyUsedBy
 *   GET /v1/sectors/{id}/used-by           listSectorUsedBy
 *   GET /v1/sources/{id}/used-by           listSourceUsedBy
 *   GET /v1/doctrines/{id}/used-by         listDoctrineUsedBy
 *   GET /v1/instruments/{id}/used-by       listInstrumentUsedBy
 *   GET /v1/china-strategies/{id}/used-by  listChinaStrategyUsedBy
 *   GET /v1/alliances/{id}/used-by         listAllianceUsedBy
 *   GET /v1/sector-focuses/{id}/used-by    listSectorFocusUsedBy
 *   GET /v1/concepts/{id}/used-by          listConceptUsedBy
 *   GET /v1/assessments/{id}/used-by       listAssessmentUsedBy
 */
export const registerUsedBy = (app: RouteApp, collection: CollectionName) => {
  const spec = collectionSpecs[collection]
  app.get(
    `/v1/${collection}/:id/used-by`,
    {
      schema: {
        operationId: `list${spec.schemaName}UsedBy`,
        summary: `The entries that reference ${withArticle(spec.label.singular)}, and in which fields`,
        description:
          'Published entries for anonymous readers; every entry, whatever its status, for signed-in users. In collection order, then by id.',
        tags: [collection],
        params: IdParams,
        querystring: UsedByQuery,
        response: {
          200: ok('UsedByList', 'A page of the entries that reference it.'),
          ...readErrors,
          404: problem(`No ${spec.label.singular} you may read has this id.`),
        },
      },
      config: { publicCache: dependsOnEverything },
    },
    async (request) => {
      const statuses = readableStatuses(request.actor)
      const { id } = request.params
      if (!(await getEntity(app.replicas.reader(request), collection, id, statuses)))
        throw notFound(`${spec.label.singular} "${id}"`)
      const limit = request.query.limit ?? 50
      const after = request.query.cursor ? decodeUsedByCursor(request.query.cursor) : undefined
      const page = await usedBy(app.replicas.reader(request), collection, id, { statuses, limit, after })
      return {
        data: page.entries,
        meta: pageMeta(
          limit,
          page.next ? encodeCursor(CURSOR_ORDER, { value: page.next.collection, id: page.next.id }) : null,
        ),
      }
    },
  )
}
