import { randomUUID } from 'node:crypto'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import FindMyWay from 'find-my-way'
import {
  ApiError,
  PROBLEMS,
  fieldErrors,
  problemType,
  type FieldError,
  type ProblemCode,
  type ProblemReference,
  type ValidationIssue,
} from '@chain-atlas/types'
import { HSTS, securityHeadersFor } from '../../security-headers.ts'
import { readOnlyProblem } from './replicas.ts'

const sendProblem = (
  request: FastifyRequest,
  reply: FastifyReply,
  code: ProblemCode,
  detail: string,
  errors?: FieldError[],
  references?: ProblemReference[],
) => {
  const { status, title } = PROBLEMS[code]
  // Raised before any hook ran (a path that is not UTF-8): the headers every answer carries.
  if (!reply.hasHeader('x-content-type-options')) {
    reply.headers(securityHeadersFor(request.url)).header('x-request-id', request.id)
    if (request.protocol === 'https') reply.header(...HSTS)
  }
  // About this request only: no cache, shared or not, keeps it.
  reply.header('cache-control', 'no-store')
  if (status === 503) reply.header('retry-after', '2')
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="chain-atlas"')
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: problemType(code),
      title,
      status,
      detail,
      ...(errors?.length ? { errors } : {}),
      ...(references?.length ? { references } : {}),
      request_id: request.id,
    })
}

/** Maps Fastify's own error codes (body parsing, size limits, media types) to problems. */
const frameworkProblem = (error: FastifyError): ProblemCode | undefined => {
  switch (error.statusCode) {
    case 400:
      return 'invalid-request'
    case 404:
      return 'not-found'
    case 405:
      return 'method-not-allowed'
    case 406:
      return 'not-acceptable'
    case 413:
      return 'payload-too-large'
    case 415:
      return 'unsupported-media-type'
    case 429:
      return 'too-many-requests'
    default:
      return undefined
  }
}

/** Fastify says only "Unsupported Media Type": what to send instead. */
const UNSUPPORTED_MEDIA_TYPE =
  'The body is in a media type no operation takes: send application/json (or application/merge-patch+json for an update).'

/** Node's errors for a request that never became one, as the problem each is answered with. */
const CLIENT_ERRORS: Record<string, [ProblemCode, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: ['request-timeout', 'The request was not received in time.'],
  HPE_HEADER_OVERFLOW: ['headers-too-large', 'The request headers are too large.'],
}

/**
 * Fastify's `clientErrorHandler`: a request that fails before it is parsed (sent too slowly, headers
 * too large, not HTTP) has no route and no reply object, so the problem is written to the socket,
 * which is then closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [code, detail] = CLIENT_ERRORS[error.code ?? ''] ?? ['invalid-request', 'The request is not well-formed HTTP.']
  const { status, title } = PROBLEMS[code]
  const requestId = randomUUID()
  const body = JSON.stringify({ type: problemType(code), title, status, detail, request_id: requestId })
  const headers = { ...securityHeadersFor('/'), 'cache-control': 'no-store', 'x-request-id': requestId }
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join('') +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy()
}

/**
 * Fastify's `frameworkErrors`: a path that is not valid percent-encoding, or a path parameter longer
 * than the router takes, fails before any route runs; it is still a 400 problem, naming the path.
 */
export const frameworkErrors = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'has a segment too long for any resource'
      : 'is not valid percent-encoded UTF-8'
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH' || error.code === 'FST_ERR_BAD_URL') {
    return sendProblem(request, reply, 'invalid-request', `The path ${detail}.`, [{ pointer: '/path', detail }])
  }
  request.log.error({ err: error }, 'unhandled framework error')
  return sendProblem(request, reply, 'internal', 'An unexpected error occurred; it has been logged.')
}

/** The methods an Allow header names, in the order it names them. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

export type RouterOptions = { ignoreTrailingSlash: boolean; maxParamLength: number }

/**
 * Which methods the routes take at a concrete path, so that a known path asked with a method it lacks
 * is a 405 naming the others, not a 404. Fastify matches a path for one method only and does not
 * expose its router: this is a second one, with the same options, holding every route as it is added.
 * OPTIONS is left out: the CORS preflight route takes it on every path.
 */
const methodTable = (app: FastifyInstance, options: RouterOptions) => {
  const router = FindMyWay(options)
  app.addHook('onRoute', ({ method, url }) => {
    for (const verb of [method].flat()) {
      if (verb !== 'OPTIONS' && !router.hasRoute(verb as never, url)) router.on(verb as never, url, () => undefined)
    }
  })
  return (path: string) => METHODS.filter((verb) => router.find(verb, path) !== null)
}

