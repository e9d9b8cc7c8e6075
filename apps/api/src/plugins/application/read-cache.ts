import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { negotiate } from '@fastify/accept-negotiator'
import { HSTS, cameOverTls } from '../../security-headers.ts'
import { rawCredentials } from './auth.ts'
import { matches } from './http-cache.ts'
import { type CheckedHeaders, headersCheckedOnce, writeHeadChecked } from '../../performance/headers-checked-once.ts'

/** The channel the database announces changes to published entries on (migration 0003): `collection/id`. */
export const PUBLIC_CHANGE_CHANNEL = 'atlas_public_change'

/** Whatever a route's answer depends on: `collection/id` of one entry, a whole `collection`, or `*` for all. */
export type CacheTags = (request: FastifyRequest) => string[]

/** For answers that combine collections (views, the export): any published change may alter them. */
export const dependsOnEverything: CacheTags = () => ['*']

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

/**
 * `headers` by name; `ok` and `notModified` the headers of a 200 and of a 304 as [name, value, …],
 * ending with the request id's value, filled in on each answer (Node reads the list at once and
 * keeps nothing of it; copying it cost a hit 0.3 µs); `checked` the same as Node's record of
 * headers, checked once (`headersCheckedOnce`), which Node writes with the least work; `logTails`
 * the ends of its request-log lines by status (`requestLineTail`), made on first use; `used`
 * whether it was read since eviction last passed it.
 */
type Entry = {
  body: Buffer
  headers: Record<string, string>
  ok: string[]
  notModified: string[]
  checked: { ok?: CheckedHeaders; notModified?: CheckedHeaders }
  logTails: Record<number, string>
  tags: string[]
  size: number
  used: boolean
}

/** The header lists of an answer from memory (see `Entry`): the request id last. */
const headerLists = (headers: Record<string, string>, body: Buffer) => {
  const flat = Object.entries(headers).flat()
  const ok = [...flat, 'content-length', String(body.length), 'x-request-id', '']
  const notModified = [...flat, 'x-request-id', '']
  return { ok, notModified, checked: { ok: headersCheckedOnce(ok), notModified: headersCheckedOnce(notModified) } }
}

/** Headers made anew for every answer, never replayed from a stored one. */
const PER_REQUEST = new Set([
  'x-request-id',
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'retry-after',
  HSTS[0],
])
const isRateLimitHeader = (name: string) => name.startsWith('ratelimit') || name.startsWith('x-ratelimit')
const isPerRequest = (name: string) => PER_REQUEST.has(name) || isRateLimitHeader(name)

const generationAtRequest = Symbol('read-cache generation')
/** The tags of the stored plain answer a request is sent (to be kept as compress encodes it). */
const tagsOfPlain = Symbol('read-cache tags of the plain answer')

/** GETs that any anonymous reader would be answered alike; not `as_of` (history is not cached). */
const plainGet = (raw: IncomingMessage) =>
  raw.method === 'GET' && raw.headers['x-no-compression'] === undefined && !raw.url!.includes('as_of=') // not a parsed query: parsing it would cost every answer from memory (stores check the parsed one)

/**
 * Before Fastify (answers before routing): only requests that present no credentials at all, as
 * the auth layer's own cookie parser reads them. Any other request goes through auth first (see `answer`).
 */
const anonymousBeforeAuth = (raw: IncomingMessage) => {
  if (!plainGet(raw)) return false
  const { authorization, session } = rawCredentials(raw.headers)
  return !authorization && !session
}

/**
 * After auth verified the credentials: anonymous is no actor and no Authorization header (which
 * either makes an actor or a 401). An invented or expired session cookie reads as anonymous,
 * as it does on every route.
 */
const anonymousAfterAuth = (request: FastifyRequest) =>
  request.actor === null && !request.headers.authorization && plainGet(request.raw)

/** The encodings compress answers in, best first: given to it (app.ts) and read here alike. */
export const ENCODINGS: ('br' | 'gzip' | 'deflate' | 'identity')[] = ['br', 'gzip', 'deflate', 'identity']

/** The encoding chosen for each Accept-Encoding: clients send few distinct ones (bounded: they can make them up). */
const chosen = new Map<string, string | undefined>()

/**
 * The encoding compress sends an answer in for this Accept-Encoding, read as it reads it (`*` and
 * `x-gzip` are gzip); undefined for the bytes as they are.
 */
