import { Type, type Static } from 'typebox'
import { COLLECTION_NAMES } from './collections.ts'
import { PlainText, Slug, Status, StringEnum, Timestamp } from './primitives.ts'
import type { StaticWithRefs } from './refs.ts'
import { RANKED_SEARCH_SCOPE } from './queries.ts'

export const ROLE_NAMES = ['viewer', 'curator', 'editor', 'admin'] as const
export const Role = StringEnum(ROLE_NAMES, {
  description:
    'viewer reads drafts; curator also writes and submits; editor also publishes, archives, reverts; admin also manages users and keys.',
})
export type Role = Static<typeof Role>

/** Whether a role has the powers of `needed`: each role can do what the ones before it can. */
export const roleAtLeast = (role: string | undefined, needed: Role) =>
  ROLE_NAMES.indexOf(role as Role) >= ROLE_NAMES.indexOf(needed)

/** The workflow: the states each action leads from, the state it leads to, and the least role it needs. */
export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'in_review', role: 'curator' },
  publish: { from: ['in_review'], to: 'published', role: 'editor' },
  archive: { from: ['draft', 'in_review', 'published'], to: 'archived', role: 'editor' },
  'request-changes': { from: ['in_review'], to: 'draft', role: 'editor' },
  restore: { from: ['archived'], to: 'published', role: 'editor' },
} as const satisfies Record<string, { from: readonly Status[]; to: Status; role: Role }>
export type Transition = keyof typeof TRANSITIONS

/** An entry's title or name as another answer names it: English and Chinese (empty when the entry has none). */
const TitleOf = (description: string) =>
  Type.Object({ en: Type.String(), zh: Type.String() }, { additionalProperties: false, description })

export const Email = Type.String({ format: 'email', maxLength: 254 })
export const Password = Type.String({ minLength: 12, maxLength: 200, description: 'At least 12 characters.' })

export const User = Type.Object(
  {
    id: Type.String(),
    email: Email,
    display_name: Type.String(),
    role: Role,
    disabled: Type.Boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'User', additionalProperties: false },
)
export type User = Static<typeof User>

export const UserList = Type.Object(
  { data: Type.Array(Type.Ref('User')) },
  { $id: 'UserList', additionalProperties: false },
)
export type UserList = StaticWithRefs<typeof UserList>

export const UserCreate = Type.Object(
  { email: Email, display_name: PlainText({ minLength: 1, maxLength: 200 }), role: Role, password: Password },
  { $id: 'UserCreate', additionalProperties: false },
)
export type UserCreate = Static<typeof UserCreate>

export const UserUpdate = Type.Object(
  {
    display_name: Type.Optional(PlainText({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(Role),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { $id: 'UserUpdate', additionalProperties: false, minProperties: 1 },
)
export type UserUpdate = Static<typeof UserUpdate>

export const Login = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) },
  { $id: 'Login', additionalProperties: false },
)
export type Login = Static<typeof Login>

export const Session = Type.Object(
  {
    user: Type.Ref('User'),
    csrf_token: Type.String({
      description: 'Send it as `X-CSRF-Token` with every write made with the session cookie.',
    }),
    expires_at: Timestamp,
  },
  { $id: 'Session', additionalProperties: false },
)
export type Session = StaticWithRefs<typeof Session>

export const ApiKey = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String({ description: 'The start of the key, to recognise it.' }),
    role: Role,
    created_by: Type.Union([Type.String(), Type.Null()]),
    created_at: Timestamp,
    last_used_at: Type.Union([Timestamp, Type.Null()]),
    revoked_at: Type.Union([Timestamp, Type.Null()]),
  },
  { $id: 'ApiKey', additionalProperties: false },
)
export type ApiKey = Static<typeof ApiKey>

export const ApiKeyList = Type.Object(
  { data: Type.Array(Type.Ref('ApiKey')) },
  { $id: 'ApiKeyList', additionalProperties: false },
)
export type ApiKeyList = StaticWithRefs<typeof ApiKeyList>