/** A request's path, without its query. */
const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? '/'

const noRoute = (request: FastifyRequest, reply: FastifyReply) => {
  const path = pathOf(request)
  const allowed = request.server.allowedMethods(path)
  // A route that takes this method and found nothing (a static file) is a 404 like any other.
  if (allowed.length === 0 || allowed.includes(request.method))
    return sendProblem(request, reply, 'not-found', `No route answers ${request.method} ${path}`)
  reply.header('allow', allowed.join(', '))
  return sendProblem(
    request,
    reply,
    'method-not-allowed',
    `${path} takes ${allowed.join(', ')}, not ${request.method}.`,
  )
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The methods the routes take at a concrete path (HEAD with GET), OPTIONS aside. */
    allowedMethods(path: string): string[]
  }
}

/**
 * An OPTIONS request without a preflight's two headers asks what a path takes: a 204 whose `Allow`
 * names it, or a 404 problem (@fastify/cors answered "Invalid Preflight Request" as text/plain).
 * Added just before CORS (app.ts), which still answers preflights.
 */
export const answerOptions = (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
  if (request.method !== 'OPTIONS') return done()
  if (request.headers.origin && request.headers['access-control-request-method']) return done() // a preflight
  const path = pathOf(request)
  const allowed = request.server.allowedMethods(path)
  if (!allowed.length) return void sendProblem(request, reply, 'not-found', `No route answers OPTIONS ${path}`)
  reply
    .code(204)
    .header('allow', [...allowed, 'OPTIONS'].join(', '))
    .send()
}

/**
 * True when the client went away before its body was all received. Node destroys a request once
 * its body is read, so `destroyed` alone also held for every error after a complete body.
 */
const leftMidBody = (request: FastifyRequest) =>
  request.raw.complete === false && (request.raw.destroyed || request.raw.socket?.destroyed === true)

/** One error handler: every error leaves as RFC 9457 problem+json; 5xx details are logged, never sent. */
const problems = async (app: FastifyInstance, { routerOptions }: { routerOptions: RouterOptions }) => {
  app.decorate('allowedMethods', methodTable(app, routerOptions))
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError)
      return sendProblem(request, reply, error.code, error.detail, error.errors, error.references)
    if (error.validation) {
      const errors = fieldErrors(error.validation as ValidationIssue[], error.validationContext ?? 'request')
      const detail = errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')
      return sendProblem(request, reply, 'invalid-request', detail, errors)
    }
    // A client that hung up or timed out mid-body fails its body stream with ECONNRESET: that is no
    // database outage, and must not trip the breaker (a slow client would take the API down for all).
    if (leftMidBody(request)) {
      request.log.info(
        { err: { message: error.message, code: (error as { code?: string }).code } },
        'the client left mid-request',
      )
      return sendProblem(request, reply, 'invalid-request', 'The request was not received completely.')
    }
    // A replica gone (a read is retried on the primary, so mid-stream, say) is no outage of the primary.
    if (request.server.replicas?.blame(request, error)) {
      request.log.warn(
        { err: { message: error.message, code: (error as { code?: string }).code } },
        'replica unavailable',
      )
      return sendProblem(request, reply, 'service-unavailable', 'A database replica is unavailable; retry shortly.')
    }
    if (request.server.database?.isUnavailable(error)) {
      request.server.databaseBreaker?.trip()
      request.log.warn(
        { err: { message: error.message, code: (error as { code?: string }).code } },
        'database unavailable',
      )
      // Read-only (replicas answer public reads): what needed the primary says so.
      if (request.server.replicas?.readOnly()) {
        const { code, detail } = readOnlyProblem()
        return sendProblem(request, reply, code, detail)
      }
      return sendProblem(request, reply, 'service-unavailable', 'The database is unavailable; retry shortly.')
    }
    // @fastify/static refuses a path that leaves its root (`/admin/../package.json`) with a 403:
    // answered as any unknown path, so that it does not tell which files exist.
    if (error.code === 'FST_STATIC_FORBIDDEN_PATH') return noRoute(request, reply)
    const code = frameworkProblem(error)
    if (code === 'unsupported-media-type') return sendProblem(request, reply, code, UNSUPPORTED_MEDIA_TYPE)
    if (code) return sendProblem(request, reply, code, error.message)
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(request, reply, 'internal', 'An unexpected error occurred; it has been logged.')
  })

  app.setNotFoundHandler(noRoute)
}

export default fp(problems, { name: 'problems' })
