import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import {
  COLLECTION_NAMES,
  collectionSpecs,
  type CollectionName,
  type ReviewState,
  type Status,
} from '@chain-atlas/types'
import type { Executor } from './client.ts'
import { toEntity, type Entity } from './entities.ts'
import { apiKeys, tableOf as table, users, workingCopies } from './schema/index.ts'

export type WorkingCopy = typeof workingCopies.$inferSelect

const byKey = (collection: CollectionName, id: string) =>
  and(eq(workingCopies.collection, collection), eq(workingCopies.entity_id, id))

export const loadWorkingCopy = async (
  db: Executor,
  collection: CollectionName,
  id: string,
): Promise<WorkingCopy | undefined> => (await db.select().from(workingCopies).where(byKey(collection, id)).limit(1))[0]

/** Writes an entry's working copy row (insert or replace), stamped now. */
export const putWorkingCopy = (
  tx: Executor,
  collection: CollectionName,
  id: string,
  fields: Pick<WorkingCopy, 'content' | 'base_version' | 'state' | 'author' | 'comment'>,
) =>
  tx
    .insert(workingCopies)
    .values({ collection, entity_id: id, ...fields })
    .onConflictDoUpdate({
      target: [workingCopies.collection, workingCopies.entity_id],
      set: { ...fields, updated_at: sql`now()` },
    })

export const dropWorkingCopy = (tx: Executor, collection: CollectionName, id: string) =>
  tx.delete(workingCopies).where(byKey(collection, id))

/**
 * What a signed-in user edits: the working copy of a published entry, or an entry not yet
 * published (its own working copy). Undefined when there is none: the entry is as published, or archived.
 */
export const getDraft = async (db: Executor, collection: CollectionName, id: string): Promise<Entity | undefined> => {
  const copy = await loadWorkingCopy(db, collection, id)
  if (copy?.content) return copy.content as Entity
  const t = table(collection)
  const [row] = (await db
    .select()
    .from(t)
    .where(and(eq(t.id, id), inArray(t.status, ['draft', 'in_review'])))
    .limit(1)) as Record<string, unknown>[]
  return row ? toEntity(collection, row) : undefined
}

/**
 * The working copies of published entries whose status is one of `statuses`: what a signed-in list
 * of drafts or entries in review shows in place of the published version. None for public reads.
 */
export const workingCopiesIn = async (
  db: Executor,
  collection: CollectionName,
  statuses: Status[],
): Promise<Map<string, Entity>> => {
  const wanted = statuses.filter((s) => s === 'draft' || s === 'in_review')
  if (!wanted.length) return new Map()
  const rows = await db
    .select({ id: workingCopies.entity_id, content: workingCopies.content })
    .from(workingCopies)
    .where(
      and(
        eq(workingCopies.collection, collection),
        isNotNull(workingCopies.content),
        inArray(sql`${workingCopies.content} ->> 'status'`, wanted),
      ),
    )
  return new Map(rows.map((r) => [r.id, r.content as Entity]))
}

/** When the working copies of a collection last changed, and how many there are: part of a list's fingerprint. */
export const workingCopiesFingerprint = (copies: Map<string, Entity>) =>
  copies.size
    ? `${copies.size}:${[...copies.values()]
        .map((c) => c.updated_at as string)
        .sort()
        .at(-1)}`
    : ''

export type ReviewQueueQuery = { states: ReviewState[]; author?: string; limit: number; after?: ReviewKeyset }
export type ReviewKeyset = { updated_at: string; collection: CollectionName; id: string }

export type ReviewItem = {
  collection: CollectionName
  id: string
  title: { en: string; zh: string }
  state: ReviewState
  version: number
  published_version: number | null
  author: { id: string; name: string | null }
  comment: string | null
  created_at: string
  updated_at: string
}

