import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import type { ReadCache } from '../plugins/application/read-cache.ts'
import { LOGS_REQUESTS, redactText } from '../logging.ts'
import { requestLineTail, writeRequestLine } from './request-log-line.ts'

type RequestListener = (raw: IncomingMessage, res: ServerResponse) => void
type RequestId = (raw: IncomingMessage) => string

/**
 * Answers from memory before Fastify sees the request, when nothing else has to run first (no
 * rate limit to count): the HTTP server's request listener, Fastify's, is replaced by one that
 * answers a stored answer itself and hands every other request to Fastify's.
 * A hit then costs no routing, request objects, logger or hooks (filtered list: ~18,000 → ~24,000
 * req/s, 0.55 → 0.73–0.79 of the limit; see README.md here).
 */
export const answerBeforeRouting = (app: FastifyInstance, cache: ReadCache, requestId: RequestId) => {
  const [fastify, ...others] = app.server.listeners('request') as RequestListener[]
  if (!fastify || others.length || cache.rateLimited || cache.maxBytes <= 0) return
  let closing = false // then Fastify answers, closing the connection as it does
  app.addHook('preClose', async () => {
    closing = true
  })
  app.server.removeListener('request', fastify)
  app.server.on('request', (raw: IncomingMessage, res: ServerResponse) => {
    const entry = closing ? undefined : cache.storedForRaw(raw)
    if (!entry) return fastify(raw, res)
    const id = requestId(raw)
    cache.write(raw, res, entry, id)
    if (LOGS_REQUESTS.has(app.log.level)) {
      const status = res.statusCode
      entry.logTails[status] ??= requestLineTail(
        { method: raw.method!, url: raw.url!, statusCode: status, msg: 'answered from memory' },
        redactText,
      )
      writeRequestLine(app.log, id, entry.logTails[status])
    }
  })
}
