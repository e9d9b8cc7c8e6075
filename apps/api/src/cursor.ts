import { SLUG_PATTERN } from '@chain-atlas/types'
import { invalid } from './errors.ts'

const slug = new RegExp(SLUG_PATTERN)

/** Cursors are opaque to clients: the keyset position, base64url-encoded JSON. */
export const encodeCursor = (lastId: string) => Buffer.from(JSON.stringify({ id: lastId })).toString('base64url')

export const decodeCursor = (cursor: string): string => {
  try {
    const { id } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { id?: unknown }
    if (typeof id === 'string' && slug.test(id)) return id
  } catch {
    // fall through: any undecodable cursor is the client's error
  }
  throw invalid('/query/cursor', 'is not a cursor this API issued')
}
