import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import {
  audit, findUser, findUserByEmail, insertApiKey, insertUser, listApiKeys, listAudit, listUsers, revokeApiKey, revokeUserSessions, updateUser,
  type AuditEvent, type Role, type User,
} from '@chain-atlas/db'
import { hashPassword, randomToken, sha256 } from '../auth/secrets.ts'
import { ApiError, invalid, notFound } from '@chain-atlas/types'
import { API_KEY_PREFIX } from '../plugins/application/auth.ts'
import { NoQuery, SIGNED_IN, bodyErrors, ok, problem } from '../responses.ts'

const security = SIGNED_IN
const adminErrors = {
  400: problem('Invalid parameters or body.'),
  401: problem('Not signed in.'),
  403: problem('Needs the admin role (or the CSRF token).'),
}

/** Creates a user; used by the API, the `admin:create` command and the first-start bootstrap. */
export const createUser = async (app: FastifyInstance, input: { email: string; display_name: string; role: Role; password: string }, actor: string | null) => {
  if (await findUserByEmail(app.database.db, input.email)) throw new ApiError('conflict', `A user with email ${input.email} exists.`, [{ pointer: '/body/email', detail: 'is taken' }])
  const user = await insertUser(app.database.db, {
    id: randomUUID(), email: input.email, display_name: input.display_name, role: input.role, password_hash: await hashPassword(input.password),
  })
  await audit(app.database.db, { event: 'user_created', actor, subject: user.id, detail: { role: user.role } })
  return user
}

type UserChange = { display_name?: string; role?: Role; disabled?: boolean; password?: string }

/** The audit events of an admin's change to a user; a new password is recorded as changed, never its text or hash. */
const changeEvents = (before: User, change: UserChange) => {
  const events: Pick<AuditEvent, 'event' | 'detail'>[] = []
  if (change.password) events.push({ event: 'password_changed' })
  if (change.display_name !== undefined && change.display_name !== before.display_name) {
    events.push({ event: 'user_renamed', detail: { from: before.display_name, to: change.display_name } })
  }
  if (change.role && change.role !== before.role) events.push({ event: 'role_changed', detail: { from: before.role, to: change.role } })
  if (change.disabled) events.push({ event: 'user_disabled' })
  if (change.disabled === false && before.disabled) events.push({ event: 'user_enabled' })
  return events
}

