import type { RouteApp } from '../route-app.ts'
import { NoQuery, ok, readErrors } from '../../responses.ts'

/**
 * Liveness: the process is up.
 *
 *   GET /healthz  getHealth
 */
export default async function livenessRoute(app: RouteApp) {
  app.get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        summary: 'Liveness: the process is up',
        description:
          'Answers from the process alone, whatever the database’s state: for a liveness probe (restart when it fails).',
        tags: ['health'],
        querystring: NoQuery,
        response: { 200: ok('Health', 'The process is up.'), 400: readErrors[400] },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store')
      return { status: 'ok' }
    },
  )
}
