import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { matches } from './http-cache.ts'

/** The channel the database announces changes to published entries on (migration 0003): `collection/id`. */
export const PUBLIC_CHANGE_CHANNEL = 'atlas_public_change'

/** Whatever a route's answer depends on: `collection/id` of one entry, a whole `collection`, or `*` for all. */
export type CacheTags = (request: FastifyRequest) => string[]

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Anonymous answers of this GET route may be cached; they depend on these tags. */
    publicCache?: CacheTags
  }
  interface FastifyInstance {
    readCache: {
      /** Drops every cached answer that depends on this entry (its own, its collection's, everything's). */
      changed(collection: string, id: string): void
      stats(): { entries: number; bytes: number }
    }
  }
}

export type ReadCacheOptions = { maxBytes: number }

type Entry = { body: Buffer; headers: [string, string][]; tags: string[]; size: number }

/** Headers of a cached answer worth replaying; the rest (dates, request ids) are made anew. */
const REPLAYED = ['content-type', 'etag', 'cache-control', 'content-disposition', 'vary']

const generationAtRequest = Symbol('read-cache generation')

/**
 * Published reads served from memory: the exact bytes and ETag of a route's anonymous answer,
 * keyed by URL, until a change to an entry they depend on. Changes arrive from the database
 * (a trigger NOTIFYs on every revision touching published data, so every API process on the same
 * database hears every writer, the seed CLI included) and, for this process's own writes, at once.
 *
 * Requests with credentials (which may read drafts) and `as_of` reads never touch the cache.
 * LRU within `maxBytes`; 0 turns the cache off.
 */
const readCache = async (app: FastifyInstance, { maxBytes }: ReadCacheOptions) => {
  const entries = new Map<string, Entry>() // in LRU order: oldest first
  const byTag = new Map<string, Set<string>>()
  let bytes = 0
  // Bumped by every invalidation: an answer computed across one is not stored (it may be stale).
  let generation = 0

  const remove = (url: string) => {
    const entry = entries.get(url)
    if (!entry) return
    entries.delete(url)
    bytes -= entry.size
    for (const tag of entry.tags) byTag.get(tag)?.delete(url)
  }
  const invalidate = (tags: string[]) => {
    generation++
    for (const tag of tags) for (const url of byTag.get(tag) ?? []) remove(url)
  }
  const clear = () => {
    generation++
    entries.clear()
    byTag.clear()
    bytes = 0
  }
  const changed = (collection: string, id: string) => invalidate([`${collection}/${id}`, collection, '*'])
  app.decorate('readCache', { changed, stats: () => ({ entries: entries.size, bytes }) })
  if (maxBytes <= 0) return

  const unlisten = await app.database.listen(
    PUBLIC_CHANGE_CHANNEL,
    (payload) => {
      const slash = payload.indexOf('/')
      changed(payload.slice(0, slash), payload.slice(slash + 1))
    },
    clear, // (re)connected: whatever was announced meanwhile is unknown
  )
  app.addHook('onClose', async () => {
    await unlisten()
  })

  const cacheable = (request: FastifyRequest) =>
    request.method === 'GET' &&
    request.routeOptions.config.publicCache !== undefined &&
    !request.headers.authorization &&
    !request.headers.cookie?.includes('atlas_session=') &&
    !(request.query as Record<string, unknown>).as_of

  app.addHook('onRequest', async (request, reply) => {
    if (!cacheable(request)) return
    const entry = entries.get(request.url)
    if (!entry) {
      ;(request as any)[generationAtRequest] = generation
      return
    }
    entries.delete(request.url) // most recently used goes last
    entries.set(request.url, entry)
    for (const [name, value] of entry.headers) reply.header(name, value)
    // Asked for compression: through the usual hooks (compress encodes, http-cache answers 304).
    if (request.headers['accept-encoding']) return reply.send(entry.body)
    // Nothing to encode: the stored bytes go straight out, past hooks that would change nothing.
    reply.hijack()
    const headers = reply.getHeaders() as Record<string, string>
    if (matches(request.headers['if-none-match'], headers.etag!)) reply.raw.writeHead(304, headers).end()
    else reply.raw.writeHead(200, { ...headers, 'content-length': String(entry.body.length) }).end(entry.body)
    return reply
  })

  // Runs after http-cache set the ETag and before compress, on the bytes the route produced.
  app.addHook('onSend', async (request, reply, payload) => {
    const startedAt = (request as any)[generationAtRequest] as number | undefined
    if (startedAt === undefined || startedAt !== generation || reply.statusCode !== 200) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload)
    const size = body.length + request.url.length * 2 + 200
    if (size > maxBytes / 8) return payload // one huge answer must not flush everything else
    const headers = REPLAYED.flatMap((name) => (reply.hasHeader(name) ? [[name, String(reply.getHeader(name))] as [string, string]] : []))
    const tags = request.routeOptions.config.publicCache!(request)
    remove(request.url)
    entries.set(request.url, { body, headers, tags, size })
    bytes += size
    for (const tag of tags) {
      let urls = byTag.get(tag)
      if (!urls) byTag.set(tag, (urls = new Set()))
      urls.add(request.url)
    }
    for (const [oldest] of entries) {
      if (bytes <= maxBytes) break
      remove(oldest)
    }
    return payload
  })
}

export default fp(readCache, { name: 'read-cache', dependencies: ['database', 'http-cache'] })
