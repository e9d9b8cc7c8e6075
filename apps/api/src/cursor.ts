import type { Keyset } from '@chain-atlas/db'
import { invalid } from './errors.ts'

type CursorBody = { o: string; v: string | number | null; id: string; r?: number }

/**
 * Cursors are opaque to clients: the keyset position (sort value, id, rank) and the order it
 * belongs to, base64url-encoded JSON. A cursor is only valid for the order that issued it.
 */
export const encodeCursor = (order: string, keyset: Keyset) =>
  Buffer.from(JSON.stringify({ o: order, v: keyset.value, id: keyset.id, ...(keyset.rank !== undefined ? { r: keyset.rank } : {}) } satisfies CursorBody)).toString('base64url')

const isCursorBody = (b: any): b is CursorBody =>
  typeof b === 'object' && b !== null && typeof b.id === 'string' && typeof b.o === 'string' &&
  (typeof b.v === 'string' || typeof b.v === 'number' || b.v === null) && (b.r === undefined || typeof b.r === 'number')

export const decodeCursor = (cursor: string, order: string): Keyset => {
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    body = undefined
  }
  if (!isCursorBody(body)) throw invalid('/query/cursor', 'is not a cursor this API issued')
  if (body.o !== order) throw invalid('/query/cursor', `belongs to another sort order (${body.o}); start again without a cursor`)
  return { value: body.v, id: body.id, ...(body.r !== undefined ? { rank: body.r } : {}) }
}
