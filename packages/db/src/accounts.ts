import { and, count, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Executor } from './client.ts'
import { roleAtLeast, type Role } from '@chain-atlas/types'
import { apiKeys, auditLog, loginFailures, sessions, users } from './schema/accounts.ts'

// Defined with the other shared shapes; still exported here, where the API has imported them from.
export { roleAtLeast, type Role }

export type User = typeof users.$inferSelect
export type PublicUser = Omit<User, 'password_hash'>

export const publicUser = ({ password_hash: _hash, ...user }: User): PublicUser => user

export const findUserByEmail = async (db: Executor, email: string) =>
  (await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1))[0]

export const findUser = async (db: Executor, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)).limit(1))[0]

export const listUsers = async (db: Executor) => (await db.select().from(users).orderBy(users.email)).map(publicUser)

export const countUsers = async (db: Executor) => (await db.select({ n: count() }).from(users))[0]?.n ?? 0

export const insertUser = async (db: Executor, user: typeof users.$inferInsert) =>
  publicUser(
    (
      await db
        .insert(users)
        .values({ ...user, email: user.email.trim().toLowerCase() })
        .returning()
    )[0]!,
  )

export const updateUser = async (
  db: Executor,
  id: string,
  patch: Partial<Pick<User, 'role' | 'display_name' | 'disabled' | 'password_hash'>>,
) => {
  const [row] = await db
    .update(users)
    .set({ ...patch, updated_at: sql`now()` })
    .where(eq(users.id, id))
    .returning()
  return row ? publicUser(row) : undefined
}

export const insertSession = (db: Executor, session: typeof sessions.$inferInsert) =>
  db.insert(sessions).values(session)

/** The live session of a token hash, with its user, or undefined when expired, revoked or disabled. */
export const findSession = async (db: Executor, tokenHash: string) => {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.user_id))
    .where(
      and(
        eq(sessions.token_hash, tokenHash),
        isNull(sessions.revoked_at),
        gt(sessions.expires_at, sql`now()`),
        eq(users.disabled, false),
      ),
    )
    .limit(1)
  return row
}

export const revokeSession = (db: Executor, tokenHash: string) =>
  db.update(sessions).set({ revoked_at: sql`now()` }).where(eq(sessions.token_hash, tokenHash))

export const revokeUserSessions = (db: Executor, userId: string) =>
  db
    .update(sessions)
    .set({ revoked_at: sql`now()` })
    .where(and(eq(sessions.user_id, userId), isNull(sessions.revoked_at)))

export type ApiKey = typeof apiKeys.$inferSelect
export type PublicApiKey = Omit<ApiKey, 'key_hash'>
export const publicKey = ({ key_hash: _hash, ...key }: ApiKey): PublicApiKey => key

export const insertApiKey = async (db: Executor, key: typeof apiKeys.$inferInsert) =>
  publicKey((await db.insert(apiKeys).values(key).returning())[0]!)

export const listApiKeys = async (db: Executor) =>
  (await db.select().from(apiKeys).orderBy(desc(apiKeys.created_at))).map(publicKey)

/** The lesser of two roles. */
const weaker = (a: Role, b: Role): Role => (roleAtLeast(a, b) ? b : a)

/**
 * The live key of a hash, acting with the lesser of its own role and its owner's current one: demoting
 * the owner limits the key at once, and disabling the owner stops it. A key without an owner is refused
 * too: the API records who creates each key, so one without is not the API's and nobody answers for it.
 * Its last use is recorded at most once a minute: written on every request, it made each read and write
 * with a key also a write (and a commit) of its own.
 */
export const useApiKey = async (db: Executor, keyHash: string) => useKey(db, keyHash, true)

/** The same key as `useApiKey` gives, its use not recorded: for a read-only replica while the primary is away. */
export const findApiKey = async (db: Executor, keyHash: string) => useKey(db, keyHash, false)

