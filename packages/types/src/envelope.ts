import { Type, type Static, type TObject } from 'typebox'
import { StringEnum } from './primitives.ts'

/** The `$id` every shared schema carries. */
export const schemaId = (schema: TObject) => (schema as { $id?: string }).$id!

export const Ref = (schema: TObject) => Type.Ref(schemaId(schema))

export const ListMeta = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 1000, description: 'The page size asked for (or the default).' }),
    next_cursor: Type.Union([Type.String(), Type.Null()], {
      description:
        'Pass as `cursor` for the next page; null on the last page (the change feed always gives one, to poll from later).',
    }),
    has_more: Type.Boolean({ description: 'Whether another page follows now.' }),
    total: Type.Optional(Type.Integer({ minimum: 0, description: 'Present when the request asked for `count=true`.' })),
  },
  {
    $id: 'ListMeta',
    additionalProperties: false,
    description:
      'Where a page of any list stands: the same on every list, the change feed and the review queue included.',
  },
)
export type ListMeta = Static<typeof ListMeta>

/** The list envelope of one collection: `{ data, meta }`, and `included` where it has references to add. */
export const listEnvelope = (entity: TObject, included?: TObject) =>
  Type.Object(
    {
      data: Type.Array(Ref(entity)),
      meta: Type.Ref('ListMeta'),
      ...(included ? { included: Type.Optional(included) } : {}),
    },
    { $id: `${schemaId(entity)}List`, additionalProperties: false },
  )
/** A page of a collection: its entries (`Instrument`, say) and where the next page starts. */
export type ListEnvelope<Entry> = { data: Entry[]; meta: ListMeta; included?: Record<string, Record<string, unknown>> }

export const ProblemError = Type.Object(
  {
    pointer: Type.String({ description: 'JSON pointer to the offending input: `/query/limit`, `/body/title/en`.' }),
    detail: Type.String(),
  },
  { additionalProperties: false },
)

/** An entry that stands in the way of a change to another (reference integrity, 409). */
export const ProblemReference = Type.Object(
  {
    collection: Type.String({ description: 'Its collection: `sources`.' }),
    id: Type.String(),
    field: Type.String({
      description:
        'Where the reference is: in the entry being published (`source_ids/0`), or in the entry that cites the one being archived.',
    }),
    status: Type.String({ description: 'Its workflow status now.' }),
  },
  { additionalProperties: false },
)
export type ProblemReference = Static<typeof ProblemReference>

/** RFC 9457 problem details. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the kind of problem.' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(ProblemError)),
    references: Type.Optional(
      Type.Array(ProblemReference, {
        description:
          'With a 409 of reference integrity: publishing, each referenced entry not published yet; archiving, each published entry citing this one. Fix these first.',
      }),
    ),
    request_id: Type.Optional(Type.String()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' },
)
export type Problem = Static<typeof Problem>

export const Health = Type.Object(
  { status: Type.String({ examples: ['ok'] }) },
  { $id: 'Health', additionalProperties: false },
)
export type Health = Static<typeof Health>

export const Readiness = Type.Object(
  {
    status: Type.String({ examples: ['ok'] }),
    database: Type.String({ description: '`pglite` or `postgres`.' }),
    migrations: Type.Integer({ minimum: 0, description: 'Migrations applied.' }),
    mode: StringEnum(['read-write', 'read-only'], {
      description:
        '`read-write` normally; `read-only` while the primary database is away and replicas answer the reads ' +
        '(writes and sign-ins answer 503 until it is back).',
    }),
    replicas: Type.Optional(
      Type.Object(
        {
          configured: Type.Integer({ minimum: 0, description: 'Replicas named in DATABASE_REPLICA_URLS.' }),
          in_rotation: Type.Integer({ minimum: 0, description: 'Replicas up and close enough behind to serve reads.' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'Readiness', additionalProperties: false },
)
export type Readiness = Static<typeof Readiness>

export const FacetValue = Type.Object(
  {
    value: Type.Union([Type.String(), Type.Integer()], { description: 'The value, as the filter takes it.' }),
    count: Type.Integer({ minimum: 0, description: 'Entries with this value under the other filters.' }),
    label: Type.Object(
      { en: Type.String(), zh: Type.String() },
      {
        additionalProperties: false,
        description:
          'The value’s name in English and Chinese: a referenced entry’s title or name, a closed-list value’s label, a currency’s name, a year.',
      },
    ),
  },
  { additionalProperties: false },
)

/** Counts per value of each filterable dimension, for a dashboard's filter sidebar. */
export const Facets = Type.Object(
  {
    total: Type.Integer({ minimum: 0, description: 'Entries matching all the filters.' }),
    facets: Type.Record(Type.String(), Type.Array(FacetValue), {
      description:
        'Per filter name, its values with their counts and names, most frequent first. Instruments also get a `year` facet (the dimension of `year_from` and `year_to`), in year order.',
    }),
  },
  { $id: 'Facets', additionalProperties: false },
)
export type Facets = Static<typeof Facets>
