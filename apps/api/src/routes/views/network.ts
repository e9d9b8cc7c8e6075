import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { EDGE_KINDS, Slug, StringEnum, commaList } from '@chain-atlas/types'
import { buildNetwork } from '@chain-atlas/db'
import { PUBLIC, checkFilterIds, splitLists } from '../../list-query.ts'
import { ok, readErrors } from '../../responses.ts'
import { dependsOnEverything } from '../../plugins/application/read-cache.ts'

const NetworkQuery = Type.Object(
  {
    economy: Type.Optional(commaList(Slug, 'Only the network around these economies.')),
    kind: Type.Optional(commaList(StringEnum(EDGE_KINDS), 'Only edges of these kinds.')),
    instruments: Type.Optional(
      Type.Boolean({ description: 'Add every instrument as a node, linked to its economy (edge kind `instrument`).' }),
    ),
  },
  { additionalProperties: false },
)

/**
 * The chain-security network: economies, alliances and initiatives as nodes, typed links as edges.
 *
 *   GET /v1/network  getNetwork
 */
export default async function networkRoute(app: RouteApp) {
  app.get(
    '/v1/network',
    {
      schema: {
        operationId: 'getNetwork',
        summary: 'The chain-security network',
        description:
          'Economies, alliances and infrastructure initiatives as nodes; nearshoring, friend-shoring, framework, agreement, ' +
          'alliance-membership, infrastructure-project and China-stance links as typed edges, each with the instruments and ' +
          'sources behind it; with `instruments=true`, every instrument too. Node ids are `kind:id` (`economy:us`, `alliance:chip-4`), ' +
          'with the entry’s id in `entity_id`.',
        tags: ['views'],
        querystring: NetworkQuery,
        response: { 200: ok('Network', 'Nodes and edges.'), ...readErrors },
      },
      preValidation: splitLists(['economy', 'kind']),
      config: { publicCache: dependsOnEverything },
    },
    async (request) => {
      // An unknown economy is named (with the nearest id), as on the lists: not an empty network.
      if (request.query.economy)
        await checkFilterIds(app.replicas.reader(request), 'instruments', {
          filters: { economy: request.query.economy },
          statuses: PUBLIC,
          limit: 1,
        })
      return buildNetwork(
        app.replicas.reader(request),
        PUBLIC,
        request.query.economy,
        request.query.kind,
        request.query.instruments,
      )
    },
  )
}
