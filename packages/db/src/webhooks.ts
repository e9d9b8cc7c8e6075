import { randomUUID } from 'node:crypto'
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm'
import type { CollectionName, WebhookEventType } from '@chain-atlas/types'
import { rowsOf, type Executor } from './client.ts'
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from './schema/webhooks.ts'

/** The channel a committed change event is announced on: dispatchers wake up instead of waiting for their next poll. */
export const WEBHOOK_DUE_CHANNEL = 'atlas_webhook_due'

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect
export type PublicWebhook = Omit<WebhookEndpoint, 'secret'>
const publicWebhook = ({ secret: _secret, ...endpoint }: WebhookEndpoint): PublicWebhook => endpoint

export const insertWebhook = async (db: Executor, endpoint: typeof webhookEndpoints.$inferInsert) =>
  publicWebhook((await db.insert(webhookEndpoints).values(endpoint).returning())[0]!)

export const listWebhooks = async (db: Executor) =>
  (await db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.created_at))).map(publicWebhook)

export const findWebhook = async (db: Executor, id: string) => {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1)
  return row ? publicWebhook(row) : undefined
}

export type WebhookChange = Partial<Pick<WebhookEndpoint, 'url' | 'events' | 'collections' | 'active' | 'description'>>

export const updateWebhook = async (db: Executor, id: string, change: WebhookChange) => {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ ...change, updated_at: sql`now()` })
    .where(eq(webhookEndpoints.id, id))
    .returning()
  return row ? publicWebhook(row) : undefined
}

/** Deletes an endpoint with its deliveries and their log; the events stay (other endpoints may have them). */
export const deleteWebhook = async (db: Executor, id: string) => {
  const [row] = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning()
  return row ? publicWebhook(row) : undefined
}

export type ChangeEvent = { type: WebhookEventType; collection: CollectionName; entry_id: string; version: number }

/**
 * Writes a change event to the outbox and one delivery for each active endpoint that asked for it.
 * Called inside the transaction that makes the change: the event commits with it or not at all.
 * The NOTIFY is sent on commit (PostgreSQL holds it until then).
 */
export const recordChangeEvent = async (tx: Executor, event: ChangeEvent) => {
  const id = randomUUID()
  await tx.insert(webhookEvents).values({ id, ...event })
  const fannedOut = await tx.execute(sql`
    insert into webhook_deliveries (event_id, endpoint_id)
    select ${id}::uuid, w.id from webhook_endpoints w
    where w.active and ${event.type} = any(w.events) and (w.collections is null or ${event.collection} = any(w.collections))
    returning id`)
  if (rowsOf(fannedOut).length) await tx.execute(sql`select pg_notify(${WEBHOOK_DUE_CHANNEL}, '')`)
  return id
}

/** A delivery a dispatcher has claimed for one attempt: where to send it, how to sign it, what to say. */
export type ClaimedDelivery = {
  id: number
  attempt: number
  url: string
  secret: string
  event: ChangeEvent & { id: string; occurred_at: string }
}

type ClaimRow = {
  id: number | string
  attempt: number
  url: string
  secret: string
  event_id: string
  type: WebhookEventType
  collection: CollectionName
  entry_id: string
  version: number
  occurred_at: Date | string
}

/**
 * Claims up to `limit` due deliveries of active endpoints. `FOR UPDATE SKIP LOCKED` lets several
 * processes claim at once without waiting for or taking each other's rows; each claimed row's next
 * attempt moves `leaseMs` ahead, so it is not due again while this attempt runs (and is, should this
 * process die before recording it).
 */
