import type { DataProvider, RaRecord } from 'react-admin'
import { request } from './http.ts'

type Entity = RaRecord & { id: string; version: number }
type ListEnvelope = { data: Entity[]; meta: { limit: number; next_cursor: string | null; total?: number } }

/** Fields the server keeps: never sent back in a write. */
const SERVER_FIELDS = ['id', 'version', 'status', 'created_at', 'updated_at', 'embedded', 'match']

const contentOf = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([key, value]) => !SERVER_FIELDS.includes(key) && value !== undefined))

const ifMatch = (record: { version?: number } | undefined) => ({ 'if-match': `"v${record?.version ?? 0}"` })

/** Filters become query parameters; arrays become comma lists; `q` is full-text search. */
const queryOf = (filter: Record<string, unknown> = {}) => {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '') continue
    query.set(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  return query
}

/**
 * The data provider for the Chain Atlas API: the `{ data, meta }` envelope, keyset cursors
 * (page N is reached through the cursors of pages 1…N−1, remembered per query), filters, sort,
 * and `If-Match` from the record's version on every update and archive.
 */
export const createDataProvider = (apiUrl = '/v1') => {
  const cursors = new Map<string, (string | null)[]>()

  const page = async (resource: string, query: URLSearchParams, perPage: number, pageNumber: number) => {
    const key = `${resource}?${query}&limit=${perPage}`
    const known = cursors.get(key) ?? ['']
    let envelope: ListEnvelope | undefined
    for (let p = 1; p <= pageNumber; p++) {
      const cursor = known[p - 1]
      if (cursor === undefined || cursor === null) break
      if (p < pageNumber && known[p] !== undefined) continue
      const params = new URLSearchParams(query)
      params.set('limit', String(perPage))
      params.set('count', 'true')
      if (cursor) params.set('cursor', cursor)
      envelope = (await request<ListEnvelope>(`${apiUrl}/${resource}?${params}`)).json
      known[p] = envelope.meta.next_cursor
    }
    cursors.set(key, known)
    return envelope
  }

  const provider = {
    getList: async (resource: string, params: Parameters<DataProvider['getList']>[1]) => {
      const query = queryOf(params.filter)
      const { field, order } = params.sort ?? { field: 'id', order: 'ASC' }
      if (field && field !== 'id') query.set('sort', `${order === 'DESC' ? '-' : ''}${field}`)
      else if (order === 'DESC') query.set('sort', '-id')
      const { page: pageNumber = 1, perPage = 25 } = params.pagination ?? {}
      const envelope = await page(resource, query, perPage, pageNumber)
      return { data: envelope?.data ?? [], total: envelope?.meta.total ?? 0 }
    },
    getOne: async (resource: string, params: Parameters<DataProvider['getOne']>[1]) => ({ data: (await request<Entity>(`${apiUrl}/${resource}/${params.id}`)).json }),
    getMany: async (resource: string, params: Parameters<DataProvider['getMany']>[1]) => ({
      data: await Promise.all(params.ids.map(async (id) => (await request<Entity>(`${apiUrl}/${resource}/${id}`)).json)),
    }),
    getManyReference: async (resource: string, params: Parameters<DataProvider['getManyReference']>[1]) => {
      const query = queryOf({ ...params.filter, [params.target]: params.id })
      const envelope = await page(resource, query, params.pagination.perPage, params.pagination.page)
      return { data: envelope?.data ?? [], total: envelope?.meta.total ?? 0 }
    },
    create: async (resource: string, params: Parameters<DataProvider['create']>[1]) => ({
      data: (await request<Entity>(`${apiUrl}/${resource}`, { method: 'POST', body: params.data, headers: { 'idempotency-key': crypto.randomUUID() } })).json,
    }),
    update: async (resource: string, params: Parameters<DataProvider['update']>[1]) => ({
      data: (await request<Entity>(`${apiUrl}/${resource}/${params.id}`, {
        method: 'PUT',
        body: contentOf(params.data),
        headers: ifMatch(params.previousData as Entity | undefined),
      })).json,
    }),
    updateMany: async (resource: string, params: Parameters<DataProvider['updateMany']>[1]) => {
      for (const id of params.ids) {
        const current = (await request<Entity>(`${apiUrl}/${resource}/${id}`)).json
        await request(`${apiUrl}/${resource}/${id}`, { method: 'PATCH', body: params.data, headers: ifMatch(current), contentType: 'application/merge-patch+json' })
      }
      return { data: params.ids }
    },
    /** Entries are never deleted: "delete" archives (editors). */
    delete: async (resource: string, params: Parameters<DataProvider['delete']>[1]) => ({
      data: (await request<Entity>(`${apiUrl}/${resource}/${params.id}/archive`, { method: 'POST', headers: ifMatch(params.previousData as Entity | undefined) })).json,
    }),
    deleteMany: async (resource: string, params: Parameters<DataProvider['deleteMany']>[1]) => {
      for (const id of params.ids) {
        const current = (await request<Entity>(`${apiUrl}/${resource}/${id}`)).json
        await request(`${apiUrl}/${resource}/${id}/archive`, { method: 'POST', headers: ifMatch(current) })
      }
      return { data: params.ids }
    },
    /** Workflow actions: submit, publish, archive, revert. */
    transition: async (resource: string, id: string, action: 'submit' | 'publish' | 'archive', version: number) =>
      (await request<Entity>(`${apiUrl}/${resource}/${id}/${action}`, { method: 'POST', headers: ifMatch({ version }) })).json,
    revert: async (resource: string, id: string, toVersion: number, version: number) =>
      (await request<Entity>(`${apiUrl}/${resource}/${id}/revert`, { method: 'POST', body: { version: toVersion }, headers: ifMatch({ version }) })).json,
    revisions: async (resource: string, id: string) =>
      (await request<{ data: unknown[] }>(`${apiUrl}/${resource}/${id}/revisions`)).json.data,
  }
  // react-admin's generic signatures cannot be met by a concrete record type; the shapes are its own.
  return provider as unknown as DataProvider & Pick<typeof provider, 'transition' | 'revert' | 'revisions'>
}
