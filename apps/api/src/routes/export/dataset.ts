import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { AsOf, COLLECTION_NAMES, collectionSpecs } from '@chain-atlas/types'
import { exportEntities, publishedAsOf } from '@chain-atlas/db'
import { ok, readErrors } from '../../responses.ts'
import { dependsOnEverything } from '../../plugins/application/read-cache.ts'

/** The whole published dataset: one key per collection, each an array of full entities. */
export const ExportSchema = Type.Object(
  Object.fromEntries(COLLECTION_NAMES.map((name) => [name, Type.Array(Type.Ref(collectionSpecs[name].schemaName))])),
  {
    $id: 'Export',
    additionalProperties: false,
    description: 'The whole published dataset; the bulk download and backup format.',
  },
)

/**
 * The whole published dataset (now, or as published at `as_of`): the bulk download and backup format.
 *
 *   GET /v1/export  exportDataset
 */
export default async function exportDatasetRoute(app: RouteApp) {
  app.get(
    '/v1/export',
    {
      schema: {
        operationId: 'exportDataset',
        summary: 'Export the whole published dataset',
        description:
          'One JSON object with a key per collection (its path name), each an array of full entities; `as_of` gives it as published then.',
        tags: ['export'],
        querystring: Type.Object({ as_of: Type.Optional(AsOf) }, { additionalProperties: false }),
        response: { 200: ok('Export', 'Every published entry of every collection.'), ...readErrors },
      },
      config: { publicCache: dependsOnEverything },
    },
    async (request, reply) => {
      reply.header('content-disposition', 'inline; filename="chain-atlas-export.json"')
      const asOf = request.query.as_of
      if (!asOf) return exportEntities(app.replicas.reader(request), ['published'])
      const entries = await Promise.all(
        COLLECTION_NAMES.map(
          async (c) => [c, await publishedAsOf(app.replicas.reader(request), c, new Date(asOf))] as const,
        ),
      )
      return Object.fromEntries(entries)
    },
  )
}
