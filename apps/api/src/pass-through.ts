import { isDeepStrictEqual } from 'node:util'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { RawValue } from '@chain-atlas/db'

/**
 * Answers whose JSON PostgreSQL built (`entityJson`): an anonymous list or get passes its entries
 * through as text, and costs the API a fraction of parsing every column and serializing every
 * field (issue 24, item 3). The route's response schema still holds them: see `checkPassedThrough`.
 */
const passedThrough = new WeakMap<FastifyReply, object | undefined>()

/**
 * Answers `json` as it is, past the route's serializer. `schema`: what would have serialized it
 * instead of the route's (an answer cut by `fields=`: `sparseSchema`).
 */
export const passThrough = <T extends string | Buffer>(reply: FastifyReply, json: T, schema?: object): T => {
  passedThrough.set(reply, schema)
  reply.type('application/json; charset=utf-8')
  return json
}

/**
 * A page of entries given as their JSON joined by commas, in the envelope the serializer writes:
 * `data`, `meta`, then `included` when given (as JSON). Bytes stay bytes (PostgreSQL's, never decoded).
 */
export const pageJson = (entries: RawValue, meta: Record<string, unknown>, included?: string): string | Buffer => {
  const head = '{"data":['
  const tail = `],"meta":${JSON.stringify(meta)}${included ? `,"included":${included}` : ''}}`
  if (Buffer.isBuffer(entries)) return Buffer.concat([Buffer.from(head), entries, Buffer.from(tail)])
  return head + (entries ?? '') + tail
}

/** An entry's JSON with `included` (as JSON) added as its last key, when given. */
export const entryJson = (entry: RawValue, included?: string): string | Buffer => {
  const json = entry ?? 'null'
  if (!included) return json
  const tail = `,"included":${included}}`
  return Buffer.isBuffer(json) ? Buffer.concat([json.subarray(0, -1), Buffer.from(tail)]) : json.slice(0, -1) + tail
}

/**
 * With `CHECK_RESPONSES` (on in tests): a passed-through answer must be what the route's own
 * serializer makes of it (no field it would drop, none missing, every type as declared), or the
 * request fails with a 500 that names it. A parse and a serialize per answer: not for production.
 */
export const checkPassedThrough = (app: FastifyInstance) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!passedThrough.has(reply) || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload
    const sent = JSON.parse(payload.toString())
    const schema = passedThrough.get(reply) as Record<string, unknown> | undefined
    const serialized = schema
      ? reply.serializeInput(sent, schema)
      : reply.serializeInput(sent, String(reply.statusCode), 'application/json')
    const asSerialized = JSON.parse(serialized as string)
    if (!isDeepStrictEqual(asSerialized, sent))
      throw new Error(`${request.method} ${request.url}: the JSON PostgreSQL built does not match the response schema`)
    return payload
  })
}
