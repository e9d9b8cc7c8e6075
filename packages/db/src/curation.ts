import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import {
  ApiError,
  TRANSITIONS,
  isServerField,
  notFound,
  referencesOf,
  validateInput,
  type CollectionName,
  type FieldError,
  type ProblemCode,
  type ProblemReference,
  type ReferenceUse,
  type Status,
  type Transition,
} from '@chain-atlas/types'
import type { Database, Executor } from './client.ts'
import { toEntity, toRow, type Entity } from './entities.ts'
import { idempotencyKeys, revisions } from './schema/revisions.ts'
import { tableOf as table } from './schema/index.ts'
import { usedBy } from './used-by.ts'

export type Writer = { actor: string; mayPublish: boolean }

/** The writable content of a stored entity, as a curator would send it. */
export const contentFields = (entity: Entity): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entity).filter(([key]) => !isServerField(key)))

/**
 * Runs a write in a transaction that first takes one advisory lock: writes commit one at a time,
 * so revision numbers (the change feed's order) are also commit order and a reader never misses one.
 */
export const inWriteTransaction = <T>(db: Database, fn: (tx: Executor) => Promise<T>): Promise<T> =>
  db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(20241129)`)
    return fn(tx as unknown as Executor)
  })

/** A write refused for these field errors (and the entries in its way); nothing was written. */
const refused = (code: ProblemCode, errors: FieldError[], references?: ProblemReference[]) =>
  new ApiError(code, errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), errors, references)

/** The status of each entry a record refers to; an id absent from the map does not exist. */
const statusesOfReferences = async (
  tx: Executor,
  collection: CollectionName,
  id: string,
  status: Status,
  uses: ReferenceUse[],
) => {
  const statuses = new Map<string, Status>()
  for (const target of new Set(uses.map((u) => u.collection))) {
    const t = table(target)
    const ids = [...new Set(uses.filter((u) => u.collection === target).map((u) => u.id))]
    const rows = (await tx.select({ id: t.id, status: t.status }).from(t).where(inArray(t.id, ids))) as {
      id: string
      status: Status
    }[]
    for (const row of rows) statuses.set(`${target}/${row.id}`, row.status)
  }
  statuses.set(`${collection}/${id}`, status) // an entry may not refer to itself, but its own id is not "unknown"
  return statuses
}

/**
 * Schema, cross-field rules, then every reference checked against the database. A published entry
 * may only refer to published ones: else the public would read an id that answers nothing (409).
 */
const validate = async (
  tx: Executor,
  collection: CollectionName,
  id: string,
  content: Record<string, unknown>,
  status: Status,
) => {
  const record = { ...content, id, status }
  const errors = validateInput(collection, record).map((e) => ({ pointer: `/body${e.pointer}`, detail: e.detail }))
  if (errors.length) throw refused('invalid-request', errors)
  const uses = referencesOf(collection, record)
  const statuses = await statusesOfReferences(tx, collection, id, status, uses)
  const missing: FieldError[] = []
  const unpublished: FieldError[] = []
  const blocking: ProblemReference[] = []
  for (const use of uses) {
    const target = `${use.collection}/${use.id}`
    const found = statuses.get(target)
    if (!found) missing.push({ pointer: `/body${use.pointer}`, detail: `refers to ${target}, which does not exist` })
    else if (status === 'published' && found !== 'published') {
      unpublished.push({
        pointer: `/body${use.pointer}`,
        detail: `refers to ${target}, which is ${found}: publish it first`,
      })
      blocking.push({ collection: use.collection, id: use.id, field: use.pointer.slice(1), status: found })
    }
  }
  if (missing.length) throw refused('invalid-request', missing)
  if (unpublished.length) throw refused('conflict', unpublished, blocking)
}

const changedFields = (before: Entity | null, after: Entity) => {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)])
  return [...keys]
    .filter(
      (k) =>
        !['version', 'updated_at', 'created_at'].includes(k) &&
        JSON.stringify(before?.[k]) !== JSON.stringify(after[k]),
    )
    .sort()
}

export type RevisionAction = 'create' | 'update' | 'submit' | 'publish' | 'archive' | 'revert'

/** Records revisions, one per (before, after) pair, in one statement. */
export const recordRevisions = async (
  tx: Executor,
  collection: CollectionName,
  action: RevisionAction,
  actor: string,
  changes: [Entity | null, Entity][],
) => {
  if (!changes.length) return
  await tx.insert(revisions).values(
    changes.map(([before, after]) => ({
      collection,
      entity_id: after.id,
      version: after.version,
      action,
      status: after.status as Status,
      actor,
      changed_fields: changedFields(before, after),
      before,
      after,
    })),
  )
}

const recordRevision = (
  tx: Executor,
  collection: CollectionName,
  action: RevisionAction,
  actor: string,
  before: Entity | null,
  after: Entity,
) => recordRevisions(tx, collection, action, actor, [[before, after]])

const load = async (tx: Executor, collection: CollectionName, id: string): Promise<Entity | undefined> => {
  const t = table(collection)
  const [row] = (await tx.select().from(t).where(eq(t.id, id)).limit(1)) as Record<string, unknown>[]
  return row ? toEntity(collection, row) : undefined
}

/** Creates a draft entry inside a write transaction; a taken id is a conflict. */
export const createInTransaction = async (
  tx: Executor,
  collection: CollectionName,
  input: Record<string, unknown>,
  writer: Writer,
) => {
  const { id, ...content } = input as { id: string }
  if (await load(tx, collection, id))
    throw new ApiError('conflict', `${collection}/${id} already exists`, [{ pointer: '/body/id', detail: 'is taken' }])
  await validate(tx, collection, id, content, 'draft')
  const t = table(collection)
  const [row] = (await tx
    .insert(t)
    .values(toRow(collection, { ...content, id, status: 'draft' }))
    .returning()) as Record<string, unknown>[]
  const entity = toEntity(collection, row!)
  await recordRevision(tx, collection, 'create', writer.actor, null, entity)
  return entity
}

export const createEntity = (
  db: Database,
  collection: CollectionName,
  input: Record<string, unknown>,
  writer: Writer,
) => inWriteTransaction(db, (tx) => createInTransaction(tx, collection, input, writer))

export type StoredResponse = { status_code: number; body: unknown; request_hash: string }

/** The response stored for an Idempotency-Key of this actor, if any. */
export const findIdempotentResponse = async (
  tx: Executor,
  actor: string,
  key: string,
): Promise<StoredResponse | undefined> =>
  (
    await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.actor, actor), eq(idempotencyKeys.key, key)))
      .limit(1)
  )[0]

export const storeIdempotentResponse = (tx: Executor, actor: string, key: string, response: StoredResponse) =>
  tx.insert(idempotencyKeys).values({ actor, key, ...response })

/** Loads the entry and checks the version the client last saw (If-Match). */
const loadForChange = async (tx: Executor, collection: CollectionName, id: string, expectedVersion: number) => {
  const current = await load(tx, collection, id)
  if (!current) throw notFound(`${collection}/${id}`)
  if (current.version !== expectedVersion) {
    throw new ApiError(
      'precondition-failed',
      `${collection}/${id} is at version ${current.version}, not ${expectedVersion}: reload it and redo the change`,
    )
  }
  return current
}

const save = async (
  tx: Executor,
  collection: CollectionName,
  current: Entity,
  content: Record<string, unknown>,
  status: Status,
) => {
  const t = table(collection)
  const [row] = (await tx
    .update(t)
    .set({
      ...toRow(collection, { ...content, id: current.id, status }),
      version: current.version + 1,
      updated_at: sql`now()`,
    })
    .where(and(eq(t.id, current.id), eq(t.version, current.version)))
    .returning()) as Record<string, unknown>[]
  if (!row)
    throw new ApiError(
      'precondition-failed',
      `${collection}/${current.id} changed meanwhile: reload it and redo the change`,
    )
  return toEntity(collection, row)
}

/**
 * Replaces an entry's content. A published entry changed by someone who may not publish goes
 * back to draft, so that nothing reaches the public without an editor.
 */
export const updateEntity = (
  db: Database,
  collection: CollectionName,
  id: string,
  content: (current: Entity) => Record<string, unknown>,
  expectedVersion: number,
  writer: Writer,
) =>
  inWriteTransaction(db, async (tx) => {
    const current = await loadForChange(tx, collection, id, expectedVersion)
    if (current.status === 'archived')
      throw new ApiError('conflict', `${collection}/${id} is archived; revert it to edit`)
    const next = content(current)
    const status: Status = current.status === 'published' && !writer.mayPublish ? 'draft' : (current.status as Status)
    await validate(tx, collection, id, next, status)
    const entity = await save(tx, collection, current, next, status)
    await recordRevision(tx, collection, 'update', writer.actor, current, entity)
    return entity
  })

// Defined with the other shared shapes; still exported here, where the API has imported them from.
export { TRANSITIONS, type Transition }

/** How many citing entries a refused archive names. */
const CITING_LISTED = 50

/**
 * An entry leaves the public set only when no published entry cites it: else the public would
 * read a reference that answers nothing. The 409 lists the citing entries (the first CITING_LISTED).
 */
const refuseWhileCited = async (tx: Executor, collection: CollectionName, id: string, action: string) => {
  const { entries } = await usedBy(tx, collection, id, { statuses: ['published'], limit: CITING_LISTED })
  if (!entries.length) return
  const citing = entries.flatMap((e) =>
    e.fields.map((field) => ({ collection: e.collection, id: e.id, field, status: e.status })),
  )
  const names = entries.map((e) => `${e.collection}/${e.id}`)
  throw new ApiError(
    'conflict',
    `cannot ${action} ${collection}/${id}: published entries cite it (${names.join(', ')}${entries.length === CITING_LISTED ? ', …' : ''}); change or archive them first`,
    undefined,
    citing,
  )
}

export const transitionEntity = (
  db: Database,
  collection: CollectionName,
  id: string,
  action: Transition,
  expectedVersion: number,
  writer: Writer,
) =>
  inWriteTransaction(db, async (tx) => {
    const current = await loadForChange(tx, collection, id, expectedVersion)
    const { from, to } = TRANSITIONS[action]
    if (!(from as readonly string[]).includes(current.status)) {
      throw new ApiError(
        'conflict',
        `cannot ${action} ${collection}/${id}: it is ${current.status}, and ${action} takes ${from.join(' or ')}`,
      )
    }
    if (to === 'published') await validate(tx, collection, id, contentFields(current), 'published')
    if (current.status === 'published') await refuseWhileCited(tx, collection, id, action)
    const entity = await save(tx, collection, current, contentFields(current), to)
    await recordRevision(tx, collection, action, writer.actor, current, entity)
    return entity
  })

/** Restores the content of an earlier version as a new version; the status stays as it is. */
export const revertEntity = (
  db: Database,
  collection: CollectionName,
  id: string,
  toVersion: number,
  expectedVersion: number,
  writer: Writer,
) =>
  inWriteTransaction(db, async (tx) => {
    const current = await loadForChange(tx, collection, id, expectedVersion)
    const [target] = await tx
      .select({ after: revisions.after })
      .from(revisions)
      .where(and(eq(revisions.collection, collection), eq(revisions.entity_id, id), eq(revisions.version, toVersion)))
    if (!target)
      throw new ApiError('invalid-request', `${collection}/${id} has no version ${toVersion}`, [
        { pointer: '/body/version', detail: 'is not a version of this entry' },
      ])
    const content = contentFields(target.after as Entity)
    const status = current.status === 'archived' ? 'draft' : (current.status as Status)
    await validate(tx, collection, id, content, status)
    const entity = await save(tx, collection, current, content, status)
    await recordRevision(tx, collection, 'revert', writer.actor, current, entity)
    return entity
  })

export const listRevisions = (db: Executor, collection: CollectionName, id: string) =>
  db
    .select()
    .from(revisions)
    .where(and(eq(revisions.collection, collection), eq(revisions.entity_id, id)))
    .orderBy(asc(revisions.version))

/**
 * The public change feed after a position, in commit order: every change to a published entry,
 * and the change that takes an entry out of the public set (with no entity: remove it).
 */
export const listPublicChanges = async (db: Executor, afterSeq: number, limit: number) => {
  const rows = await db
    .select()
    .from(revisions)
    .where(
      sql`${revisions.seq} > ${afterSeq} and (${revisions.status} = 'published' or ${revisions.before} ->> 'status' = 'published')`,
    )
    .orderBy(asc(revisions.seq))
    .limit(limit + 1)
  return { changes: rows.slice(0, limit), hasMore: rows.length > limit }
}

/** The newest position of the feed (0 when empty). */
export const lastChangeSeq = async (db: Executor) =>
  Number(
    (
      (await db.select({ seq: sql<number>`coalesce(max(${revisions.seq}), 0)` }).from(revisions)) as { seq: number }[]
    )[0]?.seq ?? 0,
  )

/** The state of every entry of a collection at a moment: each entry's last revision then, if published. */
export const publishedAsOf = async (
  db: Executor,
  collection: CollectionName,
  asOf: Date,
  ids?: string[],
): Promise<Entity[]> => {
  const rows = (await db
    .selectDistinctOn([revisions.entity_id], { after: revisions.after, status: revisions.status })
    .from(revisions)
    .where(
      and(
        eq(revisions.collection, collection),
        sql`${revisions.at} <= ${asOf.toISOString()}::timestamptz`,
        ids ? inArray(revisions.entity_id, ids) : undefined,
      ),
    )
    .orderBy(revisions.entity_id, sql`${revisions.seq} desc`)) as { after: Entity; status: Status }[]
  return rows.filter((r) => r.status === 'published').map((r) => r.after)
}
