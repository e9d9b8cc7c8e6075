import { randomUUID } from 'node:crypto'
import type { RouteApp } from '../route-app.ts'
import { Type, type Static } from 'typebox'
import {
  audit,
  deleteWebhook,
  findWebhook,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  updateWebhook,
} from '@chain-atlas/db'
import { notFound, type WebhookCreate, type WebhookUpdate } from '@chain-atlas/types'
import type { WebhookSettings } from '../../config.ts'
import { NoQuery, SIGNED_IN as security, bodyErrors, ok, pageMeta, problem } from '../../responses.ts'
import { checkEndpointUrl } from '../../webhooks/endpoint-address.ts'
import { newWebhookSecret } from '../../webhooks/signing.ts'
import { adminErrors } from './shared.ts'

const WebhookIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
type WebhookIdParams = Static<typeof WebhookIdParams>

const DeliveryQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    // At most 15 digits: a larger number is no delivery id, and loses precision as a JavaScript number.
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,15}$', description: 'The `meta.next_cursor` of the previous page.' }),
    ),
  },
  { additionalProperties: false },
)

const noSuchWebhook = { 404: problem('No such webhook.') }

/**
 * Webhooks: endpoints sent signed change events (published, archived, restored), and their delivery
 * log. Admins only; the secret is shown once, on create. Sending is the dispatcher's (webhooks/).
 *
 *   GET /v1/webhooks                    listWebhooks
 *   POST /v1/webhooks                   createWebhook
 *   GET /v1/webhooks/{id}               getWebhook
 *   PATCH /v1/webhooks/{id}             updateWebhook
 *   DELETE /v1/webhooks/{id}            deleteWebhook
 *   GET /v1/webhooks/{id}/deliveries    listWebhookDeliveries
 */
export default async function webhookRoutes(app: RouteApp, { settings }: { settings: WebhookSettings }) {
  const common = { tags: ['admin'], security }
  const adminOnly = { requiredRole: 'admin' as const }

  app.get(
    '/v1/webhooks',
    {
      schema: {
        ...common,
        operationId: 'listWebhooks',
        summary: 'List webhooks',
        description:
          'Every endpoint: its URL, the events and collections it is sent, whether active. Never the secret. Admins only.',
        querystring: NoQuery,
        response: { 200: ok('WebhookList', 'Every webhook, without secrets.'), ...adminErrors },
      },
      config: adminOnly,
    },
    async () => ({ data: await listWebhooks(app.database.db) }),
  )

  app.post<{ Body: WebhookCreate }>(
    '/v1/webhooks',
    {
      schema: {
        ...common,
        operationId: 'createWebhook',
        summary: 'Register a webhook (its secret is shown once)',
        description:
          'Published, archived and restored entries of the chosen collections are POSTed to the URL, signed with the secret (docs/webhooks.md). Store the secret now: it is not shown again. Admins only.',
        querystring: NoQuery,
        body: Type.Ref('WebhookCreate'),
        response: {
          201: ok('WebhookCreated', 'The webhook and, this once, its secret.'),
          ...adminErrors,
          ...bodyErrors,
        },
      },
      config: adminOnly,
    },
    async (request, reply) => {
      const { url, events, collections, active, description } = request.body
      const secret = newWebhookSecret()
      const webhook = await insertWebhook(app.database.db, {
        id: randomUUID(),
        url: checkEndpointUrl(url, settings),
        secret,
        events,
        collections: collections ?? null,
        active: active ?? true,
        description: description ?? '',
        created_by: request.actor!.userId,
      })
      await audit(app.database.db, {
        event: 'webhook_created',
        actor: request.actor!.id,
        subject: webhook.id,
        detail: { url: webhook.url, events: webhook.events, collections: webhook.collections },
      })
      reply.header('cache-control', 'no-store')
      return reply.code(201).send({ webhook, secret })
    },
  )

  app.get(
    '/v1/webhooks/:id',
    {
      schema: {
        ...common,
        operationId: 'getWebhook',
        summary: 'Get a webhook',
        description: 'One endpoint, without its secret. Admins only.',
        params: WebhookIdParams,
        querystring: NoQuery,
        response: { 200: ok('Webhook', 'The webhook.'), ...adminErrors, ...noSuchWebhook },
      },
      config: adminOnly,
    },
    async (request) => orNotFound(await findWebhook(app.database.db, request.params.id), request.params.id),
  )

  app.patch<{ Params: WebhookIdParams; Body: WebhookUpdate }>(
    '/v1/webhooks/:id',
    {
      schema: {
        ...common,
        operationId: 'updateWebhook',
        summary: 'Change a webhook’s URL, events, collections or state',
        description:
          'Only the fields sent change. Every delivery goes to the URL the endpoint has when it is sent, pending ones and retries included. An inactive endpoint is sent no new events and its pending deliveries wait. Admins only.',
        params: WebhookIdParams,
        querystring: NoQuery,
        body: Type.Ref('WebhookUpdate'),
        response: { 200: ok('Webhook', 'Updated.'), ...adminErrors, ...bodyErrors, ...noSuchWebhook },
      },
      config: adminOnly,
    },
    async (request) => {
      const { url, ...rest } = request.body
      const change = { ...rest, ...(url === undefined ? {} : { url: checkEndpointUrl(url, settings) }) }
      const webhook = orNotFound(await updateWebhook(app.database.db, request.params.id, change), request.params.id)
      await audit(app.database.db, {
        event: 'webhook_changed',
        actor: request.actor!.id,
        subject: webhook.id,
        detail: change,
      })
      return webhook
    },
  )

  app.delete(
    '/v1/webhooks/:id',
    {
      schema: {
        ...common,
        operationId: 'deleteWebhook',
        summary: 'Delete a webhook',
        description:
          'The endpoint is sent nothing more; its pending deliveries and its delivery log go with it. Admins only.',
        params: WebhookIdParams,
        querystring: NoQuery,
        response: { 200: ok('Webhook', 'Deleted.'), ...adminErrors, ...noSuchWebhook },
      },
      config: adminOnly,
    },
    async (request) => {
      const webhook = orNotFound(await deleteWebhook(app.database.db, request.params.id), request.params.id)
      await audit(app.database.db, { event: 'webhook_deleted', actor: request.actor!.id, subject: webhook.id })
      return webhook
    },
  )

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      schema: {
        ...common,
        operationId: 'listWebhookDeliveries',
        summary: 'A webhook’s delivery log, newest first',
        description:
          'Each event sent (or to be sent) to the endpoint: its state, the next attempt, and every attempt with its status code or error and its duration. Admins only.',
        params: WebhookIdParams,
        querystring: DeliveryQuery,
        response: { 200: ok('WebhookDeliveryList', 'A page of deliveries.'), ...adminErrors, ...noSuchWebhook },
      },
      config: adminOnly,
    },
    async (request) => {
      orNotFound(await findWebhook(app.database.db, request.params.id), request.params.id)
      const limit = request.query.limit ?? 50
      const cursor = request.query.cursor ? Number(request.query.cursor) : undefined
      const rows = await listDeliveries(app.database.db, request.params.id, limit + 1, cursor)
      const page = rows.slice(0, limit)
      return { data: page, meta: pageMeta(limit, rows.length > limit ? String(page.at(-1)!.id) : null) }
    },
  )
}

const orNotFound = <T>(found: T | undefined, id: string): T => {
  if (!found) throw notFound(`webhook ${id}`)
  return found
}
