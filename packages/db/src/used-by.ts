import { and, asc, gt, inArray, or, sql, type SQL } from 'drizzle-orm'
import {
  COLLECTION_NAMES,
  collectionSpecs,
  type CollectionName,
  type Status,
  type Text,
  type UsedBy,
} from '@chain-atlas/types'
import type { Executor } from './client.ts'
import { tableOf as table } from './schema/index.ts'

/** One way entries of `from` refer to entries of another collection: a reference path of its spec. */
type Citation = { from: CollectionName; path: string }

/** Every reference path, by the collection it refers to. */
const CITATIONS = new Map<CollectionName, Citation[]>(
  COLLECTION_NAMES.map((target) => [
    target,
    COLLECTION_NAMES.flatMap((from) =>
      collectionSpecs[from].references.filter((r) => r.collection === target).map((r) => ({ from, path: r.path })),
    ),
  ]),
)

/** The JSON a jsonb column contains when `id` is at `steps` in it: `*\/source_ids/*` → `[{"source_ids":[id]}]`. */
const containing = (steps: string[], id: string): unknown => {
  const [step, ...rest] = steps
  if (step === undefined) return id
  return step === '*' ? [containing(rest, id)] : { [step]: containing(rest, id) }
}

/**
 * Whether an entry holds `id` at a reference path, as SQL each index can answer: equality on a
 * column (btree), containment in an id list (GIN) or in a JSON document (GIN, jsonb_path_ops).
 */
const holds = (from: CollectionName, path: string, id: string): SQL => {
  const [column, ...steps] = path.split('/')
  const c = table(from)[column!]
  if (!steps.length) return sql`${c} = ${id}`
  if (steps.length === 1 && steps[0] === '*') return sql`${c} @> array[${id}]::text[]`
  return sql`${c} @> ${JSON.stringify(containing(steps, id))}::jsonb`
}

/** Up to this many citing entries, a page is cut from all of them; past it, by walking the ids in order. */
const FEW = 2000

/**
 * The ids `where` matches if they are few (at most FEW), else null: many. Asked for the first page
 * in id order, the planner walks the primary key, which is instant when most entries match (the
 * paper, cited by everything) and reads the whole table when a couple do (1.9 s at 1M instruments):
 * its estimates for containment are far off. An unordered read takes the indexes (bitmap) when
 * matches are rare, so the page is cut from exactly those ids (0.2 ms); when there are many,
 * walking the key finds a page at once (0.3 ms). EXPLAIN ANALYZE on the benchmark's 1M instruments.
 */
const fewMatches = async (db: Executor, t: any, where: SQL | undefined): Promise<string[] | null> => {
  const found = (await db
    .select({ id: t.id })
    .from(t)
    .where(where)
    .limit(FEW + 1)) as { id: string }[]
  return found.length > FEW ? null : found.map((r) => r.id)
}

/** Where a used-by page starts: after this entry, in (collection order, id) order. */
export type UsedByKeyset = { collection: CollectionName; id: string }

/** The field a path names, for people: `figures/*\/source_ids/*` → `figures/*\/source_ids`. */
const fieldOf = (path: string) => path.replace(/\/\*$/, '')

/**
 * Every entry of the given statuses that refers to `collection/id`, with the fields that do, in
 * (collection, id) order: one indexed query per citing collection, until the page is full.
 */
export const usedBy = async (
  db: Executor,
  collection: CollectionName,
  id: string,
  options: { statuses: Status[]; limit: number; after?: UsedByKeyset },
): Promise<{ entries: UsedBy[]; next: UsedByKeyset | null }> => {
  const { statuses, limit, after } = options
  const start = after ? COLLECTION_NAMES.indexOf(after.collection) : 0
  const entries: UsedBy[] = []
  for (const from of COLLECTION_NAMES.slice(start)) {
    const citations = CITATIONS.get(collection)!.filter((c) => c.from === from)
    if (!citations.length) continue
    const t = table(from)
    const conditions = citations.map((c) => holds(from, c.path, id))
    const where = and(
      or(...conditions),
      inArray(t.status, statuses),
      after && from === after.collection ? gt(t.id, after.id) : undefined,
    )
    const few = await fewMatches(db, t, where)
    if (few?.length === 0) continue
    const rows = (await db
      .select({
        id: t.id,
        status: t.status,
        title: t[collectionSpecs[from].titleField],
        ...Object.fromEntries(conditions.map((condition, i) => [`f${i}`, sql<boolean>`${condition}`])),
      })
      .from(t)
      .where(few ? and(where, inArray(t.id, few)) : where)
      .orderBy(asc(t.id))
      .limit(limit + 1 - entries.length)) as Record<string, unknown>[]
    for (const row of rows) {
      const title = row.title as Text
      entries.push({
        collection: from,
        id: row.id as string,
        title: { en: title.en, zh: title.zh },
        status: row.status as Status,
        fields: citations.filter((_, i) => row[`f${i}`]).map((c) => fieldOf(c.path)),
      })
    }
    if (entries.length > limit) break
  }
  const page = entries.slice(0, limit)
  const last = page.at(-1)
  return { entries: page, next: entries.length > limit && last ? { collection: last.collection, id: last.id } : null }
}
