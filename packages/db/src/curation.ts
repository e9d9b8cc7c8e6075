import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import {
  ApiError,
  TRANSITIONS,
  completeRecord,
  isServerField,
  notFound,
  referencesOf,
  validateInput,
  type CollectionName,
  type FieldError,
  type ProblemCode,
  type ProblemReference,
  type ReferenceUse,
  type RevisionAction,
  type Status,
  type Transition,
  type WebhookEventType,
} from '@chain-atlas/types'
import type { Database, Executor } from './client.ts'
import { canonicalJson, toEntity, toRow, type Entity } from './entities.ts'
import { idempotencyKeys, revisions } from './schema/revisions.ts'
import { apiKeys, tableOf as table, users } from './schema/index.ts'
import { usedBy } from './used-by.ts'
import { recordChangeEvent } from './webhooks.ts'
import { dropWorkingCopy, loadWorkingCopy, putWorkingCopy, type WorkingCopy } from './working-copies.ts'

/**
 * Who writes, and the rules that apply to them: `fourEyes` (REVIEW_FOUR_EYES) bars publishing one's
 * own change. `actor` is the credential (a user's id, or `key:…` for an API key), `person` the user
 * behind it: a key acts for the admin who made it.
 */
export type Writer = { actor: string; person?: string; mayPublish: boolean; fourEyes?: boolean }

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
  const record = { ...completeRecord(collection, content), id, status }
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
        !['version', 'updated_at', 'created_at'].includes(k) && canonicalJson(before?.[k]) !== canonicalJson(after[k]),
    )
    .sort()
}

/** What a revision records beside the change: whether it is a working copy's, and what was said. */
type RevisionNote = { working?: boolean; comment?: string | null }

