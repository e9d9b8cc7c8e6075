import { randomUUID } from 'node:crypto'
import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { audit, insertApiKey, listApiKeys, revokeApiKey } from '@chain-atlas/db'
import { notFound, type ApiKeyCreate } from '@chain-atlas/types'
import { randomToken, sha256 } from '../../auth/secrets.ts'
import { API_KEY_PREFIX } from '../../plugins/application/auth.ts'
import { NoQuery, SIGNED_IN as security, bodyErrors, ok, problem } from '../../responses.ts'
import { adminErrors } from './shared.ts'

/**
 * API keys: list, create (the secret is shown once), revoke. Admins only.
 *
 *   GET /v1/api-keys          listApiKeys
 *   POST /v1/api-keys         createApiKey
 *   DELETE /v1/api-keys/{id}  revokeApiKey
 */
export default async function apiKeyRoutes(app: RouteApp) {
  app.get(
    '/v1/api-keys',
    {
      schema: {
        operationId: 'listApiKeys',
        summary: 'List API keys',
        description:
          'Every key: its name, role, prefix (to recognise it), creator, last use and revocation. Never the secret. Admins only.',
        tags: ['admin'],
        security,
        querystring: NoQuery,
        response: { 200: ok('ApiKeyList', 'Every key, without secrets.'), ...adminErrors },
      },
      config: { requiredRole: 'admin' },
    },
    async () => ({ data: await listApiKeys(app.database.db) }),
  )

  app.post<{ Body: ApiKeyCreate }>(
    '/v1/api-keys',
    {
      schema: {
        operationId: 'createApiKey',
        summary: 'Create an API key (its secret is shown once)',
        description:
          'Programs send the secret as `Authorization: Bearer …`; it acts with at most its owner’s current role. Store it now: only its hash is kept. Admins only.',
        tags: ['admin'],
        security,
        querystring: NoQuery,
        body: Type.Ref('ApiKeyCreate'),
        response: { 201: ok('ApiKeyCreated', 'The key and, this once, its secret.'), ...adminErrors, ...bodyErrors },
      },
      config: { requiredRole: 'admin' },
    },
    async (request, reply) => {
      const id = randomUUID()
      const secret = `${API_KEY_PREFIX}${randomToken(30)}`
      const key = await insertApiKey(app.database.db, {
        id,
        name: request.body.name,
        role: request.body.role,
        prefix: secret.slice(0, 10),
        key_hash: sha256(secret),
        created_by: request.actor!.userId,
      })
      await audit(app.database.db, {
        event: 'key_created',
        actor: request.actor!.id,
        subject: id,
        detail: { role: key.role, name: key.name },
      })
      reply.header('cache-control', 'no-store')
      return reply.code(201).send({ key, secret })
    },
  )

  app.delete(
    '/v1/api-keys/:id',
    {
      schema: {
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key',
        description: 'The key stops working at once, on every replica. Admins only; the audit log records it.',
        tags: ['admin'],
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        querystring: NoQuery,
        response: { 200: ok('ApiKey', 'Revoked.'), ...adminErrors, 404: problem('No such key.') },
      },
      config: { requiredRole: 'admin' },
    },
    async (request) => {
      const key = await revokeApiKey(app.database.db, request.params.id)
      if (!key) throw notFound(`API key ${request.params.id}`)
      await audit(app.database.db, { event: 'key_revoked', actor: request.actor!.id, subject: key.id })
      return key
    },
  )
}
