import {
  WEBHOOK_DUE_CHANNEL,
  claimDueDeliveries,
  nextDeliveryDueIn,
  recordAttempt,
  type ClaimedDelivery,
  type DatabaseHandle,
} from '@chain-atlas/db'
import type { FastifyBaseLogger } from 'fastify'
import type { WebhookSettings } from '../config.ts'
import { retryDelay } from './backoff.ts'
import { postDelivery } from './send.ts'
import { signDelivery } from './signing.ts'

/** Deliveries claimed and sent at once by one process. */
const BATCH = 10
/** How long past its request's timeout a claim holds its delivery: time to record the outcome. */
const LEASE_MARGIN_MS = 30_000

/** The JSON a receiver gets: the event, and where to read the entry as it is now. */
export const deliveryBody = (event: ClaimedDelivery['event']) =>
  JSON.stringify({
    id: event.id,
    type: event.type,
    collection: event.collection,
    entry_id: event.entry_id,
    version: event.version,
    occurred_at: event.occurred_at,
    url: `/v1/${event.collection}/${event.entry_id}`,
  })

const isSuccess = (status: number | null) => status !== null && status >= 200 && status < 300

export type Dispatcher = { wake(): void; stop(): Promise<void> }

/**
 * Sends due deliveries from the outbox. It runs a cycle when a NOTIFY says events were committed,
 * when the earliest retry comes due, and at least every `pollMs` (a missed NOTIFY, another process's
 * expired lease). All its state is in PostgreSQL: a restart, or another process, takes up where it stopped.
 */
export const startDispatcher = async (
  database: DatabaseHandle,
  settings: WebhookSettings,
  log: FastifyBaseLogger,
): Promise<Dispatcher> => {
  let stopped = false
  let running: Promise<void> | null = null
  let again = false
  let timer: NodeJS.Timeout | undefined

  const deliver = async (claim: ClaimedDelivery) => {
    const body = deliveryBody(claim.event)
    const timestamp = Math.floor(Date.now() / 1000)
    const at = new Date()
    const started = performance.now()
    const result = await postDelivery(
      claim.url,
      body,
      {
        'user-agent': 'ChainAtlas-Webhooks/1',
        'webhook-id': claim.event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-attempt': String(claim.attempt),
        'webhook-signature': signDelivery(claim.secret, timestamp, body),
      },
      settings,
    )
    const delivered = isSuccess(result.statusCode)
    const recorded = await recordAttempt(database.db, claim, {
      at,
      durationMs: performance.now() - started,
      statusCode: result.statusCode,
      error: result.error,
      delivered,
      retryInMs: delivered ? null : retryDelay(claim.attempt, settings),
    })
    if (!recorded) log.warn({ delivery: claim.id }, 'webhook attempt outlived its claim; another took it over')
  }

  const cycle = async () => {
    for (;;) {
      const claims = await claimDueDeliveries(database.db, BATCH, settings.timeoutMs + LEASE_MARGIN_MS)
      if (!claims.length) return
      await Promise.all(claims.map(deliver))
    }
  }

  const schedule = async () => {
    const dueIn = await nextDeliveryDueIn(database.db).catch(() => null)
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(wake, Math.min(settings.pollMs, dueIn ?? settings.pollMs))
  }

  function wake() {
    if (stopped) return
    if (running) {
      again = true // a cycle is on: run another when it ends, for what was committed meanwhile
      return
    }
    clearTimeout(timer)
    running = cycle()
      .catch((error) => {
        if (!stopped) log.warn({ err: error }, 'webhook dispatch failed; retrying at the next poll')
      })
      .then(() => (again && !stopped ? undefined : schedule()))
      .finally(() => {
        running = null
        if (again) {
          again = false
          wake()
        }
      })
  }

  const unlisten = await database.listen(WEBHOOK_DUE_CHANNEL, wake, wake)
  wake()
  return {
    wake,
    /** Stops claiming, and waits for the deliveries under way to be sent and recorded. */
    async stop() {
      stopped = true
      clearTimeout(timer)
      await unlisten()
      await running
    },
  }
}