export const ApiKeyCreate = Type.Object(
  { name: PlainText({ minLength: 1, maxLength: 200 }), role: Role },
  { $id: 'ApiKeyCreate', additionalProperties: false },
)
export type ApiKeyCreate = Static<typeof ApiKeyCreate>

export const ApiKeyCreated = Type.Object(
  {
    key: Type.Ref('ApiKey'),
    secret: Type.String({ description: 'The key itself, shown this once: send it as `Authorization: Bearer …`.' }),
  },
  { $id: 'ApiKeyCreated', additionalProperties: false },
)
export type ApiKeyCreated = StaticWithRefs<typeof ApiKeyCreated>

export const AuditEntry = Type.Object(
  {
    id: Type.Integer(),
    at: Timestamp,
    event: Type.String(),
    actor: Type.Union([Type.String(), Type.Null()]),
    subject: Type.Union([Type.String(), Type.Null()]),
    address: Type.Union([Type.String(), Type.Null()]),
    detail: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'AuditEntry', additionalProperties: false },
)
export type AuditEntry = Static<typeof AuditEntry>

export const AuditLog = Type.Object(
  {
    data: Type.Array(Type.Ref('AuditEntry')),
    meta: Type.Ref('ListMeta'),
  },
  { $id: 'AuditLog', additionalProperties: false },
)
export type AuditLog = StaticWithRefs<typeof AuditLog>

export const REVISION_ACTIONS = [
  'create',
  'update',
  'submit',
  'publish',
  'archive',
  'revert',
  'request-changes',
  'restore',
  'discard',
] as const
export type RevisionAction = (typeof REVISION_ACTIONS)[number]

/** Where an entry in the workflow stands: drafted, waiting for an editor, or sent back with a comment. */
export const REVIEW_STATES = ['draft', 'in_review', 'changes_requested'] as const
export const ReviewState = StringEnum(REVIEW_STATES)
export type ReviewState = Static<typeof ReviewState>

export const Comment = PlainText({ minLength: 1, maxLength: 4000 })

export const TransitionComment = Type.Object(
  {
    comment: Type.Optional({
      ...Comment,
      description: 'What the reviewer or the author should know; kept in the history.',
    }),
  },
  { $id: 'TransitionComment', additionalProperties: false },
)
export type TransitionComment = Static<typeof TransitionComment>

export const ChangeRequest = Type.Object(
  { comment: { ...Comment, description: 'What to change: shown to the author and kept in the history.' } },
  { $id: 'ChangeRequest', additionalProperties: false },
)
export type ChangeRequest = Static<typeof ChangeRequest>

export const ReviewItem = Type.Object(
  {
    collection: StringEnum(COLLECTION_NAMES),
    id: Slug,
    title: TitleOf('Its title or name as drafted, in both languages.'),
    state: ReviewState,
    version: Type.Integer({ minimum: 1, description: 'The version under work: its `…/draft` ETag is `"v<version>"`.' }),
    published_version: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'The published version this working copy started from; null for an entry never published.',
    }),
    author: Type.Object(
      { id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) },
      {
        additionalProperties: false,
        description: 'Who started this working copy: a user (id, display name) or an API key (`key:<id>`, its name).',
      },
    ),
    comment: Type.Union([Type.String(), Type.Null()], {
      description: 'The last comment: the submitter’s note, or what the editor asked to change.',
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'ReviewItem', additionalProperties: false, description: 'An entry in the workflow.' },
)
export type ReviewItem = Static<typeof ReviewItem>

export const ReviewQueue = Type.Object(
  {
    data: Type.Array(Type.Ref('ReviewItem')),
    meta: Type.Ref('ListMeta'),
  },
  { $id: 'ReviewQueue', additionalProperties: false },
)
export type ReviewQueue = StaticWithRefs<typeof ReviewQueue>

