import type { FastifyReply } from 'fastify'
import type { RouteApp } from '../route-app.ts'
import { collectionSpecs, invalid, pascal, listQuerySchema, type CollectionName } from '@chain-atlas/types'
import {
  countCollection,
  includedEntries,
  includedJson,
  matchedFields,
  matchesFilters,
  publishedAsOf,
  queryCollection,
  queryCollectionJson,
  searchCollectionJson,
  type CollectionQuery,
  type Database,
  type Entity,
  type Keyset,
} from '@chain-atlas/db'
import { decodeCursor, encodeCursor } from '../../cursor.ts'
import {
  checkFilterIds,
  filterIdChecks,
  orderOf,
  readableStatuses,
  scopeOf,
  splitCommaLists,
  toCollectionQuery,
  type ListQuerystring,
} from '../../list-query.ts'
import { ok, pageMeta, readErrors } from '../../responses.ts'
import { pageJson, passThrough } from '../../pass-through.ts'
import { pickFields, serializeSparse, sparseSchema } from '../../sparse-fields.ts'
import { dependsOn } from './shared.ts'

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
          `in English or Chinese, sorted by \`sort\`, a page at a time: follow \`meta.next_cursor\`. \`fields\` keeps only the ` +
          'fields named; `include` adds the entries they reference, once each, under `included`.',
        tags: [collection],
        querystring: listQuerySchema(collection),
        response: { 200: ok(`${spec.schemaName}List`, `A page of ${spec.label.plural}.`), ...readErrors },
      },
      preValidation: splitCommaLists(collection),
      config: { publicCache: dependsOn(collection, () => collection) },
    },
    async (request, reply) => {
      if (request.query.as_of)
        return cutToFields(
          reply,
          collection,
          await listAsOf(app.replicas.reader(request), collection, request.query),
          request.query.fields,
        )
      const query = toCollectionQuery(collection, request.query, request.actor)
      const scope = scopeOf(query) // of the filters as asked, before a tree flag widens them
      const db = app.replicas.reader(request)
      const { include, fields } = request.query
      const cursorOf = (next: Keyset | null) => (next ? encodeCursor(orderOf(request.query), next, scope) : null)
      const countIf = async () => (request.query.count ? { total: await countCollection(db, collection, query) } : {})
      const idChecks = filterIdChecks(collection, query)
      const passes = passesEntriesThrough(query)
      if (idChecks && passes && !query.q) {
        const page = await queryCollectionJson(db, collection, query, { idChecks, fields, include })
        // A named id that does not exist: the check says which, and suggests the nearest.
        if (page.idsFound < idChecks.reduce((n, check) => n + check.ids.length, 0))
          await checkFilterIds(db, collection, query)
        const meta = { ...pageMeta(query.limit, cursorOf(page.next)), ...(await countIf()) }
        const included = include?.length ? await includedJson(db, collection, page.referenced) : undefined
        return passThrough(reply, pageJson(page.entries, meta, included), fields && sparseSchema(collection, 'page'))
      }
      await checkFilterIds(db, collection, query)
      // A search's hits with `include` take the path below.
      const found =
        passes && query.q && !include?.length ? await searchCollectionJson(db, collection, query, fields) : undefined
      if (found)
        return passThrough(
          reply,
          pageJson(found.entries, { ...pageMeta(query.limit, cursorOf(found.next)), ...(await countIf()) }),
          fields && sparseSchema(collection, 'page'),
        )
      const page = await queryCollection(db, collection, query)
      const included = include?.length
        ? await includedEntries(db, collection, page.entities, include, readableStatuses(request.actor))
        : undefined
      return cutToFields(
        reply,
        collection,
        {
          data: page.entities,
          meta: { ...pageMeta(query.limit, cursorOf(page.next)), ...(await countIf()) },
          ...(included ? { included } : {}),
        },
        fields,
      )
    },
  )
}

/**
 * A page of published entries is passed through as the JSON PostgreSQL built: what an anonymous
 * reader's list or search mostly is. A list's page is one string from PostgreSQL
 * (`queryCollectionJson`), its entries cut to `fields` there when asked, with the entries it
 * references (`include`) as their stored JSON (`includedJson`); a search's adds each hit's match
 * (`searchCollectionJson`).
 */
const passesEntriesThrough = (query: CollectionQuery) => query.statuses.every((s) => s === 'published')

/**
 * A page with each entry cut to `fields`, when the request names some, serialized as such. Only
 * once the page is there: a problem thrown before keeps its own serializer.
 */
const cutToFields = <P extends { data: Entity[] }>(
  reply: FastifyReply,
  collection: CollectionName,
  page: P,
  fields: string[] | undefined,
): P => {
  if (!fields) return page
  serializeSparse(reply, collection, 'page')
  return { ...page, data: page.data.map((e) => pickFields(e, fields)) }
}

/**
 * A page of what was published at `as_of`, in id order, with the list's filters and search
 * evaluated on the past entries themselves.
 */
const listAsOf = async (db: Database, collection: CollectionName, query: ListQuerystring) => {
  const unsupported = ['sort', 'include', 'status'].find((k) => k in query)
  if (unsupported) throw invalid('/query/as_of', `does not combine with ${unsupported}`)
  const { filters, q, limit } = toCollectionQuery(collection, { ...query, cursor: undefined })
  const order = `as_of:${query.as_of}`
  const afterId = query.cursor ? decodeCursor(query.cursor, order).id : ''
  const matching = (await publishedAsOf(db, collection, new Date(query.as_of as string)))
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
