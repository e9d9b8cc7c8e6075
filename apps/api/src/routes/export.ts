import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { COLLECTION_NAMES, collectionSpecs } from '@chain-atlas/types'
import { exportEntities } from '@chain-atlas/db'
import { ok, readErrors } from '../responses.ts'

/** The whole published dataset: one key per collection, each an array of full entities. */
export const ExportSchema = Type.Object(
  Object.fromEntries(COLLECTION_NAMES.map((name) => [name, Type.Array(Type.Ref(collectionSpecs[name].schemaName))])),
  { $id: 'Export', additionalProperties: false, description: 'The whole published dataset; the bulk download and backup format.' },
)

export default async function exportRoutes(app: FastifyInstance) {
  app.get('/v1/export', {
    schema: {
      operationId: 'exportDataset',
      summary: 'Export the whole published dataset',
      description: 'One JSON object with a key per collection (its path name), each an array of full entities.',
      tags: ['export'],
      response: { 200: ok('Export', 'Every published entry of every collection.'), 503: readErrors[503] },
    },
  }, async (_request, reply) => {
    reply.header('content-disposition', 'inline; filename="chain-atlas-export.json"')
    return exportEntities(app.database.db, ['published'])
  })
}