const encodingFor = (acceptEncoding: string | undefined) => {
  if (acceptEncoding === undefined) return undefined
  if (chosen.has(acceptEncoding)) return chosen.get(acceptEncoding)
  // compress reads `*` and `x-gzip` as gzip before negotiating (its own helper is not exported).
  const negotiated = negotiate(acceptEncoding.toLowerCase().replace(/\*|x-gzip/g, 'gzip'), ENCODINGS)
  const encoding = negotiated && negotiated !== 'identity' ? negotiated : undefined
  if (chosen.size >= 1000) chosen.clear()
  chosen.set(acceptEncoding, encoding)
  return encoding
}

/**
 * An answer is kept as sent in each encoding compress chooses (at most one copy per encoding,
 * however clients spell the header): compressed once, not for every read. Without one, the bytes
 * as they are.
 */
const keyOf = (url: string, encoding: string | undefined) => (encoding ? `${url}\n${encoding}` : url)

/** Whether the route's answers may be stored (`routeOptions` is built anew on each access: asked on a miss only). */
const storable = (request: FastifyRequest) => request.routeOptions.config.publicCache !== undefined

export type ReadCache = ReturnType<typeof createReadCache>

/**
 * Published reads served from memory: the exact bytes and headers of a route's anonymous answer,
 * keyed by URL, until a change to an entry they depend on. Changes arrive from the database
 * (a trigger NOTIFYs on every revision touching published data, so every API process on the same
 * database hears every writer, the seed CLI included) and, for this process's own writes, at once.
 *
 * Only requests that are anonymous once their credentials are verified are answered from memory or
 * stored (a signed-in reader may see drafts); `as_of` reads never touch the cache.
 * Within `maxBytes`, what was not read for longest goes first (a second-chance approximation of
 * LRU); 0 turns the cache off.
 *
 * `answer` is an onRequest hook meant to run before any other but the rate limit: an answer
 * from memory replays the headers the other hooks set on the stored answer (security, CORS,
 * ETag), so none of them need run again; performance/answer-before-routing.ts does the same
 * before Fastify when there is no rate limit. Registering the plugin stores answers and listens.
 */