export const Revision = Type.Object(
  {
    seq: Type.Integer({ description: 'Position in the change feed.' }),
    collection: StringEnum(COLLECTION_NAMES),
    entity_id: Slug,
    version: Type.Integer({ minimum: 1 }),
    action: StringEnum(REVISION_ACTIONS),
    status: Status,
    actor: Type.String({ description: 'User id, `key:<id>` for an API key, or `seed`.' }),
    actor_name: Type.Union([Type.String(), Type.Null()], {
      description:
        'Who made it, by name: the user’s display name (their email if it has none) or the API key’s name; null for the seed or an import.',
    }),
    at: Timestamp,
    changed_fields: Type.Array(Type.String()),
    before: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    after: Type.Record(Type.String(), Type.Unknown()),
    working: Type.Boolean({
      description: 'A change to the working copy of a published entry: not public until it is published.',
    }),
    comment: Type.Union([Type.String(), Type.Null()], { description: 'What was said with it.' }),
  },
  { $id: 'Revision', additionalProperties: false },
)
export type Revision = Static<typeof Revision>

export const RevisionList = Type.Object(
  { data: Type.Array(Type.Ref('Revision')) },
  { $id: 'RevisionList', additionalProperties: false },
)
export type RevisionList = StaticWithRefs<typeof RevisionList>

export const UsedBy = Type.Object(
  {
    collection: StringEnum(COLLECTION_NAMES),
    id: Slug,
    title: TitleOf('Its title or name, in both languages.'),
    status: Status,
    fields: Type.Array(Type.String(), {
      description: 'Where in that entry the reference is (`source_ids`, `figures/*/source_ids`).',
    }),
  },
  { $id: 'UsedBy', additionalProperties: false, description: 'An entry that references the one asked about.' },
)
export type UsedBy = Static<typeof UsedBy>

export const UsedByList = Type.Object(
  {
    data: Type.Array(Type.Ref('UsedBy')),
    meta: Type.Ref('ListMeta'),
  },
  { $id: 'UsedByList', additionalProperties: false },
)
export type UsedByList = StaticWithRefs<typeof UsedByList>

export const Diff = Type.Object(
  {
    from: Type.Integer(),
    to: Type.Integer(),
    changes: Type.Array(
      Type.Object(
        { field: Type.String(), before: Type.Unknown(), after: Type.Unknown() },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'Diff', additionalProperties: false },
)
export type Diff = Static<typeof Diff>

export const Revert = Type.Object(
  { version: Type.Integer({ minimum: 1, description: 'The version whose content to restore.' }) },
  { $id: 'Revert', additionalProperties: false },
)
export type Revert = Static<typeof Revert>

export const Change = Type.Object(
  {
    seq: Type.Integer({ description: 'Position in the feed.' }),
    collection: StringEnum(COLLECTION_NAMES),
    id: Slug,
    version: Type.Integer({ minimum: 1 }),
    action: StringEnum(REVISION_ACTIONS),
    status: Status,
    at: Timestamp,
    entity: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
      description: 'The entry as published now; null when the change took it out of the public set (remove it).',
    }),
  },
  { $id: 'Change', additionalProperties: false },
)
export type Change = Static<typeof Change>

export const ChangeList = Type.Object(
  {
    data: Type.Array(Type.Ref('Change')),
    meta: Type.Ref('ListMeta'),
  },
  { $id: 'ChangeList', additionalProperties: false },
)
export type ChangeList = StaticWithRefs<typeof ChangeList>

export const SearchHit = Type.Object(
  {
    collection: StringEnum(COLLECTION_NAMES),
    id: Slug,
    title: TitleOf('Its title or name, in both languages.'),
    status: Status,
    match: Type.Ref('SearchMatch'),
  },
  { $id: 'SearchHit', additionalProperties: false, description: 'An entry of any collection that matches the search.' },
)
export type SearchHit = StaticWithRefs<typeof SearchHit>

export const SearchResults = Type.Object(
  {
    data: Type.Array(Type.Ref('SearchHit')),
    meta: Type.Ref('ListMeta'),
    counts: Type.Object(Object.fromEntries(COLLECTION_NAMES.map((c) => [c, Type.Integer({ minimum: 0 })])), {
      additionalProperties: false,
      description: `How many entries the search ranks in each collection (\`{ "instruments": 12, … }\`): ${RANKED_SEARCH_SCOPE}.`,
    }),
  },
  { $id: 'SearchResults', additionalProperties: false },
)
export type SearchResults = StaticWithRefs<typeof SearchResults>
