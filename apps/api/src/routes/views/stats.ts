import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { StringEnum, commaList, filterQuerySchema } from '@chain-atlas/types'
import { STATS_DIMENSIONS, instrumentStats, type StatsDimension } from '@chain-atlas/db'
import {
  checkFilterIds,
  splitCommaLists,
  splitLists,
  toCollectionQuery,
  type ListQuerystring,
} from '../../list-query.ts'
import { ok, readErrors } from '../../responses.ts'

const Dimension = StringEnum(STATS_DIMENSIONS)

export const InstrumentStats = Type.Object(
  {
    group_by: Type.Array(Dimension),
    groups: Type.Array(
      Type.Object(
        {
          key: Type.Record(Type.String(), Type.Union([Type.String(), Type.Integer(), Type.Null()]), {
            description: 'The group: its value of each dimension asked for (`{ "economy": "us", "year": 2022 }`).',
          }),
          instruments: Type.Integer({ minimum: 0, description: 'How many instruments are in the group.' }),
          totals: Type.Array(
            Type.Object(
              {
                currency: Type.String(),
                value: Type.Number({ description: 'The sum of the amounts in this currency, in full units.' }),
                amounts: Type.Integer({ minimum: 1, description: 'How many amounts the sum adds up.' }),
              },
              { additionalProperties: false },
            ),
            { description: 'One sum per currency: amounts in different currencies are never added together.' },
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'InstrumentStats', additionalProperties: false },
)

/**
 * Sums for dashboards: instruments and their amounts grouped by economy, level, category, year,
 * currency or amount kind, with the list's filters.
 *
 *   GET /v1/instruments/stats  getInstrumentStats
 */
export default async function statsRoute(app: RouteApp) {
  const splitFilters = splitCommaLists('instruments')
  const splitGroups = splitLists(['group_by'])
  app.get(
    '/v1/instruments/stats',
    {
      schema: {
        operationId: 'getInstrumentStats',
        summary: 'Count instruments and sum their amounts, grouped',
        description:
          'Groups the published instruments (filtered as on the list) by any of `economy`, `level`, `category`, `year`, `currency` and `amount_kind`: per group, how many instruments, and per currency the sum of their amounts. Different currencies are never added together. Grouped by `currency` or `amount_kind`, instruments without an amount form the group where it is null.',
        tags: ['instruments'],
        querystring: filterQuerySchema('instruments', {
          group_by: Type.Optional(commaList(Dimension, 'What to group by (default `economy,currency`).')),
        }),
        response: { 200: ok('InstrumentStats', 'The groups, each with its count and sums.'), ...readErrors },
      },
      preValidation: async (request) => {
        await splitFilters(request)
        await splitGroups(request)
      },
      config: { publicCache: () => ['instruments'] },
    },
    async (request) => {
      const query = toCollectionQuery('instruments', request.query as ListQuerystring, request.actor)
      await checkFilterIds(app.replicas.reader(request), 'instruments', query)
      const groupBy = ((request.query as { group_by?: StatsDimension[] }).group_by ?? [
        'economy',
        'currency',
      ]) as StatsDimension[]
      const groups = await instrumentStats(app.replicas.reader(request), groupBy, query.filters, query.statuses)
      return { group_by: groupBy, groups }
    },
  )
}