export const createReadCache = (
  maxBytes: number,
  { rateLimited, isTrustedProxy }: { rateLimited: boolean; isTrustedProxy: (address?: string) => boolean },
) => {
  const entries = new Map<string, Entry>() // oldest first, but for those given a second chance
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

  /**
   * The answer stored under `key`, if any, marked as read. A hit only sets a flag: moving the
   * entry to the end of the Map (exact LRU) made V8 rebuild the Map's table in the old
   * generation every few hits, and under load a full GC ran every second (performance/README.md).
   */
  const lookup = (key: string): Entry | undefined => {
    const entry = entries.get(key)
    if (entry && !entry.used) entry.used = true
    return entry
  }

  /**
   * Removes the oldest entries until within `maxBytes`, but `stored`, just stored; a read since
   * eviction last passed an entry buys it another round.
   */
  const evict = (stored: string) => {
    for (const [key, entry] of entries) {
      if (bytes <= maxBytes) return
      if (key === stored) continue
      if (!entry.used) remove(key)
      else {
        entry.used = false
        entries.delete(key) // to the end: the loop reaches it again only after every other entry
        entries.set(key, entry)
      }
    }
  }

  /**
   * The stored bytes straight out with their headers checked once (else their list), the least work
   * Node can do; or a 304.
   * `extra`: headers of this request only (the rate limit's).
   */
  const write = (raw: IncomingMessage, res: ServerResponse, entry: Entry, id: string, extra: string[] = []) => {
    const notModified = matches(raw.headers['if-none-match'], entry.headers.etag!)
    if (cameOverTls(raw, isTrustedProxy)) extra = extra.concat(HSTS)
    const checked = notModified ? entry.checked.notModified : entry.checked.ok
    if (checked) writeHeadChecked(res, notModified ? 304 : 200, checked, id, extra)
    else {
      const headers = notModified ? entry.notModified : entry.ok
      headers[headers.length - 1] = id
      res.writeHead(notModified ? 304 : 200, extra.length ? headers.concat(extra) : headers)
    }
    if (notModified) res.end()
    else res.end(entry.body)
  }

  const answer = (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (maxBytes <= 0 || !anonymousAfterAuth(request)) return done()
    const encoding = encodingFor(request.headers['accept-encoding'])
    const entry = lookup(keyOf(request.url, encoding))
    if (entry) {
      // Past the hooks, which would change nothing.
      reply.hijack()
      const extra: string[] = []
      if (rateLimited)
        for (const [name, value] of Object.entries(reply.getHeaders()))
          if (isRateLimitHeader(name)) extra.push(name, String(value))
      return write(request.raw, reply.raw, entry, request.id, extra)
    }
    // Only storable routes' answers are ever stored, so a stored URL needs no such check.
    if (storable(request)) (request as any)[generationAtRequest] = generation
    // Not yet kept in this encoding: the bytes kept as they are go to compress (and are kept as it sends them).
    const plain = encoding ? lookup(request.url) : undefined
    if (!plain)
      return done()
      // Sent before the query is validated (its lists split): the tags come with the stored answer.
    ;(request as any)[tagsOfPlain] = plain.tags
    reply.headers(plain.headers).header('x-request-id', request.id).send(plain.body)
  }

  /** The answer stored for a request not yet parsed, when it presents no credentials at all. */
  const storedForRaw = (raw: IncomingMessage) =>
    anonymousBeforeAuth(raw) ? lookup(keyOf(raw.url!, encodingFor(raw.headers['accept-encoding']))) : undefined

  /** Keeps the answer as the route made it (`encoded` false) or as compress sent it for the client's Accept-Encoding. */
  const store = (request: FastifyRequest, reply: FastifyReply, payload: unknown, encoded: boolean) => {
    const startedAt = (request as any)[generationAtRequest] as number | undefined
    if (startedAt === undefined || startedAt !== generation || reply.statusCode !== 200) return
    // Read on a replica that had not replayed every change announced: it may predate one.
    if (!request.server.replicas.answerIsCurrent(request)) return
    if ((request.query as { as_of?: unknown }).as_of !== undefined) return // history, however its name was spelled
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return // a stream: compress encodes it on the fly
    const encoding = encoded ? encodingFor(request.headers['accept-encoding']) : undefined
    if (encoded && !encoding) return // the same bytes as kept before compress
    const key = keyOf(request.url, encoding)
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload)
    const size = body.length + key.length * 2 + 600
    if (size > maxBytes / 8) return // one huge answer must not flush everything else
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined && !isPerRequest(name)) headers[name] = String(value)
    const tags: string[] = (request as any)[tagsOfPlain] ?? request.routeOptions.config.publicCache!(request)
    remove(key)
    entries.set(key, { body, headers, ...headerLists(headers, body), logTails: {}, tags, size, used: false })
    bytes += size
    for (const tag of tags) {
      const keys = byTag.get(tag) ?? new Set<string>()
      byTag.set(tag, keys)
      keys.add(key)
    }
    evict(key)
  }

  return {
    answer,
    storedForRaw,
    write,
    store,
    changed,
    clear,
    maxBytes,
    rateLimited,
    stats: () => ({ entries: entries.size, bytes }),
  }
}

/** Listens for changes and stores answers; `cache.answer` must already be an onRequest hook. */
const readCache = async (app: FastifyInstance, { cache }: { cache: ReadCache }) => {
  // Replicas serve a read again once they have replayed the change (see plugins/infrastructure/replicas.ts).
  const changed = (collection: string, id: string) => {
    app.replicas.changeAnnounced()
    cache.changed(collection, id)
  }
  app.decorate('readCache', { changed, stats: cache.stats })
  if (cache.maxBytes <= 0) return

  // On the primary: NOTIFY is not replayed on standbys.
  const unlisten = await app.database.listen(
    PUBLIC_CHANGE_CHANNEL,
    (payload) => {
      const slash = payload.indexOf('/')
      changed(payload.slice(0, slash), payload.slice(slash + 1))
    },
    () => {
      // (Re)connected: whatever was announced meanwhile is unknown.
      app.replicas.changeAnnounced()
      cache.clear()
    },
  )
  app.addHook('onClose', async () => {
    await unlisten()
  })
  // Runs after http-cache set the ETag and before compress, on the bytes the route produced.
  app.addHook('onSend', async (request, reply, payload) => {
    cache.store(request, reply, payload, false)
    return payload
  })
}

export default fp(readCache, { name: 'read-cache', dependencies: ['database', 'replicas', 'http-cache'] })
