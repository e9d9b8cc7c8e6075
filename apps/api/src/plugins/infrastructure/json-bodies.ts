import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { invalid, pointerTo } from '@chain-atlas/types'

/**
 * Where a parsed body holds a key that would reach an object's prototype (`__proto__`,
 * `constructor.prototype`). Walked with a stack of its own, not by recursion: a body nested a
 * hundred thousand deep overflowed the call stack (a 500).
 */
const prototypeKeyIn = (body: unknown): string | undefined => {
  const pending: [unknown, string][] = [[body, '/body']]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, at] = next
    if (!value || typeof value !== 'object') continue
    if (Object.hasOwn(value, '__proto__')) return `${at}/__proto__`
    const maker = Object.hasOwn(value, 'constructor') ? (value as Record<string, unknown>).constructor : undefined
    if (maker && typeof maker === 'object' && Object.hasOwn(maker, 'prototype')) return `${at}/constructor/prototype`
    for (const [key, inner] of Object.entries(value).reverse()) pending.push([inner, pointerTo(at, key)])
  }
  return undefined
}

/**
 * Why Fastify's JSON parser refused a body, found again from the body itself (its own error says
 * only "not valid JSON but content-type is set to 'application/json'", whatever the media type
 * or the fault): where the JSON breaks, or the prototype key it refuses (`prototypeKeyIn`).
 */
const whyRefused = (body: string, refusal: Error) => {
  if (!body.length) return invalid('/body', 'is empty: send a JSON value')
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch (error) {
    return invalid('/body', `is not valid JSON: ${(error as SyntaxError).message}`)
  }
  const at = prototypeKeyIn(parsed)
  return at ? invalid(at, 'is a key no body may hold (it would reach an object’s prototype)') : refusal
}

/**
 * JSON bodies (`application/json`, and `application/merge-patch+json` for updates), and nothing else, parsed by
 * Fastify's own parser, which refuses prototype keys; a refusal becomes a 400 that says what is
 * wrong and where.
 */
const jsonBodies = async (app: FastifyInstance) => {
  const parse = app.getDefaultJsonParser('error', 'error')
  // Bodies are read as strings (`parseAs: 'string'`).
  const parseJson = (
    request: FastifyRequest,
    body: string | Buffer,
    done: (error: Error | null, value?: unknown) => void,
  ) => {
    const text = String(body)
    parse(request, text, (error, value) => (error ? done(whyRefused(text, error)) : done(null, value)))
  }
  app.removeContentTypeParser('application/json')
  // Fastify reads text/plain as a string, which every body schema then refused as "must be object":
  // JSON sent as text/plain is a 415 that says what to send.
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser(['application/json', 'application/merge-patch+json'], { parseAs: 'string' }, parseJson)
}

export default fp(jsonBodies, { name: 'json-bodies' })
