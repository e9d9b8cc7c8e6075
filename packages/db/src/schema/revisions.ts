import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { statusEnum } from './columns.ts'

/**
 * Every change to a curated entity: who, when, what, and the entity before and after. Its `seq`
 * is also the change feed's order; writes take a lock so that seq order is commit order.
 */
export const revisions = pgTable(
  'revisions',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    collection: text('collection').notNull(),
    entity_id: text('entity_id').notNull(),
    version: integer('version').notNull(),
    action: text('action').notNull(),
    status: statusEnum('status').notNull(),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    changed_fields: text('changed_fields').array().notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown>>().notNull(),
    /** A change to a working copy: not public, so the change feed and `as_of` pass over it. */
    working: boolean('working').notNull().default(false),
    /** What the curator or editor said with it (submit, publish, request-changes). */
    comment: text('comment'),
  },
  (t) => [
    uniqueIndex('revisions_entity_version_idx').on(t.collection, t.entity_id, t.version),
    index('revisions_collection_at_idx').on(t.collection, t.at),
    // The change feed from a moment (`/v1/changes?since=`): where it starts.
    index('revisions_at_idx').on(t.at),
  ],
)

/** Responses to POSTs sent with an Idempotency-Key, so that a retry returns the first answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actor: text('actor').notNull(),
    key: text('key').notNull(),
    request_hash: text('request_hash').notNull(),
    status_code: integer('status_code').notNull(),
    body: jsonb('body').notNull(),
    created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('idempotency_keys_actor_key_idx').on(t.actor, t.key)],
)
