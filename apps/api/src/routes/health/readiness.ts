import type { RouteApp } from '../route-app.ts'
import { expectedMigrations } from '@chain-atlas/db'
import { ApiError } from '@chain-atlas/types'
import { NoQuery, ok, problem, readErrors } from '../../responses.ts'

const READINESS_TIMEOUT_MS = 2000

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref()),
  ])

/**
 * Readiness: the database answers and has applied every migration.
 *
 *   GET /readyz  getReadiness
 */
export default async function readinessRoute(app: RouteApp) {
  const expected = await expectedMigrations()

  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'getReadiness',
        summary: 'Readiness: the database answers and is migrated',
        description: 'Answers 503 while the database is unreachable or has not applied every migration.',
        tags: ['health'],
        querystring: NoQuery,
        response: {
          200: ok('Readiness', 'The database answers and every migration is applied.'),
          400: readErrors[400],
          503: problem('The database is unreachable or not fully migrated.'),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      const { kind } = app.database
      let applied: number
      try {
        applied = await withTimeout(
          (async () => {
            await app.database.ping()
            return app.database.appliedMigrations()
          })(),
          READINESS_TIMEOUT_MS,
        )
      } catch (error) {
        request.log.warn({ err: error }, 'readiness: database unreachable')
        throw new ApiError('service-unavailable', 'The database is unreachable.')
      }
      if (applied < expected) {
        throw new ApiError('service-unavailable', `The database has ${applied} of ${expected} migrations applied.`)
      }
      return { status: 'ok', database: kind, migrations: applied }
    },
  )
}
