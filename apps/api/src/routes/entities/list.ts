import type { RouteApp } from '../route-app.ts'
import { collectionSpecs, invalid, listQuerySchema, type CollectionName } from '@chain-atlas/types'
import {
  countCollection,
  embedRelations,
  matchedFields,
  matchesFilters,
  publishedAsOf,
  queryCollection,
} from '@chain-atlas/db'
import { decodeCursor, encodeCursor } from '../../cursor.ts'
import {
  checkFilterIds,
  orderOf,
  readableStatuses,
  scopeOf,
  splitCommaLists,
  toCollectionQuery,
  type ListQuerystring,
} from '../../list-query.ts'
import { ok, pageMeta, readErrors } from '../../responses.ts'
import { dependsOn, pascal } from './shared.ts'

/**
 * Lists a collection: filtered, searched, sorted, a page at a time, or as published at `as_of`.
 *
 *   GET /v1/economies         listEconomies
 *   GET /v1/sectors           listSectors
 *   GET /v1/sources           listSources
 *   GET /v1/doctrines         listDoctrines
 *   GET /v1/instruments       listInstruments
 *   GET /v1/china-strategies  listChinaStrategies
 *   GET /v1/alliances         listAlliances
 *   GET /v1/sector-focuses    listSectorFocuses
 *   GET /v1/concepts          listConcepts
 *   GET /v1/assessments       listAssessments
 */
export const registerList = (app: RouteApp, collection: CollectionName) => {
  const spec = collectionSpecs[collection]
  app.get<{ Querystring: ListQuerystring }>(
    `/v1/${collection}`,
    {
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
    },
    async (request) => {
      if (request.query.as_of) return listAsOf(app, collection, request.query)
      const query = toCollectionQuery(collection, request.query, request.actor)
      const scope = scopeOf(query) // of the filters as asked, before a tree flag widens them
      const { db } = app.database
      await checkFilterIds(db, collection, query)
      const page = await queryCollection(db, collection, query)
      if (request.query.include?.length)
        await embedRelations(db, collection, page.entities, request.query.include, readableStatuses(request.actor))
      const total = request.query.count ? await countCollection(db, collection, query) : undefined
      return {
        data: page.entities,
        meta: {
          ...pageMeta(query.limit, page.next ? encodeCursor(orderOf(request.query), page.next, scope) : null),
          ...(total !== undefined ? { total } : {}),
        },
      }
    },
  )
}

/**
 * A page of what was published at `as_of`, in id order, with the list's filters and search
 * evaluated on the past entries themselves.
 */
const listAsOf = async (app: RouteApp, collection: CollectionName, query: ListQuerystring) => {
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
      ...pageMeta(limit, rest.length > limit && last ? encodeCursor(order, { value: last.id, id: last.id }) : null),
      ...(query.count ? { total: matching.length } : {}),
    },
  }
}
