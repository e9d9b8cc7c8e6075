import type { DataProvider, RaRecord } from 'react-admin'
import {
  isServerField,
  type Comparison,
  type Diff,
  type ListEnvelope,
  type ReviewQueue,
  type RevisionList,
  type UsedByList,
  type Transition,
} from '@chain-atlas/types'
import { isCollection } from '../collections.ts'
import { request } from './http.ts'
import { accountsProvider } from './accounts.ts'

type Entity = RaRecord & { id: string; version: number }

/** The API's largest page; react-admin's exporter asks for more, which takes several pages. */
const MAX_LIMIT = 200

const withoutServerFields = (record: Record<string, unknown>, keep: string[] = []) =>
  Object.fromEntries(
    Object.entries(record).filter(([key, value]) => value !== undefined && (keep.includes(key) || !isServerField(key))),
  )

const ifMatch = (record: { version?: number } | undefined) => ({ 'if-match': `"v${record?.version ?? 0}"` })

/** Filters become query parameters; arrays become comma lists; `q` is full-text search. */
const queryOf = (filter: Record<string, unknown> = {}, include?: string[]) => {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue
    query.set(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  if (include?.length) query.set('include', include.join(','))
  return query
}

/**
 * The data provider for the Chain Atlas API: the `{ data, meta }` envelope, keyset cursors
 * (page N is reached through the cursors of pages 1…N−1, remembered per query), filters, sort,
 * `include` (as `meta.include`), the working copy (`meta.draft`), and `If-Match` from the record's
 * version on every update and archive. Users, API keys and webhooks, which have their own routes, go to the
 * accounts provider; the review queue (`review-queue`) is a list across collections.
 */
export const createDataProvider = (apiUrl = '/v1') => {
  const cursors = new Map<string, (string | null)[]>()

  /**
   * One request of up to MAX_LIMIT entries, or several following the cursor for a bigger page.
   * `counted`: the collections count their entries; the review queue does not.
   */
  const fetchPage = async (
    resource: string,
    query: URLSearchParams,
    cursor: string,
    size: number,
    counted: boolean,
  ) => {
    const data: Entity[] = []
    let next: string | null = cursor
    let total: number | undefined
    do {
      const params = new URLSearchParams(query)
      params.set('limit', String(Math.min(size - data.length, MAX_LIMIT)))
      if (counted) params.set('count', 'true')
      if (next) params.set('cursor', next)
      const envelope = (await request<ListEnvelope<Entity>>(`${apiUrl}/${resource}?${params}`)).json
      data.push(...envelope.data)
      next = envelope.meta.next_cursor
      total = envelope.meta.total
    } while (next && data.length < size)
    return { data, next, total }
  }

  const page = async (
    resource: string,
    query: URLSearchParams,
    perPage: number,
    pageNumber: number,
    counted = true,
  ) => {
    const key = `${resource}?${query}&limit=${perPage}`
    const known = cursors.get(key) ?? ['']
    let result: Awaited<ReturnType<typeof fetchPage>> | undefined
    for (let p = 1; p <= pageNumber; p++) {
      const cursor = known[p - 1]
      if (cursor === undefined || cursor === null) break
      if (p < pageNumber && known[p] !== undefined) continue
      result = await fetchPage(resource, query, cursor, perPage, counted)
      known[p] = result.next
    }
    cursors.set(key, known)
    const data = result?.data ?? []
    if (counted) return { data, total: result?.total ?? 0 }
    // Uncounted: the total is known on the last page only; before it, "more than" this page.
    if (result?.next) return { data, pageInfo: { hasNextPage: true, hasPreviousPage: pageNumber > 1 } }
    return { data, total: (pageNumber - 1) * perPage + data.length }
  }

  /**
   * What an editor works on: the working copy (`…/draft`) when there is one, else the entry itself
   * (as published, or archived).
   */
  const getDraft = async (resource: string, id: string) => {
    try {
      const url = `${apiUrl}/${resource}/${encodeURIComponent(id)}/draft`
      return (await request<Entity>(url)).json
    } catch (error) {
      if ((error as { status?: number }).status === 404) return getOne(resource, id)
      throw error
    }
  }

  /**
   * The review queue as a react-admin list, across collections: ids are `collection/id` (an id may
   * repeat in two collections), `mine` asks for the signed-in user's own.
   */
  const reviewQueue = async (params: Parameters<DataProvider['getList']>[1]) => {
    const { mine, ...filter } = params.filter ?? {}
    const query = queryOf({ ...filter, author: mine ? 'me' : filter.author })
    const { page: pageNumber = 1, perPage = 25 } = params.pagination ?? {}
    const result = await page('review-queue', query, perPage, pageNumber, false)
    const items = result.data as unknown as ReviewQueue['data']
    return {
      ...result,
      data: items.map((item) => ({ ...item, id: `${item.collection}/${item.id}`, entity_id: item.id })),
    }
  }

  const getOne = async (resource: string, id: string, include?: string[]) => {
    const query = queryOf({}, include)
    return (await request<Entity>(`${apiUrl}/${resource}/${encodeURIComponent(id)}${query.size ? `?${query}` : ''}`))
      .json
  }

  const provider = {
    getList: async (resource: string, params: Parameters<DataProvider['getList']>[1]) => {
      const query = queryOf(params.filter, params.meta?.include)
      const { field, order } = params.sort ?? { field: 'id', order: 'ASC' }
      if (field && field !== 'id') query.set('sort', `${order === 'DESC' ? '-' : ''}${field}`)
      else if (order === 'DESC') query.set('sort', '-id')
      const { page: pageNumber = 1, perPage = 25 } = params.pagination ?? {}
      return page(resource, query, perPage, pageNumber)
    },
    /** `meta.draft`: the working copy when there is one (what the edit form and the workflow act on). */
    getOne: async (resource: string, params: Parameters<DataProvider['getOne']>[1]) => ({
      data: params.meta?.draft
        ? await getDraft(resource, String(params.id))
        : await getOne(resource, String(params.id), params.meta?.include),
    }),
    getMany: async (resource: string, params: Parameters<DataProvider['getMany']>[1]) => ({
      data: (await Promise.allSettled(params.ids.map((id) => getOne(resource, String(id))))).flatMap((r) =>
        r.status === 'fulfilled' ? [r.value] : [],
      ),
    }),
    getManyReference: async (resource: string, params: Parameters<DataProvider['getManyReference']>[1]) =>
      page(
        resource,
        queryOf({ ...params.filter, [params.target]: params.id }),
        params.pagination.perPage,
        params.pagination.page,
      ),
    create: async (resource: string, params: Parameters<DataProvider['create']>[1]) => ({
      data: (
        await request<Entity>(`${apiUrl}/${resource}`, {
          method: 'POST',
          body: withoutServerFields(params.data, ['id']),
          headers: { 'idempotency-key': crypto.randomUUID() },
        })
      ).json,
    }),
    update: async (resource: string, params: Parameters<DataProvider['update']>[1]) => ({
      data: (
        await request<Entity>(`${apiUrl}/${resource}/${params.id}`, {
          method: 'PUT',
          body: withoutServerFields(params.data),
          headers: ifMatch(params.previousData as Entity | undefined),
        })
      ).json,
    }),
    updateMany: async (resource: string, params: Parameters<DataProvider['updateMany']>[1]) => {
      for (const id of params.ids) {
        const current = await getDraft(resource, String(id))
        await request(`${apiUrl}/${resource}/${id}`, {
          method: 'PATCH',
          body: params.data,
          headers: ifMatch(current),
          contentType: 'application/merge-patch+json',
        })
      }
      return { data: params.ids }
    },
    /** Entries are never deleted: "delete" archives (editors). */
    delete: async (resource: string, params: Parameters<DataProvider['delete']>[1]) => ({
      data: (
        await request<Entity>(`${apiUrl}/${resource}/${params.id}/archive`, {
          method: 'POST',
          headers: ifMatch(params.previousData as Entity | undefined),
        })
      ).json,
    }),
    deleteMany: async (resource: string, params: Parameters<DataProvider['deleteMany']>[1]) => {
      for (const id of params.ids) {
        const current = await getDraft(resource, String(id))
        await request(`${apiUrl}/${resource}/${id}/archive`, { method: 'POST', headers: ifMatch(current) })
      }
      return { data: params.ids }
    },
    /** Workflow actions (submit, publish, request-changes, archive, restore), with the comment if any. */
    transition: async (resource: string, id: string, action: Transition, version: number, comment?: string) =>
      (
        await request<Entity>(`${apiUrl}/${resource}/${id}/${action}`, {
          method: 'POST',
          body: comment ? { comment } : undefined,
          headers: ifMatch({ version }),
        })
      ).json,
    /** Drops the working copy of a published entry; answers the published version. */
    discard: async (resource: string, id: string, version: number) =>
      (await request<Entity>(`${apiUrl}/${resource}/${id}/discard`, { method: 'POST', headers: ifMatch({ version }) }))
        .json,
    /** What changed between two versions, field by field. */
    diff: async (resource: string, id: string, from: number, to: number) =>
      (await request<Diff>(`${apiUrl}/${resource}/${id}/diff?from=${from}&to=${to}`)).json,
    revert: async (resource: string, id: string, toVersion: number, version: number) =>
      (
        await request<Entity>(`${apiUrl}/${resource}/${id}/revert`, {
          method: 'POST',
          body: { version: toVersion },
          headers: ifMatch({ version }),
        })
      ).json,
    revisions: async (resource: string, id: string) =>
      (await request<RevisionList>(`${apiUrl}/${resource}/${id}/revisions`)).json.data,
    /** The first page (the API's largest) of the entries that reference this one. */
    usedBy: async (resource: string, id: string) =>
      (await request<UsedByList>(`${apiUrl}/${resource}/${id}/used-by?limit=${MAX_LIMIT}`)).json,
    /** The comparison matrix of `/v1/compare`. */
    compare: async (query: URLSearchParams) => (await request<Comparison>(`${apiUrl}/compare?${query}`)).json,
  }
  const accounts = accountsProvider(apiUrl)
  // Users, API keys and webhooks are not curated collections: same react-admin methods, other routes.
  const routed = Object.fromEntries(
    (
      [
        'getList',
        'getOne',
        'getMany',
        'getManyReference',
        'create',
        'update',
        'updateMany',
        'delete',
        'deleteMany',
      ] as const
    ).map((method) => [
      method,
      (resource: string, params: never) =>
        isCollection(resource)
          ? (provider[method] as any)(resource, params)
          : resource === 'review-queue' && method === 'getList'
            ? reviewQueue(params)
            : (accounts[method] as any)(resource, params),
    ]),
  )
  // react-admin's generic signatures cannot be met by a concrete record type; the shapes are its own.
  return { ...provider, ...routed } as unknown as DataProvider &
    Pick<typeof provider, 'transition' | 'discard' | 'diff' | 'revert' | 'revisions' | 'usedBy' | 'compare'>
}

/** The data provider with the Atlas's own methods (workflow, history, used-by, compare), for `useDataProvider<AtlasDataProvider>()`. */
export type AtlasDataProvider = ReturnType<typeof createDataProvider>
