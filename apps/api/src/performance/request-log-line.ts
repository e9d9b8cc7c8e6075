import type { FastifyBaseLogger } from 'fastify'
import pino from 'pino'

type PinoInternals = { [key: symbol]: unknown }

/** What JSON must escape in a string (a lone surrogate included: JSON.stringify writes it well-formed). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes control characters, so must this
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/** A text as a JSON string: quoted as it is when nothing in it needs escaping (JSON.stringify took 0.2 µs a line). */
const jsonString = (text: string) => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`)

/** A URL as logged: secrets in its query string replaced (only a query string can hold them). */
const loggedUrl = (url: string, redact: (text: string) => string) => jsonString(url.includes('=') ? redact(url) : url)

/**
 * A request's line from `"req"` to its end, as pino would write it (its keys, in its order). Every
 * answer from memory of one stored answer with one status has the same: read-cache.ts keeps it.
 * Nothing secret can reach this line but the URL, which is redacted as pino's serializer does.
 */
export const requestLineTail = (
  line: { method: string; url: string; statusCode: number; responseTime?: number; msg: string },
  redact: (text: string) => string,
) => {
  const time = line.responseTime === undefined ? '' : `,"responseTime":${line.responseTime}`
  return `,"req":{"method":"${line.method}","url":${loggedUrl(line.url, redact)}},"res":{"statusCode":${line.statusCode}}${time},"msg":"${line.msg}"}\n`
}

/**
 * Writes a request's line at `info` as pino would, built as one string: its level and time, the
 * logger's bindings (pid, hostname and, for a request's logger, `reqId`), `reqId` when the logger
 * does not bind it, then `tail` (`requestLineTail`). pino's general path (serializers, the
 * redaction paths, an object per line) cost a cached read about half its CPU at 40,000
 * requests/s: request logs at `info` ran at 0.6 of the limit (see tests/perf/RESULTS.md, the
 * `LOG_LEVEL=info` rows, for what this does).
 */
export const writeRequestLine = (log: FastifyBaseLogger, reqId: string | undefined, tail: string) => {
  const internals = log as unknown as PinoInternals
  const stream = internals[pino.symbols.streamSym] as { write(text: string): unknown }
  const bindings = internals[pino.symbols.chindingsSym] as string
  const id = reqId === undefined ? '' : `,"reqId":${jsonString(reqId)}`
  stream.write(`{"level":30,"time":${Date.now()}${bindings}${id}${tail}`)
}
