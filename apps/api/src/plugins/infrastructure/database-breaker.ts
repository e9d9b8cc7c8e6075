import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { ApiError } from '@chain-atlas/types'
import { readOnlyProblem } from './replicas.ts'

declare module 'fastify' {
  interface FastifyInstance {
    databaseBreaker: { trip(): void; isOpen(): boolean }
  }
}

const PROBE_EVERY_MS = 500
/** What goes on in read-only mode (OPTIONS: a browser's CORS preflight of a read). */
const READS = new Set(['GET', 'HEAD', 'OPTIONS'])
const PROBE_TIMEOUT_MS = 1000

/**
 * Once a request finds the database unreachable, the API stops sending it work: API requests
 * answer 503 at once (instead of each waiting for its own connection attempt) while a probe pings
 * the database twice a second; the first answer closes the breaker. No restart is ever needed.
 * With read replicas in rotation the API is read-only meanwhile: GETs go on (on the replicas),
 * anything else answers 503 `read-only`.
 */
const databaseBreaker = async (app: FastifyInstance) => {
  let open = false
  let probe: NodeJS.Timeout | undefined

  const ping = () =>
    Promise.race([
      app.database.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timed out')), PROBE_TIMEOUT_MS).unref()),
    ])

  const trip = () => {
    if (open) return
    open = true
    app.log.warn('database unreachable: answering 503 until it is back')
    let probing = false
    probe = setInterval(async () => {
      if (probing) return
      probing = true
      try {
        await ping()
        open = false
        clearInterval(probe)
        app.log.info('database reachable again')
      } catch {
        // still down: keep probing
      } finally {
        probing = false
      }
    }, PROBE_EVERY_MS)
    probe.unref()
  }

  app.decorate('databaseBreaker', { trip, isOpen: () => open })
  app.addHook('onRequest', async (request) => {
    if (!open || !request.url.startsWith('/v1/')) return
    // Read-only while replicas answer: reads go on, the rest waits for the primary.
    if (app.replicas.readOnly()) {
      if (READS.has(request.method)) return
      throw readOnlyProblem()
    }
    throw new ApiError('service-unavailable', 'The database is unavailable; retry shortly.')
  })
  app.addHook('onClose', async () => clearInterval(probe))
}

export default fp(databaseBreaker, { name: 'database-breaker', dependencies: ['database'] })
