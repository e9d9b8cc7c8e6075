import { Type, type Static } from 'typebox'
import { COLLECTION_NAMES } from './collections.ts'
import { Slug, StringEnum, Timestamp } from './primitives.ts'
import type { StaticWithRefs } from './refs.ts'

/** The changes a webhook can be told of: an entry published (first or anew), archived from the public set, restored. */
export const WEBHOOK_EVENT_TYPES = ['published', 'archived', 'restored'] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]
export const WebhookEventType = StringEnum(WEBHOOK_EVENT_TYPES, {
  description:
    'published: an entry (or a new version of it) went public; archived: it left the public set; restored: it came back.',
})

/** Where a delivery stands: waiting for its (next) attempt, received (2xx), or given up after the last attempt. */
export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const
export const WebhookDeliveryState = StringEnum(WEBHOOK_DELIVERY_STATES, {
  description:
    'pending: an attempt is due or will be retried; delivered: the receiver answered 2xx; failed: every attempt failed.',
})

const WebhookUrl = Type.String({
  minLength: 8,
  maxLength: 2000,
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
  description: 'Where events are POSTed: an https URL (http only when the server allows it, WEBHOOKS_ALLOW_HTTP).',
})
const Events = Type.Array(WebhookEventType, {
  minItems: 1,
  maxItems: WEBHOOK_EVENT_TYPES.length,
  uniqueItems: true,
  description: 'The changes to send.',
})
const Collections = Type.Union(
  [
    Type.Array(StringEnum(COLLECTION_NAMES), {
      minItems: 1,
      maxItems: COLLECTION_NAMES.length,
      uniqueItems: true,
    }),
    Type.Null(),
  ],
  { description: 'The collections whose changes to send; null for every collection.' },
)
const Description = Type.String({ maxLength: 500, description: 'What the endpoint is for, for the admins.' })

export const Webhook = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    url: WebhookUrl,
    events: Events,
    collections: Collections,
    active: Type.Boolean({ description: 'Only active endpoints are sent new events.' }),
    description: Description,
    created_by: Type.Union([Type.String(), Type.Null()]),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'Webhook', additionalProperties: false, description: 'An endpoint that is sent change events, signed.' },
)
export type Webhook = Static<typeof Webhook>

export const WebhookList = Type.Object(
  { data: Type.Array(Type.Ref('Webhook')) },
  { $id: 'WebhookList', additionalProperties: false },
)
export type WebhookList = StaticWithRefs<typeof WebhookList>

export const WebhookCreate = Type.Object(
  {
    url: WebhookUrl,
    events: Events,
    collections: Type.Optional(Collections),
    active: Type.Optional(Type.Boolean({ default: true })),
    description: Type.Optional(Description),
  },
  { $id: 'WebhookCreate', additionalProperties: false },
)
export type WebhookCreate = Static<typeof WebhookCreate>

export const WebhookUpdate = Type.Object(
  {
    url: Type.Optional(WebhookUrl),
    events: Type.Optional(Events),
    collections: Type.Optional(Collections),
    active: Type.Optional(Type.Boolean()),
    description: Type.Optional(Description),
  },
  { $id: 'WebhookUpdate', additionalProperties: false, minProperties: 1 },
)
export type WebhookUpdate = Static<typeof WebhookUpdate>

export const WebhookCreated = Type.Object(
  {
    webhook: Type.Ref('Webhook'),
    secret: Type.String({
      description:
        'The signing secret, shown this once: verify each delivery’s `Signature` with it (docs/webhooks.md).',
    }),
  },
  { $id: 'WebhookCreated', additionalProperties: false },
)
export type WebhookCreated = StaticWithRefs<typeof WebhookCreated>

const WebhookAttempt = Type.Object(
  {
    attempt: Type.Integer({ minimum: 1 }),
    at: Timestamp,
    duration_ms: Type.Integer({ minimum: 0, description: 'From sending the request to its answer or error.' }),
    status_code: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The receiver’s answer; null when none came.',
    }),
    error: Type.Union([Type.String(), Type.Null()], {
      description: 'Why the attempt failed without an answer (timeout, refused connection), or a non-2xx status.',
    }),
    next_attempt_at: Type.Union([Timestamp, Type.Null()], { description: 'When it is retried; null when it is not.' }),
  },
  { additionalProperties: false },
)

export const WebhookDelivery = Type.Object(
  {
    id: Type.Integer(),
    event: Type.Object(
      {
        id: Type.String({
          format: 'uuid',
          description: 'The event id, sent as `Webhook-Id`: the same on every retry.',
        }),
        type: WebhookEventType,
        collection: StringEnum(COLLECTION_NAMES),
        entry_id: Slug,
        version: Type.Integer({ minimum: 1 }),
        occurred_at: Timestamp,
      },
      { additionalProperties: false },
    ),
    state: WebhookDeliveryState,
    attempts: Type.Integer({ minimum: 0, description: 'Attempts made so far.' }),
    next_attempt_at: Type.Union([Timestamp, Type.Null()], {
      description: 'When the next attempt is due; null once done.',
    }),
    delivered_at: Type.Union([Timestamp, Type.Null()]),
    log: Type.Array(WebhookAttempt, { description: 'Every attempt, first first.' }),
  },
  { $id: 'WebhookDelivery', additionalProperties: false, description: 'One event sent to one endpoint.' },
)
export type WebhookDelivery = Static<typeof WebhookDelivery>

export const WebhookDeliveryList = Type.Object(
  { data: Type.Array(Type.Ref('WebhookDelivery')), meta: Type.Ref('ListMeta') },
  { $id: 'WebhookDeliveryList', additionalProperties: false },
)
export type WebhookDeliveryList = StaticWithRefs<typeof WebhookDeliveryList>
