import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'

const at = (name: string) => timestamp(name, { withTimezone: true })

/**
 * Endpoints admins register for change events. The secret is kept as it is: signing (HMAC) needs
 * it in plain form, so a hash would be useless, and encrypting it with a key the same API processes
 * hold would only move the secret next door (docs/webhooks.md says more).
 */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  events: text('events').array().notNull(),
  /** Null: every collection. */
  collections: text('collections').array(),
  active: boolean('active').notNull().default(true),
  description: text('description').notNull().default(''),
  created_by: text('created_by').references(() => users.id),
  created_at: at('created_at').notNull().defaultNow(),
  updated_at: at('updated_at').notNull().defaultNow(),
})

/** The outbox: one row per public change, written in the transaction that makes the change. */
export const webhookEvents = pgTable('webhook_events', {
  id: uuid('id').primaryKey(),
  type: text('type').notNull(),
  collection: text('collection').notNull(),
  entry_id: text('entry_id').notNull(),
  version: integer('version').notNull(),
  occurred_at: at('occurred_at').notNull().defaultNow(),
})

/**
 * One event to one endpoint, fanned out with the event. `attempts` counts claims: a dispatcher
 * claims a due row (FOR UPDATE SKIP LOCKED), moves `next_attempt_at` past its request's timeout
 * (a lease: should it die mid-request, the row comes due again), and records the outcome only if
 * the row still carries its claim's attempt number.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    event_id: uuid('event_id')
      .notNull()
      .references(() => webhookEvents.id),
    endpoint_id: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    next_attempt_at: at('next_attempt_at').defaultNow(),
    delivered_at: at('delivered_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_endpoint_idx').on(t.event_id, t.endpoint_id),
    index('webhook_deliveries_due_idx').on(t.next_attempt_at).where(sql`${t.state} = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpoint_id, t.id),
  ],
)

/** Every attempt of a delivery, with its answer or error: the delivery log. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    delivery_id: bigint('delivery_id', { mode: 'number' })
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    at: at('at').notNull(),
    duration_ms: integer('duration_ms').notNull(),
    status_code: integer('status_code'),
    error: text('error'),
    next_attempt_at: at('next_attempt_at'),
  },
  (t) => [uniqueIndex('webhook_attempts_delivery_attempt_idx').on(t.delivery_id, t.attempt)],
)
