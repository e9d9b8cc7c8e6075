import type { RouteApp } from '../route-app.ts'
import { audit, revokeSession } from '@chain-atlas/db'
import { SESSION_COOKIE } from '../../plugins/application/auth.ts'
import { NoQuery, SIGNED_IN as security, problem } from '../../responses.ts'

/**
 * Signs out: ends the session and clears its cookie.
 *
 *   POST /v1/auth/logout  logout
 */
export default async function logoutRoute(app: RouteApp) {
  app.post(
    '/v1/auth/logout',
    {
      schema: {
        operationId: 'logout',
        summary: 'Sign out: end the session',
        description: 'Ends the session of the cookie sent (on every replica) and clears the cookie.',
        tags: ['auth'],
        security,
        querystring: NoQuery,
        response: {
          204: { description: 'Signed out.', type: 'null' },
          401: problem('Not signed in.'),
          403: problem('Missing CSRF token.'),
        },
      },
      config: { requiredRole: 'viewer' },
    },
    async (request, reply) => {
      if (request.actor?.tokenHash) await revokeSession(app.database.db, request.actor.tokenHash)
      await audit(app.database.db, {
        event: 'sign_out',
        actor: request.actor!.id,
        subject: request.actor!.id,
        address: request.ip,
      })
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.code(204).send(null)
    },
  )
}
