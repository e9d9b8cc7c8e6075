import type { Keyset } from '@chain-atlas/db'
import { COLLECTION_NAMES, invalid, type CollectionName } from '@chain-atlas/types'

type CursorBody = { o: string; v: string | number | null; id: string; r?: number; s?: string }

/** What a cursor's sort value must be: the sort expression's type, or a search rank. */
export type CursorValue = 'text' | 'integer' | 'timestamp' | 'rank'

/**
 * Cursors are opaque to clients: the keyset position (sort value, id, rank) and the order it
 * belongs to, base64url-encoded JSON. A cursor is only valid for the order that issued it.
 */
export const encodeCursor = (order: string, keyset: Keyset, scope?: string) =>
  Buffer.from(
    JSON.stringify({
      o: order,
      v: keyset.value,
      id: keyset.id,
      ...(keyset.rank !== undefined ? { r: keyset.rank } : {}),
      ...(scope !== undefined ? { s: scope } : {}),
    } satisfies CursorBody),
  ).toString('base64url')

const MAX_TEXT = 2000
const INT4 = 2 ** 31 - 1
// ts_rank is a PostgreSQL real (float4): beyond this a cast overflows.
const MAX_RANK = 1e30
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/

/** Text PostgreSQL can store and compare: well-formed UTF-16, no NUL, not absurdly long. */
const isStorableText = (v: unknown): v is string =>
  typeof v === 'string' && v.length <= MAX_TEXT && !/[\0\p{Surrogate}]/u.test(v)

const isInstant = (v: unknown) => {
  if (typeof v !== 'string' || !ISO_TIME.test(v)) return false
  const time = Date.parse(v)
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 19) === v.slice(0, 19) && v >= '0001'
}

/** Whether a position's sort value has the sort's type: checked before any SQL sees it. */
const VALUE_CHECKS: Record<CursorValue, (v: unknown, r: unknown) => boolean> = {
  text: (v) => v === null || isStorableText(v),
  integer: (v) => Number.isInteger(v) && Math.abs(v as number) <= INT4,
  timestamp: isInstant,
  rank: (v, r) => [v, r].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= MAX_RANK),
}

const isCursorBody = (b: any): b is CursorBody =>
  typeof b === 'object' &&
  b !== null &&
  isStorableText(b.id) &&
  typeof b.o === 'string' &&
  (typeof b.v === 'string' || typeof b.v === 'number' || b.v === null) &&
  (b.r === undefined || typeof b.r === 'number') &&
  (b.s === undefined || typeof b.s === 'string')

/**
 * An entry as a cursor keeps it, `collection/id` (pages across collections end at one): checked
 * before any SQL sees it.
 */
export const entryOfCursor = (key: string): { collection: CollectionName; id: string } => {
  const [collection, id] = key.split('/')
  if (!COLLECTION_NAMES.includes(collection as CollectionName) || !/^[a-z0-9-]{1,200}$/.test(id ?? ''))
    throw invalid('/query/cursor', 'is not a cursor this API issued')
  return { collection: collection as CollectionName, id: id! }
}

/**
 * The position a cursor holds, checked: that it is one this API issued, for this order and, when
 * `scope` is given (a list's filters, search and statuses), for the same question.
 */
export const decodeCursor = (cursor: string, order: string, value: CursorValue = 'text', scope?: string): Keyset => {
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    body = undefined
  }
  if (!isCursorBody(body)) throw invalid('/query/cursor', 'is not a cursor this API issued')
  if (body.o !== order) throw invalid('/query/cursor', 'belongs to another sort order; start again without a cursor')
  if (scope !== undefined && body.s !== scope)
    throw invalid('/query/cursor', 'belongs to a list with other filters or search; start again without a cursor')
  if (!VALUE_CHECKS[value](body.v, body.r)) throw invalid('/query/cursor', 'is not a cursor this API issued')
  return { value: body.v, id: body.id, ...(body.r !== undefined ? { rank: body.r } : {}) }
}