const useKey = async (db: Executor, keyHash: string, recordUse: boolean) => {
  const [row] = await db
    .select({ key: apiKeys, ownerRole: users.role })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.created_by))
    .where(and(eq(apiKeys.key_hash, keyHash), isNull(apiKeys.revoked_at), eq(users.disabled, false)))
    .limit(1)
  if (!row) return undefined
  const { key, ownerRole } = row
  if (recordUse && (!key.last_used_at || Date.now() - key.last_used_at.getTime() > 60_000)) {
    await db.update(apiKeys).set({ last_used_at: sql`now()` }).where(eq(apiKeys.id, key.id))
  }
  return { ...publicKey(key), role: weaker(key.role, ownerRole) }
}

export const revokeApiKey = async (db: Executor, id: string) => {
  const [row] = await db
    .update(apiKeys)
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where(eq(apiKeys.id, id))
    .returning()
  return row ? publicKey(row) : undefined
}

/** What a sign-in's failures count against: the account from this address, the address, the account from anywhere. */
export type LoginSubjects = { pair: string; address: string; account: string }
export type LoginFailureCounts = Record<keyof LoginSubjects, number>

const countLoginFailures = async (
  db: Executor,
  subjects: LoginSubjects,
  windowSeconds: number,
): Promise<LoginFailureCounts> => {
  const of = (subject: string) =>
    sql<number>`count(*) filter (where ${loginFailures.subject} = ${subject})`.mapWith(Number)
  const [row] = await db
    .select({ pair: of(subjects.pair), address: of(subjects.address), account: of(subjects.account) })
    .from(loginFailures)
    .where(
      and(
        inArray(loginFailures.subject, Object.values(subjects)),
        gt(loginFailures.at, sql`now() - make_interval(secs => ${windowSeconds})`),
      ),
    )
  return row!
}

/**
 * Reserves a sign-in attempt before its password is checked: counts the recent failures of its subjects and, when
 * `admit` allows, records one failure for each in advance (`forgiveLoginFailures` takes them back on success). Counted
 * and recorded under locks on the account and the address, so concurrent guesses cannot all pass the count before any
 * failure is written: at most the limit of them get their password checked. `reserved` is null when refused.
 */
export const reserveLoginAttempt = (
  db: Executor,
  subjects: LoginSubjects,
  windowSeconds: number,
  admit: (failures: LoginFailureCounts) => boolean,
) =>
  db.transaction(async (tx) => {
    // The account's lock before the address's, always: with one order, no two sign-ins can wait for each other.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${subjects.account}, 0))`)
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${subjects.address}, 0))`)
    const failures = await countLoginFailures(tx, subjects, windowSeconds)
    if (!admit(failures)) return { failures, reserved: null }
    const rows = await tx
      .insert(loginFailures)
      .values(Object.values(subjects).map((subject) => ({ subject })))
      .returning({ id: loginFailures.id })
    return { failures, reserved: rows.map((r) => r.id) }
  })

/** After a successful sign-in: its reserved failures were none, and the account's earlier failures from this address are forgiven. */
export const forgiveLoginFailures = (db: Executor, pair: string, reserved: number[]) =>
  db.delete(loginFailures).where(or(eq(loginFailures.subject, pair), inArray(loginFailures.id, reserved)))

export type AuditEvent = {
  event:
    | 'sign_in'
    | 'sign_in_failed'
    | 'sign_out'
    | 'user_created'
    | 'role_changed'
    | 'user_renamed'
    | 'password_changed'
    | 'user_disabled'
    | 'user_enabled'
    | 'key_created'
    | 'key_revoked'
    | 'webhook_created'
    | 'webhook_changed'
    | 'webhook_deleted'
  actor?: string | null
  subject?: string | null
  address?: string | null
  detail?: Record<string, unknown>
}

export const audit = (db: Executor, event: AuditEvent) =>
  db.insert(auditLog).values({ ...event, detail: event.detail ?? {} })

export const listAudit = (db: Executor, limit: number, beforeId?: number) =>
  db
    .select()
    .from(auditLog)
    .where(beforeId ? sql`${auditLog.id} < ${beforeId}` : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit)
