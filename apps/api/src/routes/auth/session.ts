import type { RouteApp } from '../route-app.ts'
import { findSession, findUser, publicUser } from '@chain-atlas/db'
import { ApiError } from '@chain-atlas/types'
import { NoQuery, SIGNED_IN as security, ok, problem } from '../../responses.ts'

/**
 * The signed-in user and the session's CSRF token (the admin UI reads it after a reload).
 *
 *   GET /v1/auth/session  getSession
 */
export default async function sessionRoute(app: RouteApp) {
  app.get(
    '/v1/auth/session',
    {
      schema: {
        operationId: 'getSession',
        summary: 'The signed-in user and the CSRF token',
        description:
          'For a browser that already holds a session cookie: who is signed in, until when, and the token writes must echo in `X-CSRF-Token`. 401 when nobody is.',
        tags: ['auth'],
        security,
        querystring: NoQuery,
        response: {
          200: ok('Session', 'The current session.'),
          400: problem('Invalid parameters.'),
          401: problem('Not signed in.'),
        },
      },
      config: { requiredRole: 'viewer' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      const actor = request.actor!
      if (actor.kind !== 'user') throw new ApiError('unauthorized', 'API keys have no session.')
      const found = await findSession(app.database.db, actor.tokenHash!)
      const user = await findUser(app.database.db, actor.id)
      return {
        user: publicUser(user!),
        csrf_token: actor.csrfToken!,
        expires_at: found!.session.expires_at.toISOString(),
      }
    },
  )
}
