import { UserUpdate, WebhookUpdate } from '@chain-atlas/types'
import { request } from './http.ts'

type Row = { id: string; [key: string]: unknown }

/** The fields each resource's PATCH takes (users by default). */
const EDITABLE: Record<string, { properties: object }> = { users: UserUpdate, webhooks: WebhookUpdate }

/**
 * Users, API keys and webhooks (admins only): whole lists without paging (a team, not a dataset), PATCH for
 * users, DELETE to revoke a key or remove a webhook. A new key or webhook carries its secret once, in the create response.
 */
export const accountsProvider = (apiUrl: string) => {
  const all = async (resource: string) => (await request<{ data: Row[] }>(`${apiUrl}/${resource}`)).json.data
  const one = async (resource: string, id: string) => {
    const row = (await all(resource)).find((r) => r.id === id)
    if (!row) throw new Error(`No ${resource} ${id}`)
    return row
  }
  const unsupported = async () => {
    throw new Error('Not supported for accounts')
  }
  return {
    getList: async (
      resource: string,
      params: { pagination?: { page: number; perPage: number }; sort?: { field: string; order: string } },
    ) => {
      const rows = await all(resource)
      const { field = 'created_at', order = 'ASC' } = params.sort ?? {}
      rows.sort((a, b) => String(a[field] ?? '').localeCompare(String(b[field] ?? '')) * (order === 'DESC' ? -1 : 1))
      const { page = 1, perPage = 25 } = params.pagination ?? {}
      return { data: rows.slice((page - 1) * perPage, page * perPage), total: rows.length }
    },
    getOne: async (resource: string, params: { id: string }) => ({ data: await one(resource, String(params.id)) }),
    getMany: async (resource: string, params: { ids: string[] }) => ({
      data: (await all(resource)).filter((r) => params.ids.includes(r.id)),
    }),
    getManyReference: unsupported,
    create: async (resource: string, params: { data: Record<string, unknown> }) => {
      const created = (
        await request<Row & { key?: Row; webhook?: Row; secret?: string }>(`${apiUrl}/${resource}`, {
          method: 'POST',
          body: params.data,
        })
      ).json
      // A new API key or webhook comes with its secret, this once.
      const withSecret = created.key ?? created.webhook
      return { data: withSecret ? { ...withSecret, secret: created.secret } : created }
    },
    update: async (
      resource: string,
      params: { id: string; data: Record<string, unknown>; previousData: Record<string, unknown> },
    ) => {
      const editable = Object.keys((EDITABLE[resource] ?? UserUpdate).properties) // the fields the resource's PATCH takes
      // A webhook's collections may be null (every collection); a user's fields never are.
      const nullable = resource === 'webhooks' ? ['collections'] : []
      const changed = Object.fromEntries(
        editable
          .filter(
            (k) =>
              params.data[k] !== undefined &&
              (params.data[k] !== null || nullable.includes(k)) &&
              JSON.stringify(params.data[k]) !== JSON.stringify(params.previousData[k]),
          )
          .map((k) => [k, params.data[k]]),
      )
      if (!Object.keys(changed).length) return { data: params.previousData }
      return {
        data: (await request<Row>(`${apiUrl}/${resource}/${params.id}`, { method: 'PATCH', body: changed })).json,
      }
    },
    updateMany: unsupported,
    delete: async (resource: string, params: { id: string }) => ({
      data: (await request<Row>(`${apiUrl}/${resource}/${params.id}`, { method: 'DELETE' })).json,
    }),
    deleteMany: unsupported,
  }
}
