import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { IncomingHttpHeaders } from 'node:http'
import cookie from '@fastify/cookie'
import { findApiKey, findSession, roleAtLeast, useApiKey, type Role } from '@chain-atlas/db'
import { sha256 } from '../../auth/secrets.ts'
import { ApiError } from '@chain-atlas/types'

export const SESSION_COOKIE = 'atlas_session'
export const API_KEY_PREFIX = 'ca_'

/** Who makes a request: a signed-in person or a program with an API key. */
export type Actor = {
  id: string
  /** The person acting: the signed-in user, or the key's owner (who answers for what the key does). */
  userId: string
  role: Role
  kind: 'user' | 'api_key'
  csrfToken?: string
  tokenHash?: string
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
  }
  interface FastifyContextConfig {
    /** The least role a route needs; the auth plugin enforces it and the contract shows it as `x-required-role`. */
    requiredRole?: Role
  }
  interface FastifyInstance {
    /** A preHandler that lets through only actors with at least this role (401 without credentials, 403 below it). */
    requireRole(role: Role): (request: FastifyRequest, reply: FastifyReply) => Promise<void>
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The role each protected operation needs, keyed `METHOD /openapi/{path}`, for the contract. */
export const requiredRoles = new Map<string, Role>()

/** The credentials a request presents, read by the same cookie parser as the auth layer's (never by substring). */
export const presentedCredentials = (
  authorization: string | undefined,
  cookies: Record<string, string | undefined>,
) => ({
  authorization: authorization || undefined,
  session: cookies[SESSION_COOKIE] || undefined,
})

type Credentials = ReturnType<typeof presentedCredentials>

/** Credentials in raw headers, for code that runs before Fastify parses the request (the read cache's fast path). */
export const rawCredentials = (headers: IncomingHttpHeaders) =>
  presentedCredentials(headers.authorization, headers.cookie ? cookie.parse(headers.cookie) : {})

const unknownKey = () => new ApiError('unauthorized', 'The API key is unknown or revoked.')

/** The verified actor of a request, or the problem its Authorization header has (answered once the rate limit has counted it). */
const resolveActor = async (
  app: FastifyInstance,
  { authorization, session }: Credentials,
): Promise<Actor | ApiError | null> => {
  // Checking credentials needs the database: while it is known to be down, say so at once; while
  // the primary is away and replicas answer, they check credentials (recording nothing).
  const { database, readOnly } = app.replicas.verifier()
  if (app.databaseBreaker?.isOpen() && !readOnly)
    throw new ApiError('service-unavailable', 'The database is unavailable; retry shortly.')
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization)
    if (!match || !match[1]!.startsWith(API_KEY_PREFIX))
      return new ApiError('unauthorized', 'The Authorization header must be `Bearer <API key>`.')
    const key = await (readOnly ? findApiKey : useApiKey)(database.db, sha256(match[1]!))
    if (!key) return unknownKey()
    return { id: `key:${key.id}`, userId: key.created_by!, role: key.role, kind: 'api_key' }
  }
  const found = await findSession(database.db, sha256(session!))
  if (!found) return null // an expired, revoked or invented session reads as anonymous everywhere; writes then get 401
  return {
    id: found.user.id,
    userId: found.user.id,
    role: found.user.role,
    kind: 'user',
    csrfToken: found.session.csrf_token,
    tokenHash: found.session.token_hash,
  }
}

const credentialProblem = Symbol('credential problem')

/**
 * Verifies credentials as the request arrives, before the rate limit and the read cache: both
 * decide from `request.actor` (verified), never from what a header merely looks like. A request
 * without credentials costs nothing here.
 */
const identify = async (app: FastifyInstance) => {
  await app.register(cookie)
  app.decorateRequest('actor', null)
  // A callback hook: a request without credentials (most reads) costs no promise here.
  app.addHook('onRequest', (request, _reply, done) => {
    const credentials = presentedCredentials(request.headers.authorization, request.cookies)
    if (!credentials.authorization && !credentials.session) return done()
    resolveActor(app, credentials).then((resolved) => {
      if (resolved instanceof ApiError) (request as any)[credentialProblem] = resolved
      else request.actor = resolved
      done()
    }, done)
  })
}

/**
 * Answers credential problems, then enforces roles. Cookie sessions are SameSite=Strict, and
 * writes made with them must also echo the session's CSRF token in `X-CSRF-Token`.
 */
const auth = async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    const problem = (request as any)[credentialProblem] as ApiError | undefined
    if (problem) throw problem
    const signingIn = request.routeOptions.url === '/v1/auth/login' // needs no session, so no CSRF token either
    if (
      request.actor?.kind === 'user' &&
      UNSAFE.has(request.method) &&
      !signingIn &&
      request.headers['x-csrf-token'] !== request.actor.csrfToken
    ) {
      throw new ApiError('forbidden', 'Writes with a session cookie need its CSRF token in the X-CSRF-Token header.')
    }
  })
  const requireRole = (role: Role) => async (request: FastifyRequest) => {
    if (!request.actor) throw new ApiError('unauthorized', 'Sign in or send an API key.')
    if (!roleAtLeast(request.actor.role, role))
      throw new ApiError('forbidden', `This needs the ${role} role; you have ${request.actor.role}.`)
  }
  app.decorate('requireRole', requireRole)
  // Routes say `config: { requiredRole }`; the check runs first, before the body is even validated,
  // so a caller without the role learns nothing about the route but 401 or 403.
  app.addHook('onRoute', (route) => {
    const role = route.config?.requiredRole
    if (!role) return
    const existing = route.onRequest ? [route.onRequest].flat() : []
    route.onRequest = [requireRole(role), ...existing] as typeof route.onRequest
    for (const method of [route.method].flat())
      requiredRoles.set(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`, role)
  })
}

export const identifyPlugin = fp(identify, { name: 'identify' })
export default fp(auth, { name: 'auth', dependencies: ['identify', 'database'] })