export const claimDueDeliveries = async (db: Executor, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> => {
  const result = await db.execute(sql`
    with due as (
      select d.id from webhook_deliveries d
      join webhook_endpoints w on w.id = d.endpoint_id and w.active
      where d.state = 'pending' and d.next_attempt_at <= now()
      order by d.next_attempt_at, d.id
      limit ${limit}
      for update of d skip locked
    )
    update webhook_deliveries d
    set attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
    from due, webhook_events e, webhook_endpoints w
    where d.id = due.id and e.id = d.event_id and w.id = d.endpoint_id
    returning d.id, d.attempts as attempt, w.url, w.secret, e.id as event_id, e.type, e.collection, e.entry_id,
      e.version, e.occurred_at`)
  return rowsOf<ClaimRow>(result).map((r) => ({
    id: Number(r.id),
    attempt: r.attempt,
    url: r.url,
    secret: r.secret,
    event: {
      id: r.event_id,
      type: r.type,
      collection: r.collection,
      entry_id: r.entry_id,
      version: r.version,
      occurred_at: new Date(r.occurred_at).toISOString(),
    },
  }))
}

/** How an attempt went, and what follows: `retryInMs` null means no retry (delivered, or given up). */
export type AttemptOutcome = {
  at: Date
  durationMs: number
  statusCode: number | null
  error: string | null
  delivered: boolean
  retryInMs: number | null
}

const interval = (ms: number) => sql`now() + make_interval(secs => ${ms / 1000})`

/**
 * Records an attempt and moves its delivery on, only if the delivery still carries this claim's
 * attempt number: a claim whose lease ran out (and was claimed again) records nothing over the newer one.
 */
export const recordAttempt = (db: Executor, claim: Pick<ClaimedDelivery, 'id' | 'attempt'>, outcome: AttemptOutcome) =>
  db.transaction(async (tx) => {
    const state = outcome.delivered ? 'delivered' : outcome.retryInMs === null ? 'failed' : 'pending'
    const next = outcome.retryInMs === null ? null : interval(outcome.retryInMs)
    const [moved] = await tx
      .update(webhookDeliveries)
      .set({
        state,
        next_attempt_at: next,
        delivered_at: outcome.delivered ? sql`now()` : null,
      })
      .where(
        and(
          eq(webhookDeliveries.id, claim.id),
          eq(webhookDeliveries.attempts, claim.attempt),
          eq(webhookDeliveries.state, 'pending'),
        ),
      )
      .returning({ next: webhookDeliveries.next_attempt_at })
    if (!moved) return false
    await tx.insert(webhookAttempts).values({
      delivery_id: claim.id,
      attempt: claim.attempt,
      at: outcome.at,
      duration_ms: Math.round(outcome.durationMs),
      status_code: outcome.statusCode,
      error: outcome.error,
      next_attempt_at: moved.next,
    })
    return true
  })

/** Milliseconds until the next pending delivery of an active endpoint is due (0 if one is), or null when none waits. */
export const nextDeliveryDueIn = async (db: Executor): Promise<number | null> => {
  const result = await db.execute(sql`
    select (extract(epoch from min(d.next_attempt_at) - now()) * 1000)::float8 as ms
    from webhook_deliveries d join webhook_endpoints w on w.id = d.endpoint_id and w.active
    where d.state = 'pending'`)
  // Clamped here, not with SQL's greatest(): that skips a NULL, and made "none waits" read as "due now".
  const ms = rowsOf<{ ms: number | null }>(result)[0]?.ms
  return ms === null || ms === undefined ? null : Math.max(0, Number(ms))
}

const iso = (value: Date | null) => (value ? value.toISOString() : null)

/** An endpoint's deliveries, newest first, each with its event and every attempt. */
export const listDeliveries = async (db: Executor, endpointId: string, limit: number, beforeId?: number) => {
  const rows = await db
    .select({ delivery: webhookDeliveries, event: webhookEvents })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.event_id))
    .where(
      and(
        eq(webhookDeliveries.endpoint_id, endpointId),
        beforeId === undefined ? undefined : lt(webhookDeliveries.id, beforeId),
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit)
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.delivery_id,
            rows.map((r) => r.delivery.id),
          ),
        )
        .orderBy(webhookAttempts.delivery_id, webhookAttempts.attempt)
    : []
  return rows.map(({ delivery, event }) => ({
    id: delivery.id,
    event: {
      id: event.id,
      type: event.type as WebhookEventType,
      collection: event.collection as CollectionName,
      entry_id: event.entry_id,
      version: event.version,
      occurred_at: event.occurred_at.toISOString(),
    },
    state: delivery.state as 'pending' | 'delivered' | 'failed',
    attempts: delivery.attempts,
    next_attempt_at: delivery.state === 'pending' ? iso(delivery.next_attempt_at) : null,
    delivered_at: iso(delivery.delivered_at),
    log: attempts
      .filter((a) => a.delivery_id === delivery.id)
      .map((a) => ({
        attempt: a.attempt,
        at: a.at.toISOString(),
        duration_ms: a.duration_ms,
        status_code: a.status_code,
        error: a.error,
        next_attempt_at: iso(a.next_attempt_at),
      })),
  }))
}
