import type { FastifyInstance } from 'fastify'
import { newInstrument } from './entities.ts'

type Headers = Record<string, string>

/** Settings for delivery tests: the loopback receiver allowed, retries in tens of milliseconds. */
export const FAST_WEBHOOKS = {
  WEBHOOKS_ALLOW_HTTP: 'true',
  WEBHOOKS_ALLOW_PRIVATE_HOSTS: 'true',
  WEBHOOK_BACKOFF_MS: '40',
  WEBHOOK_BACKOFF_MAX_MS: '200',
  WEBHOOK_POLL_MS: '100',
  WEBHOOK_TIMEOUT_MS: '3000',
  WEBHOOK_MAX_ATTEMPTS: '3',
}

/** Registers a webhook as the admin; the API's answer (the secret included) parsed. */
export const createWebhook = async (app: FastifyInstance, admin: Headers, payload: Record<string, unknown>) => {
  const res = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: admin, payload })
  if (res.statusCode !== 201) throw new Error(`webhook not created: ${res.statusCode} ${res.body}`)
  return res.json() as { webhook: { id: string }; secret: string }
}

/** Posts a workflow action with the entry's ETag; the new ETag. */
const act = async (app: FastifyInstance, editor: Headers, url: string, etag: string) => {
  const res = await app.inject({ method: 'POST', url, headers: { ...editor, 'if-match': etag } })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.headers.etag as string
}

/** A new instrument created, submitted and published: one `published` event. The entry's ETag. */
export const publishNewInstrument = async (app: FastifyInstance, editor: Headers, id: string) => {
  const created = await app.inject({
    method: 'POST',
    url: '/v1/instruments',
    headers: editor,
    payload: newInstrument(id),
  })
  if (created.statusCode !== 201) throw new Error(`create ${id}: ${created.statusCode} ${created.body}`)
  const submitted = await act(app, editor, `/v1/instruments/${id}/submit`, created.headers.etag as string)
  return act(app, editor, `/v1/instruments/${id}/publish`, submitted)
}

/** Archives then restores a published instrument: an `archived` and a `restored` event. */
export const archiveAndRestore = async (app: FastifyInstance, editor: Headers, id: string, etag: string) => {
  const archived = await act(app, editor, `/v1/instruments/${id}/archive`, etag)
  return act(app, editor, `/v1/instruments/${id}/restore`, archived)
}

/** A webhook's delivery log, first page. */
export const deliveryLog = async (app: FastifyInstance, admin: Headers, webhookId: string) => {
  const res = await app.inject({ url: `/v1/webhooks/${webhookId}/deliveries?limit=200`, headers: admin })
  if (res.statusCode !== 200) throw new Error(`delivery log: ${res.statusCode} ${res.body}`)
  return res.json().data as {
    event: { id: string; type: string; entry_id: string }
    state: string
    attempts: number
    next_attempt_at: string | null
    log: { attempt: number; status_code: number | null; error: string | null; next_attempt_at: string | null }[]
  }[]
}

/** The delivery log once no delivery is pending (each sent and recorded, or given up). */
export const settledLog = async (app: FastifyInstance, admin: Headers, webhookId: string, withinMs = 30_000) => {
  const until = Date.now() + withinMs
  for (;;) {
    const log = await deliveryLog(app, admin, webhookId)
    if (log.every((d) => d.state !== 'pending')) return log
    if (Date.now() > until) throw new Error(`deliveries still pending: ${JSON.stringify(log)}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}
