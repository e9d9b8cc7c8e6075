import type { RouteApp } from '../route-app.ts'
import { collectionSpecs, filterQuerySchema, pascal, type CollectionName } from '@chain-atlas/types'
import { countCollection, facetCounts } from '@chain-atlas/db'
import { checkFilterIds, splitCommaLists, toCollectionQuery, type ListQuerystring } from '../../list-query.ts'
import { ok, readErrors } from '../../responses.ts'

/**
 * Counts a collection's entries per filter value, for a sidebar of filters.
 *
 *   GET /v1/economies/facets         getEconomiesFacets
 *   GET /v1/sectors/facets           getSectorsFacets
 *   GET /v1/sources/facets           getSourcesFacets
 *   GET /v1/doctrines/facets         getDoctrinesFacets
 *   GET /v1/instruments/facets       getInstrumentsFacets
 *   GET /v1/china-strategies/facets  getChinaStrategiesFacets
 *   GET /v1/alliances/facets         getAlliancesFacets
 *   GET /v1/sector-focuses/facets    getSectorFocusesFacets
 *   GET /v1/concepts/facets          getConceptsFacets
 *   GET /v1/assessments/facets       getAssessmentsFacets
 */
export const registerFacets = (app: RouteApp, collection: CollectionName) => {
  const spec = collectionSpecs[collection]
  app.get<{ Querystring: ListQuerystring }>(
    `/v1/${collection}/facets`,
    {
      schema: {
        operationId: `get${pascal(collection)}Facets`,
        summary: `Count ${spec.label.plural} per filter value`,
        description:
          `For each filter with a list of values, how many published ${spec.label.plural} have each value under the current ` +
          'filters and search, with each value’s name in English and Chinese. A dimension’s own filter is left out of its counts, ' +
          'so a sidebar shows what each choice would give. Instruments also have a `year` facet (counted without `year_from` and ' +
          '`year_to`), in year order, for a histogram.',
        tags: [collection],
        querystring: filterQuerySchema(collection),
        response: { 200: ok('Facets', 'Counts per value of each filter.'), ...readErrors },
      },
      preValidation: splitCommaLists(collection),
      config: { publicCache: () => [collection] },
    },
    async (request) => {
      const query = toCollectionQuery(collection, request.query, request.actor)
      const db = app.replicas.reader(request)
      await checkFilterIds(db, collection, query)
      const [facets, total] = await Promise.all([
        facetCounts(db, collection, query),
        countCollection(db, collection, query),
      ])
      return { total, facets }
    },
  )
}