/** The title or name of each entry, in both languages, read from its working copy or its row. */
const titlesOf = async (db: Executor, rows: WorkingCopy[]) => {
  const titles = new Map<string, { en: string; zh: string }>()
  const pick = (collection: CollectionName, entity: Record<string, unknown>) => {
    const text = entity[collectionSpecs[collection].titleField] as { en?: string; zh?: string } | undefined
    return { en: text?.en ?? '', zh: text?.zh ?? '' }
  }
  for (const row of rows)
    if (row.content)
      titles.set(`${row.collection}/${row.entity_id}`, pick(row.collection as CollectionName, row.content))
  for (const collection of COLLECTION_NAMES) {
    const ids = rows.filter((r) => r.collection === collection && !r.content).map((r) => r.entity_id)
    if (!ids.length) continue
    const t = table(collection)
    const field = collectionSpecs[collection].titleField
    const found = (await db.select({ id: t.id, title: t[field] }).from(t).where(inArray(t.id, ids))) as {
      id: string
      title: Record<string, unknown>
    }[]
    for (const f of found) titles.set(`${collection}/${f.id}`, pick(collection, { [field]: f.title }))
  }
  return titles
}

/** The version of each new entry (its row), to show beside the working copies' own. */
const versionsOf = async (db: Executor, rows: WorkingCopy[]) => {
  const versions = new Map<string, number>()
  for (const collection of COLLECTION_NAMES) {
    const ids = rows.filter((r) => r.collection === collection && !r.content).map((r) => r.entity_id)
    if (!ids.length) continue
    const t = table(collection)
    const found = (await db.select({ id: t.id, version: t.version }).from(t).where(inArray(t.id, ids))) as {
      id: string
      version: number
    }[]
    for (const f of found) versions.set(`${collection}/${f.id}`, f.version)
  }
  return versions
}

/**
 * Entries in the workflow across every collection, oldest change first: what waits for review,
 * what was sent back, what someone is drafting.
 */
export const reviewQueue = async (db: Executor, query: ReviewQueueQuery) => {
  const w = workingCopies
  // Compared as a row, at the database's microsecond precision (a JS Date keeps milliseconds).
  const after = query.after
    ? sql`(${w.updated_at}, ${w.collection}, ${w.entity_id}) > (${query.after.updated_at}::timestamptz, ${query.after.collection}, ${query.after.id})`
    : undefined
  const rows = (await db
    .select({
      copy: w,
      name: sql<string | null>`coalesce(${users.display_name}, ${apiKeys.name})`,
      at: sql<string>`to_char(${w.updated_at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(w)
    .leftJoin(users, eq(users.id, w.author))
    .leftJoin(apiKeys, sql`'key:' || ${apiKeys.id} = ${w.author}`)
    .where(and(inArray(w.state, query.states), query.author ? eq(w.author, query.author) : undefined, after))
    .orderBy(asc(w.updated_at), asc(w.collection), asc(w.entity_id))
    .limit(query.limit + 1)) as { copy: WorkingCopy; name: string | null; at: string }[]
  const page = rows.slice(0, query.limit)
  const copies = page.map((r) => r.copy)
  const [titles, versions] = await Promise.all([titlesOf(db, copies), versionsOf(db, copies)])
  const items: ReviewItem[] = page.map(({ copy, name }) => {
    const key = `${copy.collection}/${copy.entity_id}`
    return {
      collection: copy.collection as CollectionName,
      id: copy.entity_id,
      title: titles.get(key) ?? { en: '', zh: '' },
      state: copy.state as ReviewState,
      version: copy.content ? (copy.content.version as number) : (versions.get(key) ?? 1),
      published_version: copy.content ? copy.base_version : null,
      author: { id: copy.author, name },
      comment: copy.comment,
      created_at: copy.created_at.toISOString(),
      updated_at: copy.updated_at.toISOString(),
    }
  })
  const last = rows.length > query.limit ? page.at(-1) : undefined
  const next: ReviewKeyset | null = last
    ? { updated_at: last.at, collection: last.copy.collection as CollectionName, id: last.copy.entity_id }
    : null
  return { items, next }
}
