import type { FastifyError, FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify'
import pino from 'pino'
import type { LogLevel } from './config.ts'
import { batchedLogStream, type Destination } from './performance/batched-log-stream.ts'
import { requestLineTail, writeRequestLine } from './performance/request-log-line.ts'

/** Where log lines go instead of stdout (tests read them). */
export type LogStream = { write(line: string): void }

/**
 * Properties of database errors holding a statement's parameters (Drizzle's `params`, PGlite's `params`,
 * postgres.js' `parameters` and `args`): password hashes and token hashes among them. Never logged.
 */
const PARAMETER_KEYS = new Set(['params', 'parameters', 'args', 'queryOptions'])

/** An argon2 hash (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) wherever it turns up: an error's message, or its detail quoting a failing row. */
const PASSWORD_HASH = /\$argon2[a-z]*(\$v=\d+)?\$[a-z]=\d+(,[a-z]=\d+)*(\$[A-Za-z0-9+/]+){0,2}/g
/**
 * The words naming a secret's query-string parameter: `api_key`, `access_token`, `password`,
 * `passwd`, `client_secret`, `session`, `auth`, `credentials`, `signature`, `jwt` (not `author`).
 */
const SECRET_NAME = /key|token|pass|secret|session|auth(?!or)|credential|signature|jwt/i
/** A parameter of a query string, its name and its value. */
const PARAMETER = /([?&])([^=&#\s]*)=([^&#\s"']*)/g
/** What a text must contain to hold a secret: a secret's name, a hash, or an encoded name (`pa%73s=`). */
const MAY_HOLD_SECRET = new RegExp(`${SECRET_NAME.source}|argon2|%`, 'i')

/** A parameter's name as the server reads it (`pa%73sword` is `password`), or as written when it is no valid encoding. */
const decodedName = (name: string) => {
  try {
    return decodeURIComponent(name.replaceAll('+', ' '))
  } catch {
    return name
  }
}

/** A text with password hashes and the values of secret query-string parameters replaced by `[redacted]`. */
export const redactText = (text: string) =>
  MAY_HOLD_SECRET.test(text)
    ? text
        .replace(PASSWORD_HASH, '[redacted]')
        .replace(PARAMETER, (whole, start: string, name: string) =>
          SECRET_NAME.test(decodedName(name)) ? `${start}${name}=[redacted]` : whole,
        )
    : text

/** Drizzle writes a failed statement's parameters into its message (`Failed query: …\nparams: …`). */
const withoutParameters = (message: string) => redactText(message.replace(/\nparams: [\s\S]*$/, ''))

const scrub = (value: unknown, depth: number): unknown => {
  if (typeof value === 'string') return redactText(value)
  if (value instanceof Error) return serializeError(value, depth + 1)
  if (Array.isArray(value)) return depth > 5 ? '[…]' : value.map((v) => scrub(v, depth + 1))
  if (value && typeof value === 'object') {
    if (depth > 5) return '[…]'
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !PARAMETER_KEYS.has(k))
        .map(([k, v]) => [k, scrub(v, depth + 1)]),
    )
  }
  return value
}

/** An error as logged: type, message, stack, its own fields and its cause, without parameters or secrets. */
const serializeError = (error: Error, depth = 0) => {
  const message = withoutParameters(error.message)
  const fields = scrub(Object.fromEntries(Object.entries(error).filter(([k]) => k !== 'cause')), depth) as Record<
    string,
    unknown
  >
  return {
    type: error.constructor?.name ?? 'Error',
    message,
    stack: redactText(error.message ? (error.stack ?? '').replace(error.message, message) : (error.stack ?? '')),
    ...fields,
    ...(error.cause !== undefined && depth < 5 ? { cause: scrub(error.cause, depth) } : {}),
  }
}

export const logSerializers = {
  err: (error: FastifyError) =>
    error instanceof Error ? serializeError(error) : (scrub(error, 0) as ReturnType<typeof serializeError>),
  /** Fastify's own fields (also of the plain `{ method, url }` the read cache logs), with secrets in the query string replaced. */
  req: (req: FastifyRequest) => ({
    method: req.method,
    url: redactText(String(req.url)),
    version: req.headers?.['accept-version'] as string | undefined,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
}

const SECRET_HEADERS = ['authorization', 'cookie', 'x-csrf-token', 'set-cookie']

/** Credentials in headers, should a log line ever carry them. */
export const logRedact = {
  paths: ['headers', 'req.headers', 'res.headers'].flatMap((at) => SECRET_HEADERS.map((name) => `${at}["${name}"]`)),
  censor: '[redacted]',
}

/**
 * Standard output written asynchronously, the lines of a tenth of a second at a time: a log line
 * costs an array push, not a write(2) call on the request's path (see batched-log-stream.ts).
 * What is left is written when the process exits, a crash included; `logRequests` flushes it
 * when the app closes.
 */
export const logDestination = (dest: number | string = 1, everyMs?: number) =>
  // In `buffer` mode sonic-boom takes bytes, which its types do not say.
  batchedLogStream(pino.destination({ dest, sync: false, contentMode: 'buffer' }) as unknown as Destination, everyMs)

/** The logger options of the API: the level, what a line may show, and where it goes. */
export const loggerOptions = (level: LogLevel, stream?: LogStream): FastifyServerOptions['logger'] => ({
  level,
  serializers: logSerializers,
  redact: logRedact,
  stream: stream ?? logDestination(),
})

/** The log levels at which every request is logged (a line at `info`). */
export const LOGS_REQUESTS = new Set(['info', 'debug', 'trace'])

/**
 * One line per request, as it ends, with its status and time (Fastify's own logging writes two,
 * one as it arrives, which cost the filtered list a third of its throughput at `info`).
 */
export const logRequests = (app: FastifyInstance) => {
  app.addHook('onResponse', (request, reply, done) => {
    // The request's logger already binds its reqId.
    if (LOGS_REQUESTS.has(request.log.level))
      writeRequestLine(
        request.log,
        undefined,
        requestLineTail(
          {
            method: request.method,
            url: request.url,
            statusCode: reply.statusCode,
            responseTime: reply.elapsedTime,
            msg: 'request completed',
          },
          redactText,
        ),
      )
    done()
  })
  app.addHook('onClose', (instance, done) => {
    const stream = (instance.log as unknown as { [pino.symbols.streamSym]?: { flushSync?: () => void } })[
      pino.symbols.streamSym
    ]
    try {
      stream?.flushSync?.()
    } catch {} // a stream not yet open (nothing written) has nothing to flush
    done()
  })
}
