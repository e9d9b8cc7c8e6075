import type { FastifyRequest } from 'fastify'
import { ApiError, FILTERS, SORTS, STATUSES, listParams, type CollectionName, type Status } from '@chain-atlas/types'
import { roleAtLeast } from '@chain-atlas/db'
import type { Actor } from './plugins/application/auth.ts'
import type { CollectionQuery, Filters } from '@chain-atlas/db'
import { decodeCursor, type CursorValue } from './cursor.ts'

/** Anonymous readers see published entries only. */
export const PUBLIC: Status[] = ['published']

/** What an actor may read: viewers and above see every status. */
export const readableStatuses = (actor: Actor | null): Status[] =>
  actor && roleAtLeast(actor.role, 'viewer') ? [...STATUSES] : PUBLIC

/** The statuses a list asks for (`status=draft,in_review`); anything but published needs a signed-in viewer. */
const requestedStatuses = (requested: Status[] | undefined, actor: Actor | null): Status[] => {
  if (!requested) return PUBLIC
  if (requested.some((s) => s !== 'published') && !actor)
    throw new ApiError('unauthorized', 'Only signed-in users may read entries that are not published.')
  return requested
}

/**
 * What every list's query has in common. Its schema is built per collection at run time
 * (`listQuerySchema`), so the type provider infers nothing from it; the filters stay a record.
 */
export type ListQuerystring = Record<string, unknown> & {
  q?: string
  sort?: string
  limit?: number
  cursor?: string
  count?: boolean
  include?: string[]
}

/**
 * Comma lists arrive as one string (`economy=us,jp`) or repeated (`economy=us&economy=jp`):
 * both become one array before validation.
 */
export const splitLists = (names: string[]) => async (request: FastifyRequest) => {
  const query = request.query as Record<string, unknown>
  for (const name of names) {
    const value = query[name]
    if (value === undefined) continue
    query[name] = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim())
  }
}

/** The comma lists of a collection's query: its list filters, `include` and `status`. */
export const splitCommaLists = (collection: CollectionName) => splitLists([...listParams(collection), 'status'])

/** The order a request asks for, as a cursor label: `rank` for ranked search, else the sort. */
export const orderOf = (query: ListQuerystring) => (query.q && !query.sort ? 'rank' : (query.sort ?? 'id'))

/** The type a cursor's sort value has in a collection's order. */
const cursorValue = (collection: CollectionName, order: string): CursorValue =>
  order === 'rank' ? 'rank' : (SORTS[collection][order.replace(/^-/, '')]?.value ?? 'text')

/** Turns a validated query string into a repository query. */
export const toCollectionQuery = (
  collection: CollectionName,
  query: ListQuerystring,
  actor: Actor | null = null,
): CollectionQuery => {
  const filters: Filters = {}
  for (const name of Object.keys(FILTERS[collection])) if (query[name] !== undefined) filters[name] = query[name]
  const sort = query.sort ? { field: query.sort.replace(/^-/, ''), descending: query.sort.startsWith('-') } : undefined
  return {
    filters,
    q: query.q,
    sort,
    limit: query.limit ?? 50,
    after:
      query.cursor === undefined
        ? undefined
        : decodeCursor(query.cursor, orderOf(query), cursorValue(collection, orderOf(query))),
    statuses: requestedStatuses(query.status as Status[] | undefined, actor),
  }
}
