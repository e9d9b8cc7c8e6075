import type { FastifyRequest } from 'fastify'
import { createHash } from 'node:crypto'
import {
  ApiError,
  FILTERS,
  SORTS,
  STATUSES,
  collectionSpecs,
  invalid,
  listParams,
  type CollectionName,
  type FieldError,
  type Status,
  withArticle,
} from '@chain-atlas/types'
import { existingIds, idsStartingWith, idsWithDescendants, roleAtLeast, type Executor } from '@chain-atlas/db'
import type { Actor } from './plugins/application/auth.ts'
import type { CollectionQuery, Filters, IdCheck } from '@chain-atlas/db'
import { decodeCursor, type CursorValue } from './cursor.ts'

/** Anonymous readers see published entries only. */
export const PUBLIC: Status[] = ['published']

/** What an actor may read: viewers and above see every status. */
export const readableStatuses = (actor: Actor | null): Status[] =>
  actor && roleAtLeast(actor.role, 'viewer') ? [...STATUSES] : PUBLIC

/** The statuses a list asks for (`status=draft,in_review`); anything but published needs a signed-in viewer. */
export const requestedStatuses = (requested: Status[] | undefined, actor: Actor | null): Status[] => {
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
  fields?: string[]
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

/** The comma lists of a collection's query (its list filters, `include` and `status`), split; ids checked for case. */
export const splitCommaLists = (collection: CollectionName) => {
  const split = splitLists([...listParams(collection), 'status'])
  const lowerCase = lowerCaseIds(collection)
  return async (request: FastifyRequest) => {
    await split(request)
    await lowerCase(request)
  }
}

/** The order a request asks for, as a cursor label: `rank` for ranked search, else the sort. */
export const orderOf = (query: ListQuerystring) => (query.q && !query.sort ? 'rank' : (query.sort ?? 'id'))

/** The type a cursor's sort value has in a collection's order. */
const cursorValue = (collection: CollectionName, order: string): CursorValue =>
  order === 'rank' ? 'rank' : (SORTS[collection][order.replace(/^-/, '')]?.value ?? 'text')

/** Turns a validated query string into a repository query. */
/** A lower bound above its upper bound (`year_from=2024&year_to=2020`) matches nothing: say so. */
const checkRanges = (collection: CollectionName, filters: Filters) => {
  const bounds = Object.entries(FILTERS[collection])
  for (const [low, lowSpec] of bounds.filter(([, s]) => s.kind === 'min')) {
    const high = bounds.find(([, s]) => s.kind === 'max' && s.column === lowSpec.column)?.[0]
    if (high && (filters[low] as number) > (filters[high] as number))
      throw invalid(`/query/${low}`, `is after ${high} (${filters[low]} > ${filters[high]}): nothing could match`)
  }
}

/**
 * What a list asks, as a short hash: a cursor carries it, so that a cursor reused with other
 * filters, search or statuses is refused rather than giving a page of another list.
 */
export const scopeOf = (query: Pick<CollectionQuery, 'filters' | 'q' | 'statuses'>) => {
  const filters = Object.entries(query.filters)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => [name, Array.isArray(value) ? [...value].map(String).sort() : value])
  const question = JSON.stringify([filters, query.q ?? null, [...query.statuses].sort()])
  return createHash('sha256').update(question).digest('base64url').slice(0, 12)
}

/** Turns a validated query string into a repository query. */
export const toCollectionQuery = (
  collection: CollectionName,
  query: ListQuerystring,
  actor: Actor | null = null,
): CollectionQuery => {
  const filters: Filters = {}
  for (const name of Object.keys(FILTERS[collection])) if (query[name] !== undefined) filters[name] = query[name]
  checkRanges(collection, filters)
  const sort = query.sort ? { field: query.sort.replace(/^-/, ''), descending: query.sort.startsWith('-') } : undefined
  const statuses = requestedStatuses(query.status as Status[] | undefined, actor)
  const order = orderOf(query)
  return {
    filters,
    q: query.q,
    sort,
    limit: query.limit ?? 50,
    after:
      query.cursor === undefined
        ? undefined
        : decodeCursor(query.cursor, order, cursorValue(collection, order), scopeOf({ filters, q: query.q, statuses })),
    statuses,
  }
}

