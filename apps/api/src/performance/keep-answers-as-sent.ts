import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ReadCache } from '../plugins/application/read-cache.ts'

/**
 * Adds the read cache's store to the end of every route's onSend hooks, after the one compress
 * adds to each route (so it must be called after compress is registered): an answer is kept as
 * sent, in the encoding the client asked for, and not compressed anew for every read. With a
 * browser's Accept-Encoding, filtered list: 1,800–2,100 → 19,300–21,400 req/s (see README.md here).
 */
export const keepAnswersAsSent = (app: FastifyInstance, cache: ReadCache) => {
  const storeEncoded = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    cache.store(request, reply, payload, true)
    return payload
  }
  app.addHook('onRoute', (route) => {
    route.onSend = [route.onSend ?? []].flat().concat(storeEncoded)
  })
}
