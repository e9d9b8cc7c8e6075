import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { listAudit } from '@chain-atlas/db'
import { SIGNED_IN as security, ok, pageMeta } from '../../responses.ts'
import { adminErrors } from './shared.ts'

/**
 * The audit log: security events, newest first, a page at a time. Admins only.
 *
 *   GET /v1/audit-log  listAuditLog
 */
export default async function auditLogRoute(app: RouteApp) {
  app.get(
    '/v1/audit-log',
    {
      schema: {
        operationId: 'listAuditLog',
        summary: 'Security events, newest first',
        description:
          'Sign-ins, failed sign-ins, key creation and revocation, and each change an admin makes to a user, a page at a time. Admins only.',
        tags: ['admin'],
        security,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            // At most 15 digits: a larger number is no event id, and loses precision as a JavaScript number.
            cursor: Type.Optional(
              Type.String({ pattern: '^[0-9]{1,15}$', description: 'The `meta.next_cursor` of the previous page.' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ok('AuditLog', 'A page of events.'), ...adminErrors },
      },
      config: { requiredRole: 'admin' },
    },
    async (request) => {
      const limit = request.query.limit ?? 50
      const rows = await listAudit(
        app.database.db,
        limit + 1,
        request.query.cursor ? Number(request.query.cursor) : undefined,
      )
      const page = rows.slice(0, limit)
      return {
        data: page.map((r) => ({ ...r, at: r.at.toISOString() })),
        meta: pageMeta(limit, rows.length > limit ? String(page.at(-1)!.id) : null),
      }
    },
  )
}