/** The edit distance between two ids, to suggest the one meant. */
const distance = (a: string, b: string) => {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]!
}

/** The id nearest to an unknown one, among those starting like it, when it is near enough to be a slip. */
const nearestId = async (db: Executor, target: CollectionName, unknown: string, statuses: Status[]) => {
  const candidates = await idsStartingWith(db, target, unknown.slice(0, 1), statuses, 2000)
  const scored = candidates.map((id) => ({ id, d: distance(unknown, id) })).sort((a, b) => a.d - b.d)
  const best = scored[0]
  return best && best.d <= Math.max(2, Math.floor(unknown.length / 3)) ? best.id : undefined
}

/**
 * The ids each filter by ids names, for `queryCollectionJson` to count with its page (when all
 * exist, `checkFilterIds` need not run first); undefined when a tree flag must widen them first.
 */
export const filterIdChecks = (collection: CollectionName, query: CollectionQuery): IdCheck[] | undefined => {
  const checks: IdCheck[] = []
  for (const [name, spec] of Object.entries(FILTERS[collection])) {
    if (spec.kind === 'tree' && query.filters[name] === true) return undefined
    const wanted = query.filters[name] as string[] | undefined
    if (wanted && 'references' in spec && spec.references)
      checks.push({ collection: spec.references, ids: [...new Set(wanted)] })
  }
  return checks
}

/**
 * Filters by ids (`economy=usa`) name entries that exist: an unknown id is a 400 that names it
 * and suggests the nearest, rather than a list that silently matches nothing. Tree flags then
 * widen the ids they apply to (the query's filters change: take its cursor scope first).
 */
export const checkFilterIds = async (db: Executor, collection: CollectionName, query: CollectionQuery) => {
  const errors: FieldError[] = []
  for (const [name, spec] of Object.entries(FILTERS[collection])) {
    const wanted = query.filters[name] as string[] | undefined
    if (!wanted || !('references' in spec) || !spec.references) continue
    const found = new Set(await existingIds(db, spec.references, wanted, query.statuses))
    for (const id of wanted.filter((v) => !found.has(v))) {
      const near = await nearestId(db, spec.references, id, query.statuses)
      const singular = collectionSpecs[spec.references].label.singular
      errors.push({
        pointer: `/query/${name}`,
        detail: `"${id}" is not ${withArticle(singular)} id${near ? `: did you mean "${near}"?` : ''}`,
      })
    }
  }
  if (errors.length)
    throw new ApiError('invalid-request', errors.map((e) => `${e.pointer} ${e.detail}`).join('; '), errors)
  // Then widen what a tree flag asks for: `sector` with `sector_tree`, the sectors under those named too.
  for (const [name, spec] of Object.entries(FILTERS[collection])) {
    if (spec.kind !== 'tree' || query.filters[name] !== true) continue
    const named = query.filters[spec.widens] as string[] | undefined
    if (named) query.filters[spec.widens] = await idsWithDescendants(db, spec.collection, named, query.statuses)
  }
}

/**
 * Ids are lower-case (`economy=US` means `us`): said plainly before the schema's pattern speaks.
 * Runs after the comma lists are split.
 */
export const lowerCaseIds = (collection: CollectionName) => async (request: FastifyRequest) => {
  const query = request.query as Record<string, unknown>
  for (const [name, spec] of Object.entries(FILTERS[collection])) {
    if (!('references' in spec) || !spec.references || !Array.isArray(query[name])) continue
    for (const value of query[name] as string[]) {
      if (value !== value.toLowerCase() && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value.toLowerCase()))
        throw invalid(`/query/${name}`, `ids are lower-case: "${value}" should be "${value.toLowerCase()}"`)
    }
  }
}
