import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import { Redis } from 'ioredis'
import type { Config } from '../../config.ts'
import { ApiError } from '@chain-atlas/types'
import { HSTS, cameOverTls, securityHeadersFor } from '../../security-headers.ts'
import { clientNetwork } from '../../ip-address.ts'

/**
 * Clients are told apart by their verified credential (a user, or a key shared by a team), else by
 * address (an IPv6 one by its /64: `clientNetwork`): a credential that did not verify counts against
 * the address it came from, so inventing session cookies or keys buys no new bucket.
 */
const clientOf = (request: FastifyRequest) =>
  request.actor ? `c:${request.actor.kind}:${request.actor.id}` : `a:${clientNetwork(request.ip)}`

/**
 * Security headers and the request id on every answer, set first as the request arrives, so that
 * even a 429 or a problem raised before routing has them (problems.ts adds them where no hook ran).
 */
const securityHeaders = async (
  app: FastifyInstance,
  { isTrustedProxy }: { isTrustedProxy: (address?: string) => boolean },
) => {
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeadersFor(request.url)).header('x-request-id', request.id)
    if (cameOverTls(request.raw, isTrustedProxy)) reply.header(...HSTS)
    done()
  })
}

/** Resolves once Redis is connected, has failed to connect, or `ms` have passed: the start never hangs on it. */
const connected = (redis: Redis, ms: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      redis.off('ready', done)
      redis.off('error', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    redis.once('ready', done)
    redis.once('error', done)
  })

/**
 * A rate limit per client. With REDIS_URL the counters live in Redis, so every replica behind a
 * load balancer counts the same requests; a Redis outage lets requests through rather than
 * taking the API down.
 */
const rateLimits = async (app: FastifyInstance, { config }: { config: Config }) => {
  if (!config.rateLimitPerMinute) return
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, {
        connectTimeout: 500,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: false,
      })
    : undefined
  redis?.on('error', (error) =>
    app.log.warn({ err: error }, 'redis unavailable: rate limits are not enforced until it is back'),
  )
  if (redis) app.addHook('onClose', async () => redis.disconnect())
  // Without an offline queue, a request before the connection is up would not be counted.
  if (redis) await connected(redis, 2000)
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
      new ApiError(
        'too-many-requests',
        `More than ${context.max} requests in a minute; retry after ${Math.ceil(context.ttl / 1000)} s.`,
      ),
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
