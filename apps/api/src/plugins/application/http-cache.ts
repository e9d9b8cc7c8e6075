import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

const etagOf = (payload: string | Buffer) =>
  `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`

/** Whether an If-None-Match header names this ETag (or `*`), weak or strong alike (RFC 9110's weak comparison). */
export const matches = (header: string | undefined, etag: string) => {
  const opaque = etag.replace(WEAK, '')
  return header?.split(',').some((tag) => tag.trim().replace(WEAK, '') === opaque || tag.trim() === '*')
}
const WEAK = /^W\//

/**
 * How long browsers and shared caches (a CDN, nginx, Varnish) keep a public answer: fresh for
 * `maxAge` seconds (PUBLIC_CACHE_MAX_AGE, 60 by default), then served while it is revalidated in
 * the background as long again, and for a day when the API cannot be reached: a reader gets an
 * answer at most twice `maxAge` old, or one from before an outage.
 */
export const publicCacheControl = (maxAge: number) =>
  `public, max-age=${maxAge}, stale-while-revalidate=${maxAge}, stale-if-error=86400`

/** The default: fresh for a minute. */
export const PUBLIC_CACHE_CONTROL = publicCacheControl(60)

/** Answers this long or longer are compressed for clients that accept it (`@fastify/compress`). */
export const COMPRESS_THRESHOLD = 1024

/**
 * `Vary: Accept-Encoding` on an answer long enough to be compressed, the plain one too: compress
 * names it only when it compresses, and a shared cache that stored a plain answer without it would
 * hand those bytes to every client, compressing ones included.
 */
const varyByEncoding = (reply: FastifyReply, payload: string | Buffer) => {
  if (Buffer.byteLength(payload) < COMPRESS_THRESHOLD) return
  const vary = String(reply.getHeader('vary') ?? '')
  const names = vary.split(',').map((name) => name.trim().toLowerCase())
  if (names.includes('accept-encoding') || names.includes('*')) return
  reply.header('vary', vary ? `${vary}, accept-encoding` : 'accept-encoding')
}

/** What the read cache calls everything (`*`), as a tag a CDN accepts. */
const EVERYTHING = 'all'

/**
 * The tags a published change to `collection/id` purges: the entry's own answers, its
 * collection's, and those depending on everything (the read cache drops the same ones).
 */
export const purgeTags = (collection: string, id: string) => [`${collection}/${id}`, collection, EVERYTHING]

/**
 * Names what a public answer depends on, as a CDN purges it on publish: `Cache-Tag` (comma list:
 * Cloudflare, Akamai) and `Surrogate-Key` (space list: Fastly, Varnish xkey).
 */
const tagAnswer = (request: FastifyRequest, reply: FastifyReply) => {
  // Replayed from the read cache with its tags, before the query was validated: keep them.
  if (reply.hasHeader('cache-tag')) return
  const tags = request.routeOptions.config.publicCache?.(request)
  if (!tags?.length) return
  const names = [...new Set(tags.map((tag) => (tag === '*' ? EVERYTHING : tag)))]
  reply.header('cache-tag', names.join(',')).header('surrogate-key', names.join(' '))
}

/**
 * Strong ETags on every successful GET, from the bytes sent, and 304 on a matching
 * If-None-Match; public data may be cached briefly by browsers and shared caches.
 */
const httpCache = async (app: FastifyInstance, { maxAge }: { maxAge: number }) => {
  const publicControl = publicCacheControl(maxAge)
  app.decorate('publicCacheControl', publicControl)
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload
    // A stream (the instruments' export) sets its own ETag and Cache-Control, and is tagged all the same.
    const stream = typeof payload !== 'string' && !Buffer.isBuffer(payload)
    if (!stream && !reply.hasHeader('cache-control')) {
      // What a signed-in reader sees may include drafts: never in a shared cache.
      reply.header('cache-control', request.actor ? 'private, no-cache' : publicControl)
    }
    if (reply.getHeader('cache-control') === publicControl) tagAnswer(request, reply)
    if (stream) return payload
    // Routes may set their own ETag (an entry's version); others get one from the bytes sent.
    const etag = (reply.getHeader('etag') as string | undefined) ?? etagOf(payload)
    reply.header('etag', etag)
    varyByEncoding(reply, payload)
    if (matches(request.headers['if-none-match'], etag)) {
      reply.code(304)
      reply.removeHeader('content-length')
      return ''
    }
    return payload
  })
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The Cache-Control of public answers (PUBLIC_CACHE_MAX_AGE). */
    publicCacheControl: string
  }
}

export default fp(httpCache, { name: 'http-cache' })
