import type { FastifyReply, FastifyRequest } from 'fastify'
import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import {
  audit,
  findUserByEmail,
  forgiveLoginFailures,
  insertSession,
  publicUser,
  reserveLoginAttempt,
  type LoginFailureCounts,
} from '@chain-atlas/db'
import { ApiError, type Login } from '@chain-atlas/types'
import { DUMMY_HASH, randomToken, sha256, verifyPassword } from '../../auth/secrets.ts'
import { SESSION_COOKIE } from '../../plugins/application/auth.ts'
import { NoQuery, bodyErrors, ok, problem } from '../../responses.ts'
import { clientNetwork } from '../../ip-address.ts'

const SESSION_HOURS = 12
/**
 * Failed sign-ins allowed per window before 429: for an account from one address, from one address over all accounts,
 * and for an account from all addresses. The last is far higher, and must not let anyone lock the owner out: see `admission`.
 */
export const LOGIN_LIMITS = { windowSeconds: 15 * 60, perAccountAndAddress: 5, perAddress: 20, perAccount: 100 }

/**
 * Whether a sign-in gets its password checked. Past the account-wide limit, an address that has failed for the account
 * waits, and one that has not is checked once (it then has failed) and refused only if wrong: a guesser spread over
 * many addresses is slowed to one guess per address, while the owner, from an address that never failed, gets in.
 */
const admission = (failures: LoginFailureCounts): 'yes' | 'no' | 'only-if-right' => {
  if (failures.pair >= LOGIN_LIMITS.perAccountAndAddress || failures.address >= LOGIN_LIMITS.perAddress) return 'no'
  if (failures.account >= LOGIN_LIMITS.perAccount) return failures.pair === 0 ? 'only-if-right' : 'no'
  return 'yes'
}

const tooManyFailures = (reply: FastifyReply) => {
  reply.header('retry-after', String(LOGIN_LIMITS.windowSeconds))
  return new ApiError('too-many-requests', 'Too many failed sign-ins; try again later.')
}

const sessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string, expires: Date) =>
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    expires,
  })
/**
 * Signs in with email and password: a session cookie and its CSRF token; failures are throttled.
 *
 *   POST /v1/auth/login  login
 */
export default async function loginRoute(app: RouteApp) {
  app.post<{ Body: Login }>(
    '/v1/auth/login',
    {
      schema: {
        operationId: 'login',
        summary: 'Sign in with email and password',
        description:
          'Sets an HttpOnly, SameSite=Strict session cookie and returns the CSRF token to send as `X-CSRF-Token` with writes. ' +
          `After ${LOGIN_LIMITS.perAccountAndAddress} failures for an account from one address, or ${LOGIN_LIMITS.perAddress} from an address, ` +
          'in 15 minutes, answers that address 429. ' +
          `After ${LOGIN_LIMITS.perAccount} failures for an account from anywhere, addresses that have failed for it get 429, ` +
          'and others one try: only a wrong password gets 429, never the right one.',
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
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store') // it carries the CSRF token
      const email = request.body.email.trim().toLowerCase()
      const from = clientNetwork(request.ip) // an IPv6 address by its /64, as the rate limit counts it
      const subjects = {
        pair: `pair:${email}|${from}`,
        address: `address:${from}`,
        account: `account:${email}`,
      }
      const { failures, reserved } = await reserveLoginAttempt(
        app.database.db,
        subjects,
        LOGIN_LIMITS.windowSeconds,
        (f) => admission(f) !== 'no',
      )
      if (!reserved) throw tooManyFailures(reply)
      const user = await findUserByEmail(app.database.db, email)
      const valid = await verifyPassword(user?.password_hash ?? DUMMY_HASH, request.body.password)
      if (!user || !valid || user.disabled) {
        // the failure recorded in advance stands
        await audit(app.database.db, { event: 'sign_in_failed', subject: email, address: request.ip })
        throw admission(failures) === 'only-if-right'
          ? tooManyFailures(reply)
          : new ApiError('unauthorized', 'Wrong email or password.')
      }
      const token = randomToken()
      const csrfToken = randomToken(24)
      const expires = new Date(Date.now() + SESSION_HOURS * 3600_000)
      await insertSession(app.database.db, {
        token_hash: sha256(token),
        user_id: user.id,
        csrf_token: csrfToken,
        expires_at: expires,
      })
      await forgiveLoginFailures(app.database.db, subjects.pair, reserved)
      await audit(app.database.db, { event: 'sign_in', actor: user.id, subject: user.id, address: request.ip })
      sessionCookie(request, reply, token, expires)
      return { user: publicUser(user), csrf_token: csrfToken, expires_at: expires.toISOString() }
    },
  )
}
