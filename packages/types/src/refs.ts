import type { Static, TSchema } from 'typebox'
import type { ChinaStrategy, Economy, Instrument, SearchMatch } from './collections.ts'
import type { ApiKey, AuditEntry, Change, ReviewItem, Revision, SearchHit, UsedBy, User } from './curation.ts'
import type { ListMeta } from './envelope.ts'
import type { Webhook, WebhookDelivery } from './webhooks.ts'

/** The shared schemas a `Type.Ref` names, by `$id`: what `Static` follows a reference to. */
type Refs = {
  Economy: typeof Economy
  Instrument: typeof Instrument
  ChinaStrategy: typeof ChinaStrategy
  User: typeof User
  ApiKey: typeof ApiKey
  AuditEntry: typeof AuditEntry
  Revision: typeof Revision
  UsedBy: typeof UsedBy
  ReviewItem: typeof ReviewItem
  SearchHit: typeof SearchHit
  SearchMatch: typeof SearchMatch
  Change: typeof Change
  ListMeta: typeof ListMeta
  Webhook: typeof Webhook
  WebhookDelivery: typeof WebhookDelivery
}

/** `Static` for a schema that refers to others by `$id` (a plain `Static` types each reference `unknown`). */
export type StaticWithRefs<T extends TSchema> = Static<T, Refs>
