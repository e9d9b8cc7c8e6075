import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { filterQuerySchema } from '@chain-atlas/types'
import { buildTimeline } from '@chain-atlas/db'
import { checkFilterIds, splitCommaLists, toCollectionQuery, type ListQuerystring } from '../../list-query.ts'
import { ok, readErrors } from '../../responses.ts'
import { dependsOnEverything } from '../../plugins/application/read-cache.ts'

/** The timeline takes the instrument list's filters, without search. */
const { q: _q, ...timelineFilters } = filterQuerySchema('instruments').properties
/**
 * Instruments and China strategies by year, with the instrument list's filters.
 *
 *   GET /v1/timeline  getTimeline
 */
export default async function timelineRoute(app: RouteApp) {
  app.get<{ Querystring: ListQuerystring }>(
    '/v1/timeline',
    {
      schema: {
        operationId: 'getTimeline',
        summary: 'Instruments and China strategies by year',
        description:
          'Takes the instrument list’s filters; China strategies follow the `economy` filter and the year range. Each year has its counts (per economy too); `counts_only=true` leaves the entries out.',
        tags: ['views'],
        querystring: Type.Object(
          {
            ...timelineFilters,
            counts_only: Type.Optional(
              Type.Boolean({
                description: 'Only the counts per year and economy, without the entries (a chart’s data).',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ok('Timeline', 'Years in order, each with its instruments and strategies.'), ...readErrors },
      },
      preValidation: splitCommaLists('instruments'),
      config: { publicCache: dependsOnEverything },
    },
    async (request) => {
      const query = toCollectionQuery('instruments', request.query, request.actor)
      await checkFilterIds(app.replicas.reader(request), 'instruments', query)
      return buildTimeline(
        app.replicas.reader(request),
        query.filters,
        query.statuses,
        request.query.counts_only === true,
      )
    },
  )
}
