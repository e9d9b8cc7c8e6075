import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ApiError, pointerTo, type FieldError } from '@chain-atlas/types'

/** The name and value of each `name=value` pair of a query string, as sent (still percent-encoded). */
const pairsOf = (query: string) =>
  query.split('&').map((pair) => {
    const at = pair.indexOf('=')
    return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)]
  })

const decodes = (text: string) => {
  try {
    decodeURIComponent(text)
    return true
  } catch {
    return false
  }
}

/**
 * The parameters whose name or value is not valid percent-encoded UTF-8 (`q=%E9`, Latin-1's é).
 * The query parser keeps such text as sent, so a search looked for `%E9` and found nothing.
 */
const badlyEncoded = (query: string): FieldError[] =>
  pairsOf(query)
    .filter(([name, value]) => !decodes(name!) || !decodes(value!))
    .map(([name]) => ({
      pointer: pointerTo('/query', decodes(name!) ? decodeURIComponent(name!) : name!),
      detail: 'is not valid percent-encoded UTF-8',
    }))

type QuerySchema = { properties?: Record<string, { type?: unknown }> }

/**
 * The parameters given more than once where the route takes one value (`limit=1&limit=2`): AJV saw
 * a list and said "must be integer". Comma lists take repeats (`economy=us&economy=jp`).
 */
const repeated = (request: FastifyRequest): FieldError[] => {
  const properties = (request.routeOptions.schema?.querystring as QuerySchema | undefined)?.properties ?? {}
  return Object.entries(request.query as Record<string, unknown>)
    .filter(([name, value]) => Array.isArray(value) && properties[name] && properties[name].type !== 'array')
    .map(([name]) => ({ pointer: pointerTo('/query', name), detail: 'is given more than once: send it once' }))
}

/**
 * Query strings are checked for what the parser lets by, before the route's schema: values that
 * are not UTF-8, and a single-valued parameter sent twice. Either is a 400 naming the parameter.
 */
const queryStrings = async (app: FastifyInstance) => {
  // A callback, not an async function: no promise on every read.
  app.addHook('preValidation', (request, _reply, done) => {
    const at = request.url.indexOf('?')
    if (at < 0) return done()
    const query = request.url.slice(at + 1)
    const errors = [...(query.includes('%') ? badlyEncoded(query) : []), ...repeated(request)]
    if (!errors.length) return done()
    done(new ApiError('invalid-request', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), errors))
  })
}

export default fp(queryStrings, { name: 'query-strings' })
