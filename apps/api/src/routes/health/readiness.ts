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
        description:
          'Answers 503 while the database is unreachable or has not applied every migration. With read replicas, ' +
          'it stays 200 while the primary is away and replicas serve the reads, with `mode` `read-only`.',
        tags: ['health'],
        querystring: NoQuery,
        response: {
          200: ok('Readiness', 'The database (or, read-only, a replica) answers and every migration is applied.'),
          400: readErrors[400],
          503: problem('The database is unreachable or not fully migrated.'),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      const { kind } = app.database
      const replicas = app.replicas.status()
      const migrated = async (database: Pick<typeof app.database, 'ping' | 'appliedMigrations'>) => {
        await database.ping()
        return database.appliedMigrations()
      }
      let applied: number
      // What a write would meet now: read-only until the breaker has seen the primary back (within half a second).
      let mode: 'read-write' | 'read-only' = app.replicas.readOnly() ? 'read-only' : 'read-write'
      try {
        applied = await withTimeout(migrated(app.database), READINESS_TIMEOUT_MS)
      } catch (error) {
        // The primary is away: ready all the same while replicas serve the reads.
        if (!app.replicas.readOnly()) {
          request.log.warn({ err: error }, 'readiness: database unreachable')
          throw new ApiError('service-unavailable', 'The database is unreachable.')
        }
        applied = await withTimeout(migrated(app.replicas.verifier().database), READINESS_TIMEOUT_MS).catch(() => {
          throw new ApiError('service-unavailable', 'Neither the database nor a replica answers.')
        })
        mode = 'read-only'
      }
      if (applied < expected) {
        throw new ApiError('service-unavailable', `The database has ${applied} of ${expected} migrations applied.`)
      }
      return { status: 'ok', database: kind, migrations: applied, mode, ...(replicas ? { replicas } : {}) }
    },
  )
}