/** Records revisions, one per (before, after) pair, in one statement. */
export const recordRevisions = async (
  tx: Executor,
  collection: CollectionName,
  action: RevisionAction,
  actor: string,
  changes: [Entity | null, Entity][],
  note: RevisionNote = {},
  version?: number,
) => {
  if (!changes.length) return
  await tx.insert(revisions).values(
    changes.map(([before, after]) => ({
      collection,
      entity_id: after.id,
      version: version ?? after.version,
      action,
      status: after.status as Status,
      actor,
      changed_fields: changedFields(before, after),
      before,
      after,
      working: note.working ?? false,
      comment: note.comment ?? null,
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
  note?: RevisionNote,
) => recordRevisions(tx, collection, action, actor, [[before, after]], note)

const load = async (tx: Executor, collection: CollectionName, id: string): Promise<Entity | undefined> => {
  const t = table(collection)
  const [row] = (await tx.select().from(t).where(eq(t.id, id)).limit(1)) as Record<string, unknown>[]
  return row ? toEntity(collection, row) : undefined
}

/** Creates a draft entry inside a write transaction; a taken id is a conflict. A new entry is its own working copy. */
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
  await putWorkingCopy(tx, collection, id, {
    content: null,
    base_version: null,
    state: 'draft',
    author: writer.actor,
    comment: null,
  })
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

/**
 * An entry as the workflow sees it: its row (`main`, the published version once there is one),
 * its working copy row, and `head`, the version writes and transitions act on: the working copy
 * of a published entry when there is one (`pending`), else the row itself.
 */
type Line = { main: Entity; copy: WorkingCopy | undefined; head: Entity; pending: boolean }

/** Loads the entry and checks the version the client last saw (If-Match) against its head. */
const loadForChange = async (
  tx: Executor,
  collection: CollectionName,
  id: string,
  expectedVersion: number,
): Promise<Line> => {
  const main = await load(tx, collection, id)
  if (!main) throw notFound(`${collection}/${id}`)
  const copy = await loadWorkingCopy(tx, collection, id)
  const head = (copy?.content as Entity | null) ?? main
  if (head.version !== expectedVersion) {
    const which = copy?.content ? 'its working copy is' : 'it is'
    throw new ApiError(
      'precondition-failed',
      `${collection}/${id} changed meanwhile: ${which} at version ${head.version}, not ${expectedVersion}: reload it and redo the change`,
    )
  }
  return { main, copy, head, pending: Boolean(copy?.content) }
}

/** The next version number of an entry: versions go on across its published versions and working copies. */
const nextVersion = async (tx: Executor, collection: CollectionName, id: string) => {
  const [row] = (await tx
    .select({ last: sql<number>`max(${revisions.version})` })
    .from(revisions)
    .where(and(eq(revisions.collection, collection), eq(revisions.entity_id, id)))) as { last: number | null }[]
  return Number(row?.last ?? 0) + 1
}

const save = async (
  tx: Executor,
  collection: CollectionName,
  current: Entity,
  content: Record<string, unknown>,
  status: Status,
  version = current.version + 1,
) => {
  const t = table(collection)
  const [row] = (await tx
    .update(t)
    .set({ ...toRow(collection, { ...content, id: current.id, status }), version, updated_at: sql`now()` })
    .where(and(eq(t.id, current.id), eq(t.version, current.version)))
    .returning()) as Record<string, unknown>[]
  if (!row)
    throw new ApiError(
      'precondition-failed',
      `${collection}/${current.id} changed meanwhile: reload it and redo the change`,
    )
  return toEntity(collection, row)
}

/** A working copy as an entity: the content, shaped as the collection's row would give it back. */
const workingEntity = (
  collection: CollectionName,
  main: Entity,
  content: Record<string, unknown>,
  status: Status,
  version: number,
): Entity =>
  toEntity(collection, {
    ...toRow(collection, { ...content, id: main.id, status }),
    version,
    created_at: main.created_at,
    updated_at: new Date().toISOString(),
  })

/**
 * Writes new content. A published entry keeps serving its published version: the change goes to
 * its working copy (made on the first change). An entry not yet published is changed in place;
 * an archived one (by a revert) comes back as a draft.
 */
const writeContent = async (
  tx: Executor,
  collection: CollectionName,
  line: Line,
  content: Record<string, unknown>,
  action: 'update' | 'revert',
  writer: Writer,
) => {
  const { main, copy, head } = line
  const id = main.id
  if (main.status === 'published') {
    const status = line.pending ? (head.status as Status) : 'draft'
    await validate(tx, collection, id, content, status)
    const entity = workingEntity(collection, main, content, status, await nextVersion(tx, collection, id))
    await putWorkingCopy(tx, collection, id, {
      content: entity,
      base_version: main.version,
      state: line.pending ? copy!.state : 'draft',
      author: line.pending ? copy!.author : writer.actor,
      comment: line.pending ? copy!.comment : null,
    })
    await recordRevision(tx, collection, action, writer.actor, head, entity, { working: true })
    return entity
  }
  const status: Status = main.status === 'archived' ? 'draft' : (main.status as Status)
  await validate(tx, collection, id, content, status)
  const entity = await save(tx, collection, main, content, status, await nextVersion(tx, collection, id))
  await recordRevision(tx, collection, action, writer.actor, main, entity)
  await putWorkingCopy(tx, collection, id, {
    content: null,
    base_version: null,
    state: copy?.state ?? 'draft',
    author: copy?.author ?? writer.actor,
    comment: copy?.comment ?? null,
  })
  return entity
}

/** Replaces an entry's content (see writeContent): what PUT and PATCH do. */
export const updateEntity = (
  db: Database,
  collection: CollectionName,
  id: string,
  content: (current: Entity) => Record<string, unknown>,
  expectedVersion: number,
  writer: Writer,
) =>
  inWriteTransaction(db, async (tx) => {
    const line = await loadForChange(tx, collection, id, expectedVersion)
    if (line.main.status === 'archived')
      throw new ApiError('conflict', `${collection}/${id} is archived; restore or revert it to edit`)
    return writeContent(tx, collection, line, content(line.head), 'update', writer)
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

/**
 * With REVIEW_FOUR_EYES, nobody publishes content they wrote: the people behind this working copy's
 * changes (since it was started) may not publish it, whichever of their credentials (a session, any
 * key they made) wrote or publishes: one person with two credentials is still one pair of eyes.
 */
const refuseOwnChange = async (tx: Executor, collection: CollectionName, line: Line, writer: Writer) => {
  if (!writer.fourEyes) return
  const since = line.copy?.created_at ?? new Date(0)
  const [own] = await tx
    .select({ seq: revisions.seq })
    .from(revisions)
    .where(
      and(
        eq(revisions.collection, collection),
        eq(revisions.entity_id, line.main.id),
        writer.person
          ? sql`(${revisions.actor} = ${writer.person} or ${revisions.actor} in
              (select 'key:' || ${apiKeys.id} from ${apiKeys} where ${apiKeys.created_by} = ${writer.person}))`
          : eq(revisions.actor, writer.actor),
        inArray(revisions.action, ['create', 'update', 'revert']),
        sql`${revisions.at} >= ${since.toISOString()}::timestamptz`,
      ),
    )
    .limit(1)
  if (own)
    throw new ApiError(
      'forbidden',
      `${collection}/${line.main.id} holds changes you made, and REVIEW_FOUR_EYES is on: another editor publishes it`,
    )
}

/**
 * Restore puts back what was published: an entry archived as a draft or in review never was, and
 * restoring it would publish content nobody reviewed (past REVIEW_FOUR_EYES too).
 */
const refuseRestoringUnpublished = async (tx: Executor, collection: CollectionName, id: string) => {
  const [archived] = await tx
    .select({ before: revisions.before })
    .from(revisions)
    .where(
      and(
        eq(revisions.collection, collection),
        eq(revisions.entity_id, id),
        eq(revisions.action, 'archive'),
        eq(revisions.working, false),
      ),
    )
    .orderBy(desc(revisions.seq))
    .limit(1)
  const was = archived?.before?.status
  if (was !== 'published')
    throw new ApiError(
      'conflict',
      `cannot restore ${collection}/${id}: restore puts back what was published, and it was archived ${was ? `as ${String(was).replace('_', ' ')}` : 'without being published'}`,
    )
}

export type TransitionOptions = { comment?: string }

/** The working copy of a published entry moves on (submit, request-changes) or becomes the published version. */
const moveWorkingCopy = async (
  tx: Executor,
  collection: CollectionName,
  line: Line,
  action: Transition,
  writer: Writer,
  comment: string | null,
) => {
  const { main, head, copy } = line
  const { to } = TRANSITIONS[action]
  if (to === 'published') {
    await validate(tx, collection, main.id, contentFields(head), 'published')
    const entity = await save(
      tx,
      collection,
      main,
      contentFields(head),
      'published',
      await nextVersion(tx, collection, main.id),
    )
    await dropWorkingCopy(tx, collection, main.id)
    await recordRevision(tx, collection, action, writer.actor, main, entity, { comment })
    return entity
  }
  if (to === 'in_review') await validate(tx, collection, main.id, contentFields(head), to)
  const entity = workingEntity(collection, main, contentFields(head), to, await nextVersion(tx, collection, main.id))
  await putWorkingCopy(tx, collection, main.id, {
    content: entity,
    base_version: copy!.base_version,
    state: action === 'request-changes' ? 'changes_requested' : to,
    author: copy!.author,
    comment,
  })
  await recordRevision(tx, collection, action, writer.actor, head, entity, { working: true, comment })
  return entity
}

/**
 * The workflow's actions (TRANSITIONS): submit, publish, request changes, archive, restore. They
 * act on the working copy of a published entry when it has one, else on the entry itself.
 */
export const transitionEntity = (
  db: Database,
  collection: CollectionName,
  id: string,
  action: Transition,
  expectedVersion: number,
  writer: Writer,
  options: TransitionOptions = {},
) =>
  inWriteTransaction(db, async (tx) => {
    const line = await loadForChange(tx, collection, id, expectedVersion)
    const { main, head } = line
    const { from } = TRANSITIONS[action]
    const comment = options.comment ?? null
    if (!(from as readonly string[]).includes(head.status)) {
      const which = line.pending ? `its working copy is ${head.status}` : `it is ${head.status}`
      throw new ApiError(
        'conflict',
        `cannot ${action} ${collection}/${id}: ${which}, and ${action} takes ${from.join(' or ')}`,
      )
    }
    if (action === 'publish') await refuseOwnChange(tx, collection, line, writer)
    if (action === 'restore') await refuseRestoringUnpublished(tx, collection, id)
    const entity = await applyTransition(tx, collection, line, action, writer, comment)
    // The outbox's event commits with the change it tells of, or not at all.
    const type = publicEventOf(action, main.status as Status)
    if (type) await recordChangeEvent(tx, { type, collection, entry_id: id, version: entity.version as number })
    return entity
  })

/** The change event a transition makes public, if any: archiving a never-published draft tells the public nothing. */
const publicEventOf = (action: Transition, before: Status): WebhookEventType | null => {
  if (action === 'publish') return 'published'
  if (action === 'restore') return 'restored'
  if (action === 'archive' && before === 'published') return 'archived'
  return null
}

/** A transition's writes: on the working copy of a published entry when it has one, else on the entry itself. */
const applyTransition = async (
  tx: Executor,
  collection: CollectionName,
  line: Line,
  action: Transition,
  writer: Writer,
  comment: string | null,
) => {
  const { main, copy } = line
  const id = main.id
  const { to } = TRANSITIONS[action]
  if (line.pending) {
    if (action === 'archive')
      throw new ApiError(
        'conflict',
        `cannot archive ${collection}/${id}: it has a working copy; publish or discard it first`,
      )
    return moveWorkingCopy(tx, collection, line, action, writer, comment)
  }
  // Under review or published, an entry is held to every rule (its sources cited, its references published).
  if (to === 'published' || to === 'in_review') await validate(tx, collection, id, contentFields(main), to)
  if (main.status === 'published') await refuseWhileCited(tx, collection, id, action)
  const entity = await save(tx, collection, main, contentFields(main), to, await nextVersion(tx, collection, id))
  await recordRevision(tx, collection, action, writer.actor, main, entity, { comment })
  if (to === 'published' || to === 'archived') await dropWorkingCopy(tx, collection, id)
  else
    await putWorkingCopy(tx, collection, id, {
      content: null,
      base_version: null,
      state: action === 'request-changes' ? 'changes_requested' : to,
      author: copy?.author ?? writer.actor,
      comment,
    })
  return entity
}

/** Drops the working copy of a published entry; the published version is what remains. */
export const discardWorkingCopy = (
  db: Database,
  collection: CollectionName,
  id: string,
  expectedVersion: number,
  writer: Writer,
) =>
  inWriteTransaction(db, async (tx) => {
    const line = await loadForChange(tx, collection, id, expectedVersion)
    if (!line.pending) {
      if (line.copy)
        throw new ApiError(
          'conflict',
          `${collection}/${id} has never been published: it is its own draft, with nothing to fall back to (archive it instead)`,
        )
      throw notFound(`a working copy of ${collection}/${id}`)
    }
    await dropWorkingCopy(tx, collection, id)
    const version = await nextVersion(tx, collection, id)
    await recordRevisions(tx, collection, 'discard', writer.actor, [[line.head, line.main]], { working: true }, version)
    return line.main
  })

/** Restores the content of an earlier version as a new version (see writeContent for where it goes). */
export const revertEntity = (
  db: Database,
  collection: CollectionName,
  id: string,
  toVersion: number,
  expectedVersion: number,
  writer: Writer,
) =>
  inWriteTransaction(db, async (tx) => {
    const line = await loadForChange(tx, collection, id, expectedVersion)
    const [target] = await tx
      .select({ after: revisions.after })
      .from(revisions)
      .where(and(eq(revisions.collection, collection), eq(revisions.entity_id, id), eq(revisions.version, toVersion)))
    if (!target)
      throw new ApiError('invalid-request', `${collection}/${id} has no version ${toVersion}`, [
        { pointer: '/body/version', detail: 'is not a version of this entry' },
      ])
    return writeContent(tx, collection, line, contentFields(target.after as Entity), 'revert', writer)
  })

/**
 * Every revision of an entry, oldest first, with its author's name: a user's display name (their
 * email if it is blank), an API key's name, null for the seed or an import.
 */
export const listRevisions = (db: Executor, collection: CollectionName, id: string) =>
  db
    .select({
      ...getTableColumns(revisions),
      actor_name: sql<string | null>`coalesce(nullif(${users.display_name}, ''), ${users.email}, ${apiKeys.name})`,
    })
    .from(revisions)
    .leftJoin(users, eq(users.id, revisions.actor))
    .leftJoin(apiKeys, sql`'key:' || ${apiKeys.id} = ${revisions.actor}`)
    .where(and(eq(revisions.collection, collection), eq(revisions.entity_id, id)))
    .orderBy(asc(revisions.version))

/**
 * The public change feed after a position, in commit order: every change to a published entry,
 * and the change that takes an entry out of the public set (with no entity: remove it).
 */
export const listPublicChanges = async (db: Executor, afterSeq: number, limit: number, since?: Date) => {
  // From a moment: from the first change made at or after it (the feed's order is commit order).
  if (since) {
    const [first] = (await db
      .select({ seq: sql<number>`min(${revisions.seq})` })
      .from(revisions)
      .where(sql`${revisions.at} >= ${since.toISOString()}::timestamptz`)) as { seq: number | null }[]
    // Nothing since then: the feed resumes after the last change so far.
    afterSeq = Math.max(afterSeq, first?.seq == null ? await lastChangeSeq(db) : Number(first.seq) - 1)
  }
  const rows = await db
    .select()
    .from(revisions)
    .where(
      sql`${revisions.seq} > ${afterSeq} and not ${revisions.working} and (${revisions.status} = 'published' or ${revisions.before} ->> 'status' = 'published')`,
    )
    .orderBy(asc(revisions.seq))
    .limit(limit + 1)
  return { changes: rows.slice(0, limit), hasMore: rows.length > limit, after: afterSeq }
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
        eq(revisions.working, false),
        sql`${revisions.at} <= ${asOf.toISOString()}::timestamptz`,
        ids ? inArray(revisions.entity_id, ids) : undefined,
      ),
    )
    .orderBy(revisions.entity_id, sql`${revisions.seq} desc`)) as { after: Entity; status: Status }[]
  return rows.filter((r) => r.status === 'published').map((r) => r.after)
}
