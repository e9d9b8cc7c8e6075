import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

const etagOf = (payload: string | Buffer) =>
  `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`

/** Whether an If-None-Match header names this ETag (or `*`). */
export const matches = (header: string | undefined, etag: string) =>
  header?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')

/**
 * Strong ETags on every successful GET, from the bytes sent, and 304 on a matching
 * If-None-Match; public data may be cached briefly by browsers and shared caches.
 */
const httpCache = async (app: FastifyInstance) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    // Routes may set their own ETag (an entry's version); others get one from the bytes sent.
    const etag = (reply.getHeader('etag') as string | undefined) ?? etagOf(payload)
    reply.header('etag', etag)
    if (!reply.hasHeader('cache-control')) {
      // What a signed-in reader sees may include drafts: never in a shared cache.
      reply.header('cache-control', request.actor ? 'private, no-cache' : 'public, max-age=60, must-revalidate')
    }
    if (matches(request.headers['if-none-match'], etag)) {
      reply.code(304)
      reply.removeHeader('content-length')
      return ''
    }
    return payload
  })
}

export default fp(httpCache, { name: 'http-cache' })