/** Users, API keys and the audit log: the admin's routes. */
export default async function adminRoutes(app: FastifyInstance) {
  app.get('/v1/users', {
    schema: { operationId: 'listUsers', summary: 'List users', tags: ['admin'], security, querystring: NoQuery, response: { 200: ok('UserList', 'Every user.'), ...adminErrors } },
    config: { requiredRole: 'admin' },
  }, async () => ({ data: await listUsers(app.database.db) }))

  app.post<{ Body: { email: string; display_name: string; role: Role; password: string } }>('/v1/users', {
    schema: {
      operationId: 'createUser', summary: 'Create a user', tags: ['admin'], security, querystring: NoQuery, body: Type.Ref('UserCreate'),
      response: { 201: ok('User', 'Created.'), ...adminErrors, ...bodyErrors, 409: problem('The email is taken.') },
    },
    config: { requiredRole: 'admin' },
  }, async (request, reply) => reply.code(201).send(await createUser(app, request.body, request.actor!.id)))

  app.patch<{ Params: { id: string }; Body: UserChange }>('/v1/users/:id', {
    schema: {
      operationId: 'updateUser', summary: 'Change a user’s role, name, password or access', tags: ['admin'], security,
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
      querystring: NoQuery, body: Type.Ref('UserUpdate'),
      response: { 200: ok('User', 'Updated.'), ...adminErrors, ...bodyErrors, 404: problem('No such user.') },
    },
    config: { requiredRole: 'admin' },
  }, async (request) => {
    const before = await findUser(app.database.db, request.params.id)
    if (!before) throw notFound(`user ${request.params.id}`)
    const { password, ...rest } = request.body
    if (before.id === request.actor!.userId && (rest.role && rest.role !== 'admin' || rest.disabled)) {
      throw invalid('/body/role', 'cannot demote or disable yourself: ask another admin')
    }
    const passwordHash = password ? await hashPassword(password) : undefined // slow: hashed before the transaction opens
    // The change and its audit events commit together: no change goes unrecorded.
    return app.database.db.transaction(async (tx) => {
      const user = (await updateUser(tx, before.id, { ...rest, ...(passwordHash ? { password_hash: passwordHash } : {}) }))!
      for (const event of changeEvents(before, request.body)) await audit(tx, { ...event, actor: request.actor!.id, subject: user.id })
      if (rest.disabled || password) await revokeUserSessions(tx, user.id)
      return user
    })
  })

  app.get('/v1/api-keys', {
    schema: { operationId: 'listApiKeys', summary: 'List API keys', tags: ['admin'], security, querystring: NoQuery, response: { 200: ok('ApiKeyList', 'Every key, without secrets.'), ...adminErrors } },
    config: { requiredRole: 'admin' },
  }, async () => ({ data: await listApiKeys(app.database.db) }))

  app.post<{ Body: { name: string; role: Role } }>('/v1/api-keys', {
    schema: {
      operationId: 'createApiKey', summary: 'Create an API key (its secret is shown once)', tags: ['admin'], security, querystring: NoQuery,
      body: Type.Ref('ApiKeyCreate'), response: { 201: ok('ApiKeyCreated', 'The key and, this once, its secret.'), ...adminErrors, ...bodyErrors },
    },
    config: { requiredRole: 'admin' },
  }, async (request, reply) => {
    const id = randomUUID()
    const secret = `${API_KEY_PREFIX}${randomToken(30)}`
    const key = await insertApiKey(app.database.db, {
      id, name: request.body.name, role: request.body.role, prefix: secret.slice(0, 10), key_hash: sha256(secret), created_by: request.actor!.userId,
    })
    await audit(app.database.db, { event: 'key_created', actor: request.actor!.id, subject: id, detail: { role: key.role, name: key.name } })
    reply.header('cache-control', 'no-store')
    return reply.code(201).send({ key, secret })
  })

  app.delete<{ Params: { id: string } }>('/v1/api-keys/:id', {
    schema: {
      operationId: 'revokeApiKey', summary: 'Revoke an API key', tags: ['admin'], security,
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), querystring: NoQuery,
      response: { 200: ok('ApiKey', 'Revoked.'), ...adminErrors, 404: problem('No such key.') },
    },
    config: { requiredRole: 'admin' },
  }, async (request) => {
    const key = await revokeApiKey(app.database.db, request.params.id)
    if (!key) throw notFound(`API key ${request.params.id}`)
    await audit(app.database.db, { event: 'key_revoked', actor: request.actor!.id, subject: key.id })
    return key
  })

  app.get<{ Querystring: { limit?: number; cursor?: string } }>('/v1/audit-log', {
    schema: {
      operationId: 'listAuditLog', summary: 'Security events, newest first', tags: ['admin'], security,
      querystring: Type.Object(
        {
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          // At most 15 digits: a larger number is no event id, and loses precision as a JavaScript number.
          cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$', description: 'The `meta.next_cursor` of the previous page.' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: ok('AuditLog', 'A page of events.'), ...adminErrors },
    },
    config: { requiredRole: 'admin' },
  }, async (request) => {
    const limit = request.query.limit ?? 50
    const rows = await listAudit(app.database.db, limit + 1, request.query.cursor ? Number(request.query.cursor) : undefined)
    const page = rows.slice(0, limit)
    return {
      data: page.map((r) => ({ ...r, at: r.at.toISOString() })),
      meta: { next_cursor: rows.length > limit ? String(page.at(-1)!.id) : null },
    }
  })
}
