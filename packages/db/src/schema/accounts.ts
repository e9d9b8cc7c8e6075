import { sql } from 'drizzle-orm'
import { bigserial, boolean, index, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { ROLE_NAMES } from '@chain-atlas/types'

export const roleEnum = pgEnum('role', ROLE_NAMES)

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

/** People who sign in: curators, editors, admins. Passwords are argon2id hashes. */
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  display_name: text('display_name').notNull(),
  role: roleEnum('role').notNull(),
  password_hash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  created_at: createdAt(),
  updated_at: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Signed-in browser sessions; the cookie holds a random token, the table only its hash. */
export const sessions = pgTable(
  'sessions',
  {
    token_hash: text('token_hash').primaryKey(),
    user_id: text('user_id')
      .notNull()
      .references(() => users.id),
    csrf_token: text('csrf_token').notNull(),
    created_at: createdAt(),
    expires_at: timestamp('expires_at', { withTimezone: true }).notNull(),
    revoked_at: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.user_id)],
)

/** Keys for programs: shown once, stored hashed, scoped to a role, revocable. */
export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  key_hash: text('key_hash').notNull().unique(),
  role: roleEnum('role').notNull(),
  created_by: text('created_by').references(() => users.id),
  created_at: createdAt(),
  last_used_at: timestamp('last_used_at', { withTimezone: true }),
  revoked_at: timestamp('revoked_at', { withTimezone: true }),
})

/** Failed sign-ins, per account and per address, to slow down guessing. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subject: text('subject').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_subject_at_idx').on(t.subject, t.at)],
)

/** Security events: sign-ins, failures, keys created and revoked, role changes. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    event: text('event').notNull(),
    actor: text('actor'),
    subject: text('subject'),
    address: text('address'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
)
