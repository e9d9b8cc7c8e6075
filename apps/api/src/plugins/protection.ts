import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import { ApiError } from '../errors.ts'

/** The admin UI and the reference run scripts; the JSON API needs none, so it allows none. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'"
// react-admin styles inline (emotion) and the forms compile the shared validation rules at run time (Ajv).
const ADMIN_CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

/** Clients are told apart by their credential when they send one (a key shared by a team), else by address. */
const clientOf = (request: FastifyRequest) => {
  const credential = request.headers.authorization ?? (request.headers.cookie?.match(/atlas_session=([^;]+)/)?.[1])
  return credential ? `c:${createHash('sha256').update(credential).digest('hex').slice(0, 24)}` : `a:${request.ip}`
}

/**
 * Headers that only mean something for an HTML document (isolation, referrers, IE and Flash
 * relics): sent with the admin UI and the API reference, not with every JSON answer, where they
 * would be bytes and work for nothing. OWASP's REST guidance asks every API answer for
 * Cache-Control, a CSP with frame-ancestors, Content-Type, HSTS, nosniff and X-Frame-Options, and
 * none of these. (A JSON answer sends no referrer; a CORS read is let through by CORS, not by a
 * resource policy, which only governs no-cors loads such as images and scripts.)
 */
const DOCUMENT_HEADERS: Record<string, string> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
}

const isDocument = (url: string) => url.startsWith('/admin') || url.startsWith('/docs')

/** Security headers on every response: helmet's, and a content security policy per surface. */
const securityHeaders = async (app: FastifyInstance) => {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: false,
    referrerPolicy: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  })
  // Set as the request arrives (swagger-ui replaces the CSP with its own).
  app.addHook('onRequest', async (request, reply) => {
    reply.header('content-security-policy', request.url.startsWith('/admin') ? ADMIN_CSP : API_CSP)
    if (isDocument(request.url)) reply.headers(DOCUMENT_HEADERS)
  })
}

/**
 * A rate limit per client. With REDIS_URL the counters live in Redis, so every replica behind a
 * load balancer counts the same requests; a Redis outage lets requests through rather than
 * taking the API down.
 */
const rateLimits = async (app: FastifyInstance, { config }: { config: Config }) => {
  if (!config.rateLimitPerMinute) return
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
    : undefined
  redis?.on('error', (error) => app.log.warn({ err: error }, 'redis unavailable: rate limits are not enforced until it is back'))
  if (redis) app.addHook('onClose', async () => redis.disconnect())
  await app.register(rateLimit, {
    // One hook for the whole app, registered before the read cache's: an answer from memory counts too.
    global: false,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    redis,
    nameSpace: 'chain-atlas:rate:',
    skipOnError: true,
    keyGenerator: clientOf,
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) =>
      new ApiError('too-many-requests', `More than ${context.max} requests in a minute; retry after ${Math.ceil(context.ttl / 1000)} s.`),
  })
  const limit = app.rateLimit()
  app.addHook('onRequest', async function (request, reply) {
    // Probes must answer even when a client floods the API.
    if (request.url === '/healthz' || request.url === '/readyz') return
    return limit.call(this, request, reply)
  })
}

export const securityHeadersPlugin = fp(securityHeaders, { name: 'security-headers' })
export const rateLimitsPlugin = fp(rateLimits, { name: 'rate-limits' })
