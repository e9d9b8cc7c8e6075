import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Every entry somebody is working on: a new entry not yet published, or the next version of a
 * published one. The published version stays in its collection's table (what the public reads);
 * its next version waits here as `content` until it is published or discarded. A new entry is its
 * own working copy: `content` is null and its row in the collection's table is the draft.
 * `state`: `draft`, `in_review`, or `changes_requested` (a draft an editor sent back with `comment`).
 */
export const workingCopies = pgTable(
  'working_copies',
  {
    collection: text('collection').notNull(),
    entity_id: text('entity_id').notNull(),
    content: jsonb('content').$type<Record<string, unknown> | null>(),
    /** The published version this copy started from (null for a new entry). */
    base_version: integer('base_version'),
    state: text('state').notNull(),
    author: text('author').notNull(),
    comment: text('comment'),
    created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updated_at: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.collection, t.entity_id] }),
    // The review queue: by state, oldest first; "mine": by author.
    index('working_copies_state_updated_idx').on(t.state, t.updated_at),
    index('working_copies_author_idx').on(t.author, t.updated_at),
  ],
)
