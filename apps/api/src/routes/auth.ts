import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  audit, clearLoginFailures, findSession, findUser, findUserByEmail, insertSession, publicUser, recentLoginFailures, recordLoginFailure, revokeSession,
} from '@chain-atlas/db'
import { DUMMY_HASH, randomToken, sha256, verifyPassword } from '../auth/secrets.ts'
import { ApiError } from '../errors.ts'
import { SESSION_COOKIE } from '../plugins/auth.ts'
import { NoQuery, SIGNED_IN, bodyErrors, ok, problem } from '../responses.ts'

const SESSION_HOURS = 12
/** Failed sign-ins allowed per window, per account and per address, before 429. */
export const LOGIN_LIMITS = { windowSeconds: 15 * 60, perAccount: 5, perAddress: 20 }

const sessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string, expires: Date) =>
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    expires,
  })

const throttled = async (app: FastifyInstance, subjects: { account: string; address: string }) => {
  const db = app.database.db
  const [account, address] = await Promise.all([
    recentLoginFailures(db, subjects.account, LOGIN_LIMITS.windowSeconds),
    recentLoginFailures(db, subjects.address, LOGIN_LIMITS.windowSeconds),
  ])
  return account >= LOGIN_LIMITS.perAccount || address >= LOGIN_LIMITS.perAddress
}

const security = SIGNED_IN

export default async function authRoutes(app: FastifyInstance) {
  app.post<{ Body: { email: string; password: string } }>('/v1/auth/login', {
    schema: {
      operationId: 'login',
      summary: 'Sign in with email and password',
      description:
        'Sets an HttpOnly, SameSite=Strict session cookie and returns the CSRF token to send as `X-CSRF-Token` with writes. ' +
        `After ${LOGIN_LIMITS.perAccount} failures for an account (or ${LOGIN_LIMITS.perAddress} from an address) in 15 minutes, answers 429.`,
      tags: ['auth'],
      querystring: NoQuery,
      body: Type.Ref('Login'),
      response: {
        200: ok('Session', 'Signed in.'),
        400: problem('Invalid body.'),
        401: problem('Wrong email or password.'),
        429: problem('Too many failed sign-ins; retry after `Retry-After` seconds.'),
        ...bodyErrors,
      },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store') // it carries the CSRF token
    const email = request.body.email.trim().toLowerCase()
    const subjects = { account: `account:${email}`, address: `address:${request.ip}` }
    if (await throttled(app, subjects)) {
      reply.header('retry-after', String(LOGIN_LIMITS.windowSeconds))
      throw new ApiError('too-many-requests', 'Too many failed sign-ins; try again later.')
    }
    const user = await findUserByEmail(app.database.db, email)
    const valid = await verifyPassword(user?.password_hash ?? DUMMY_HASH, request.body.password)
    if (!user || !valid || user.disabled) {
      await recordLoginFailure(app.database.db, [subjects.account, subjects.address])
      await audit(app.database.db, { event: 'sign_in_failed', subject: email, address: request.ip })
      throw new ApiError('unauthorized', 'Wrong email or password.')
    }
    const token = randomToken()
    const csrfToken = randomToken(24)
    const expires = new Date(Date.now() + SESSION_HOURS * 3600_000)
    await insertSession(app.database.db, { token_hash: sha256(token), user_id: user.id, csrf_token: csrfToken, expires_at: expires })
    await clearLoginFailures(app.database.db, subjects.account)
    await audit(app.database.db, { event: 'sign_in', actor: user.id, subject: user.id, address: request.ip })
    sessionCookie(request, reply, token, expires)
    return { user: publicUser(user), csrf_token: csrfToken, expires_at: expires.toISOString() }
  })

  app.post('/v1/auth/logout', {
    schema: {
      operationId: 'logout',
      summary: 'Sign out: end the session',
      tags: ['auth'],
      security,
      querystring: NoQuery,
      response: { 204: { description: 'Signed out.', type: 'null' }, 401: problem('Not signed in.'), 403: problem('Missing CSRF token.') },
    },
    config: { requiredRole: 'viewer' },
  }, async (request, reply) => {
    if (request.actor?.tokenHash) await revokeSession(app.database.db, request.actor.tokenHash)
    await audit(app.database.db, { event: 'sign_out', actor: request.actor!.id, subject: request.actor!.id, address: request.ip })
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.code(204).send()
  })

  app.get('/v1/auth/session', {
    schema: {
      operationId: 'getSession',
      summary: 'The signed-in user and the CSRF token',
      tags: ['auth'],
      security,
      querystring: NoQuery,
      response: { 200: ok('Session', 'The current session.'), 400: problem('Invalid parameters.'), 401: problem('Not signed in.') },
    },
    config: { requiredRole: 'viewer' },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const actor = request.actor!
    if (actor.kind !== 'user') throw new ApiError('unauthorized', 'API keys have no session.')
    const found = await findSession(app.database.db, actor.tokenHash!)
    const user = await findUser(app.database.db, actor.id)
    return { user: publicUser(user!), csrf_token: actor.csrfToken!, expires_at: found!.session.expires_at.toISOString() }
  })
}
