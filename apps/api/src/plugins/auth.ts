import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import cookie from '@fastify/cookie'
import { findSession, roleAtLeast, useApiKey, type Role } from '@chain-atlas/db'
import { sha256 } from '../auth/secrets.ts'
import { ApiError } from '../errors.ts'

export const SESSION_COOKIE = 'atlas_session'
export const API_KEY_PREFIX = 'ca_'

/** Who makes a request: a signed-in person or a program with an API key. */
export type Actor = { id: string; role: Role; kind: 'user' | 'api_key'; csrfToken?: string; tokenHash?: string }

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

const resolveActor = async (app: FastifyInstance, request: FastifyRequest): Promise<Actor | null> => {
  const header = request.headers.authorization
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match || !match[1]!.startsWith(API_KEY_PREFIX)) throw new ApiError('unauthorized', 'The Authorization header must be `Bearer <API key>`.')
    const key = await useApiKey(app.database.db, sha256(match[1]!))
    if (!key) throw new ApiError('unauthorized', 'The API key is unknown or revoked.')
    return { id: `key:${key.id}`, role: key.role, kind: 'api_key' }
  }
  const token = request.cookies[SESSION_COOKIE]
  if (!token) return null
  const found = await findSession(app.database.db, sha256(token))
  if (!found) return null // an expired or revoked session reads as anonymous; writes then get 401
  return { id: found.user.id, role: found.user.role, kind: 'user', csrfToken: found.session.csrf_token, tokenHash: found.session.token_hash }
}

/**
 * Resolves credentials on every request. Cookie sessions are SameSite=Strict, and writes made
 * with them must also echo the session's CSRF token in `X-CSRF-Token`.
 */
const auth = async (app: FastifyInstance) => {
  await app.register(cookie)
  app.decorateRequest('actor', null)
  app.addHook('onRequest', async (request) => {
    request.actor = await resolveActor(app, request)
    const signingIn = request.routeOptions.url === '/v1/auth/login' // needs no session, so no CSRF token either
    if (request.actor?.kind === 'user' && UNSAFE.has(request.method) && !signingIn && request.headers['x-csrf-token'] !== request.actor.csrfToken) {
      throw new ApiError('forbidden', 'Writes with a session cookie need its CSRF token in the X-CSRF-Token header.')
    }
  })
  const requireRole = (role: Role) => async (request: FastifyRequest) => {
    if (!request.actor) throw new ApiError('unauthorized', 'Sign in or send an API key.')
    if (!roleAtLeast(request.actor.role, role)) throw new ApiError('forbidden', `This needs the ${role} role; you have ${request.actor.role}.`)
  }
  app.decorate('requireRole', requireRole)
  // Routes say `config: { requiredRole }`; the check runs first, before the body is even validated,
  // so a caller without the role learns nothing about the route but 401 or 403.
  app.addHook('onRoute', (route) => {
    const role = route.config?.requiredRole
    if (!role) return
    const existing = route.onRequest ? [route.onRequest].flat() : []
    route.onRequest = [requireRole(role), ...existing] as typeof route.onRequest
    for (const method of [route.method].flat()) requiredRoles.set(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`, role)
  })
}

export default fp(auth, { name: 'auth', dependencies: ['database'] })
