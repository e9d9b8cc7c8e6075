import { randomUUID } from 'node:crypto'
import type { RouteApp } from '../route-app.ts'
import { Type, type Static } from 'typebox'
import {
  audit,
  findUser,
  findUserByEmail,
  insertUser,
  listUsers,
  revokeUserSessions,
  updateUser,
  type AuditEvent,
  type User,
} from '@chain-atlas/db'
import { ApiError, invalid, notFound, type UserCreate, type UserUpdate } from '@chain-atlas/types'
import { hashPassword } from '../../auth/secrets.ts'
import { NoQuery, SIGNED_IN as security, bodyErrors, ok, problem } from '../../responses.ts'
import { adminErrors } from './shared.ts'

const UserIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
type UserIdParams = Static<typeof UserIdParams>

/** Creates a user; used by the API, the `admin:create` command and the first-start bootstrap. */
export const createUser = async (app: RouteApp, input: UserCreate, actor: string | null) => {
  if (await findUserByEmail(app.database.db, input.email))
    throw new ApiError('conflict', `A user with email ${input.email} exists.`, [
      { pointer: '/body/email', detail: 'is taken' },
    ])
  const user = await insertUser(app.database.db, {
    id: randomUUID(),
    email: input.email,
    display_name: input.display_name,
    role: input.role,
    password_hash: await hashPassword(input.password),
  })
  await audit(app.database.db, { event: 'user_created', actor, subject: user.id, detail: { role: user.role } })
  return user
}

/** The audit events of an admin's change to a user; a new password is recorded as changed, never its text or hash. */
const changeEvents = (before: User, change: UserUpdate) => {
  const events: Pick<AuditEvent, 'event' | 'detail'>[] = []
  if (change.password) events.push({ event: 'password_changed' })
  if (change.display_name !== undefined && change.display_name !== before.display_name) {
    events.push({ event: 'user_renamed', detail: { from: before.display_name, to: change.display_name } })
  }
  if (change.role && change.role !== before.role)
    events.push({ event: 'role_changed', detail: { from: before.role, to: change.role } })
  if (change.disabled) events.push({ event: 'user_disabled' })
  if (change.disabled === false && before.disabled) events.push({ event: 'user_enabled' })
  return events
}

/**
 * Users: list, create, change (role, name, password, access). Admins only.
 *
 *   GET /v1/users         listUsers
 *   POST /v1/users        createUser
 *   PATCH /v1/users/{id}  updateUser
 */
export default async function userRoutes(app: RouteApp) {
  app.get(
    '/v1/users',
    {
      schema: {
        operationId: 'listUsers',
        summary: 'List users',
        description: 'Every account, with its role and whether it is disabled. Admins only.',
        tags: ['admin'],
        security,
        querystring: NoQuery,
        response: { 200: ok('UserList', 'Every user.'), ...adminErrors },
      },
      config: { requiredRole: 'admin' },
    },
    async () => ({ data: await listUsers(app.database.db) }),
  )

  app.post<{ Body: UserCreate }>(
    '/v1/users',
    {
      schema: {
        operationId: 'createUser',
        summary: 'Create a user',
        description:
          'An account with an email, a display name, a role and a password of at least 12 characters. Admins only; the audit log records it.',
        tags: ['admin'],
        security,
        querystring: NoQuery,
        body: Type.Ref('UserCreate'),
        response: { 201: ok('User', 'Created.'), ...adminErrors, ...bodyErrors, 409: problem('The email is taken.') },
      },
      config: { requiredRole: 'admin' },
    },
    async (request, reply) => reply.code(201).send(await createUser(app, request.body, request.actor!.id)),
  )

  app.patch<{ Params: UserIdParams; Body: UserUpdate }>(
    '/v1/users/:id',
    {
      schema: {
        operationId: 'updateUser',
        summary: 'Change a user’s role, name, password or access',
        description:
          'A new password or disabling the user ends their sessions; their API keys act with at most their new role. Admins only; the audit log records it.',
        tags: ['admin'],
        security,
        params: UserIdParams,
        querystring: NoQuery,
        body: Type.Ref('UserUpdate'),
        response: { 200: ok('User', 'Updated.'), ...adminErrors, ...bodyErrors, 404: problem('No such user.') },
      },
      config: { requiredRole: 'admin' },
    },
    async (request) => {
      const before = await findUser(app.database.db, request.params.id)
      if (!before) throw notFound(`user ${request.params.id}`)
      const { password, ...rest } = request.body
      if (before.id === request.actor!.userId && ((rest.role && rest.role !== 'admin') || rest.disabled)) {
        throw invalid('/body/role', 'cannot demote or disable yourself: ask another admin')
      }
      const passwordHash = password ? await hashPassword(password) : undefined // slow: hashed before the transaction opens
      // The change and its audit events commit together: no change goes unrecorded.
      return app.database.db.transaction(async (tx) => {
        const user = (await updateUser(tx, before.id, {
          ...rest,
          ...(passwordHash ? { password_hash: passwordHash } : {}),
        }))!
        for (const event of changeEvents(before, request.body))
          await audit(tx, { ...event, actor: request.actor!.id, subject: user.id })
        if (rest.disabled || password) await revokeUserSessions(tx, user.id)
        return user
      })
    },
  )
}
