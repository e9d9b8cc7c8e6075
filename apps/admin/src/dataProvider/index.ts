import type { DataProvider } from 'react-admin'

type ListEnvelope = { data: { id: string }[]; meta: { limit: number; next_cursor: string | null } }

const getJson = async <T,>(url: string): Promise<T> => {
  const response = await fetch(url, { headers: { accept: 'application/json' } })
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ detail: response.statusText }))
    throw new Error(problem.detail ?? response.statusText)
  }
  return response.json() as Promise<T>
}

/**
 * Read-only data provider for the public API. Pages are keyset cursors, so page N is reached by
 * following next_cursor; cursors seen are remembered per resource to make that cheap.
 */
export const createDataProvider = (apiUrl = '/v1'): DataProvider => {
  const cursors = new Map<string, string[]>()
  const unsupported = () => Promise.reject(new Error('Editing arrives with curation (accounts and writes).'))

  return {
    getList: async (resource, params) => {
      const perPage = params.pagination?.perPage ?? 25
      const page = params.pagination?.page ?? 1
      const known = cursors.get(resource) ?? ['']
      let envelope: ListEnvelope | undefined
      for (let p = 1; p <= page; p++) {
        const cursor = known[p - 1]
        if (cursor === undefined) break
        if (p < page && known[p] !== undefined) continue
        const query = new URLSearchParams({ limit: String(perPage), ...(cursor ? { cursor } : {}) })
        envelope = await getJson<ListEnvelope>(`${apiUrl}/${resource}?${query}`)
        if (envelope.meta.next_cursor) known[p] = envelope.meta.next_cursor
      }
      cursors.set(resource, known)
      const data = envelope?.data ?? []
      return { data, pageInfo: { hasPreviousPage: page > 1, hasNextPage: Boolean(envelope?.meta.next_cursor) } }
    },
    getOne: async (resource, params) => ({ data: await getJson(`${apiUrl}/${resource}/${params.id}`) }),
    getMany: async (resource, params) => ({
      data: await Promise.all(params.ids.map((id) => getJson<{ id: string }>(`${apiUrl}/${resource}/${id}`))),
    }),
    getManyReference: async () => ({ data: [], total: 0 }),
    create: unsupported,
    update: unsupported,
    updateMany: unsupported,
    delete: unsupported,
    deleteMany: unsupported,
  } as DataProvider
}
