import { Type, type Static, type TObject, type TProperties, type TSchema } from 'typebox'
import { Common, Nullable, Slug, Status } from './primitives.ts'
import { economyFields } from './entities/economy.ts'
import { sectorFields } from './entities/sector.ts'
import { sourceFields } from './entities/source.ts'
import { doctrineFields } from './entities/doctrine.ts'
import { instrumentFields } from './entities/instrument.ts'
import { chinaStrategyFields } from './entities/china-strategy.ts'
import { allianceFields } from './entities/alliance.ts'
import { sectorFocusFields } from './entities/sector-focus.ts'
import { conceptFields } from './entities/concept.ts'
import { assessmentFields } from './entities/assessment.ts'

/** A noun with its indefinite article: `an economy`, `a China strategy`. */
export const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`

/** `china-strategies` → `ChinaStrategies`: a collection as the contract's list and facet operations name it. */
export const pascal = (name: string) =>
  name
    .split('-')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')

/** The collections, by their path name. */
export const COLLECTION_NAMES = [
  'economies',
  'sectors',
  'sources',
  'doctrines',
  'instruments',
  'china-strategies',
  'alliances',
  'sector-focuses',
  'concepts',
  'assessments',
] as const
export type CollectionName = (typeof COLLECTION_NAMES)[number]

/**
 * A reference from one entity to another, as a path into the entity: `*` steps into every
 * element of an array (`sectors/*\/sector_id`).
 */
export type Reference = {
  path: string
  collection: CollectionName
  /** The name `include=` takes to add the entries it refers to. */
  include?: string
}

export interface CollectionSpec<F extends TProperties = TProperties> {
  /** Path segment and export key, plural kebab case. */
  name: string
  /** Singular schema name: `ChinaStrategy`. */
  schemaName: string
  /** Human label used in operation summaries. */
  label: { singular: string; plural: string }
  fields: F
  /** The bilingual field that names an entry: `title`, `name`, `term`… */
  titleField: string
  references: Reference[]
  /** Published entries of this collection must cite at least one source. */
  requiresSource: boolean
  /** Fields whose text is searchable (both languages). */
  searchFields: string[]
}

const cited = (...extra: Reference[]): Reference[] => [
  { path: 'source_ids/*', collection: 'sources', include: 'sources' },
  { path: 'claims/*/source_ids/*', collection: 'sources' },
  ...extra,
]

export const collectionSpecs = {
  economies: {
    name: 'economies',
    schemaName: 'Economy',
    label: { singular: 'economy', plural: 'economies' },
    fields: economyFields,
    titleField: 'name',
    references: cited({ path: 'member_ids/*', collection: 'economies', include: 'members' }),
    requiresSource: false,
    searchFields: ['name', 'summary'],
  },
  sectors: {
    name: 'sectors',
    schemaName: 'Sector',
    label: { singular: 'sector', plural: 'sectors' },
    fields: sectorFields,
    titleField: 'name',
    references: cited({ path: 'parent_id', collection: 'sectors', include: 'parent' }),
    requiresSource: false,
    searchFields: ['name', 'description'],
  },
  sources: {
    name: 'sources',
    schemaName: 'Source',
    label: { singular: 'source', plural: 'sources' },
    fields: sourceFields,
    titleField: 'title',
    references: [],
    requiresSource: false,
    searchFields: ['title', 'authors', 'publisher', 'container'],
  },
  doctrines: {
    name: 'doctrines',
    schemaName: 'Doctrine',
    label: { singular: 'doctrine', plural: 'doctrines' },
    fields: doctrineFields,
    titleField: 'name',
    references: cited({ path: 'economy_id', collection: 'economies', include: 'economy' }),
    requiresSource: true,
    searchFields: ['name', 'labels', 'summary', 'origins', 'goals'],
  },
  instruments: {
    name: 'instruments',
    schemaName: 'Instrument',
    label: { singular: 'instrument', plural: 'instruments' },
    fields: instrumentFields,
    titleField: 'title',
    references: cited(
      { path: 'economy_id', collection: 'economies', include: 'economy' },
      { path: 'sector_ids/*', collection: 'sectors', include: 'sectors' },
      { path: 'partner_ids/*', collection: 'economies', include: 'partners' },
      { path: 'alliance_ids/*', collection: 'alliances', include: 'alliances' },
      { path: 'parent_id', collection: 'instruments', include: 'parent' },
      { path: 'assessment_ids/*', collection: 'assessments', include: 'assessments' },
      { path: 'table_cells/*/column', collection: 'economies' },
      { path: 'figures/*/source_ids/*', collection: 'sources' },
      { path: 'amounts/*/source_ids/*', collection: 'sources' },
    ),
    requiresSource: true,
    searchFields: ['title', 'acronym', 'summary', 'components', 'amounts', 'figures'],
  },
  'china-strategies': {
    name: 'china-strategies',
    schemaName: 'ChinaStrategy',
    label: { singular: 'China strategy', plural: 'China strategies' },
    fields: chinaStrategyFields,
    titleField: 'title',
    references: cited(
      { path: 'economy_id', collection: 'economies', include: 'economy' },
      { path: 'instrument_ids/*', collection: 'instruments', include: 'instruments' },
      { path: 'sector_ids/*', collection: 'sectors', include: 'sectors' },
      { path: 'evidence/*/source_ids/*', collection: 'sources' },
    ),
    requiresSource: true,
    searchFields: ['title', 'labels', 'summary', 'evidence'],
  },
  alliances: {
    name: 'alliances',
    schemaName: 'Alliance',
    label: { singular: 'alliance', plural: 'alliances' },
    fields: allianceFields,
    titleField: 'name',
    references: cited(
      { path: 'leader_id', collection: 'economies', include: 'leader' },
      { path: 'member_ids/*', collection: 'economies', include: 'members' },
      { path: 'sector_ids/*', collection: 'sectors', include: 'sectors' },
    ),
    requiresSource: true,
    searchFields: ['name', 'acronym', 'summary'],
  },
  'sector-focuses': {
    name: 'sector-focuses',
    schemaName: 'SectorFocus',
    label: { singular: 'sector focus', plural: 'sector focuses' },
    fields: sectorFocusFields,
    titleField: 'strategy',
    references: cited(
      { path: 'economy_id', collection: 'economies', include: 'economy' },
      { path: 'sectors/*/sector_id', collection: 'sectors' },
      { path: 'programme_ids/*', collection: 'instruments', include: 'programmes' },
      { path: 'figures/*/source_ids/*', collection: 'sources' },
    ),
    requiresSource: true,
    searchFields: ['strategy', 'summary', 'figures', 'criteria'],
  },
  concepts: {
    name: 'concepts',
    schemaName: 'Concept',
    label: { singular: 'concept', plural: 'concepts' },
    fields: conceptFields,
    titleField: 'term',
    references: cited({ path: 'economy_id', collection: 'economies', include: 'economy' }),
    requiresSource: true,
    searchFields: ['term', 'definition', 'origin', 'coined_by'],
  },
  assessments: {
    name: 'assessments',
    schemaName: 'Assessment',
    label: { singular: 'assessment', plural: 'assessments' },
    fields: assessmentFields,
    titleField: 'statement',
    references: cited(
      { path: 'economy_ids/*', collection: 'economies', include: 'economies' },
      { path: 'sector_ids/*', collection: 'sectors', include: 'sectors' },
      { path: 'figures/*/source_ids/*', collection: 'sources' },
    ),
    requiresSource: true,
    searchFields: ['statement', 'figures', 'components'],
  },
} satisfies Record<CollectionName, CollectionSpec>

/** Load order: every collection after the ones it references (self-references aside). */
export const LOAD_ORDER: readonly CollectionName[] = [
  'sources',
  'economies',
  'sectors',
  'alliances',
  'assessments',
  'instruments',
  'doctrines',
  'china-strategies',
  'sector-focuses',
  'concepts',
]

const schemaNameOf = (collection: CollectionName) => (collectionSpecs[collection] as CollectionSpec).schemaName

/** The collections whose entries `include=` can add to an answer about this one. */
export const includableCollections = (spec: CollectionSpec): CollectionName[] => [
  ...new Set(spec.references.filter((r) => r.include).map((r) => r.collection)),
]

/**
 * What `include=` adds to an answer: each referenced entry once, by collection and id
 * (`included.sources["paper-hao-ming-2024"]`), however many entries of the answer cite it.
 */
export const includedSchema = (spec: CollectionSpec) =>
  Type.Object(
    Object.fromEntries(
      includableCollections(spec).map((c) => [
        c,
        Type.Optional(Type.Object({}, { additionalProperties: Type.Ref(schemaNameOf(c)), description: `${c} by id.` })),
      ]),
    ),
    {
      additionalProperties: false,
      description:
        'The entries the request names in `include`, each once, by collection and id: `included.sources["paper-hao-ming-2024"]`.',
    },
  )

/** A collection's `included` schema, or undefined when it references nothing `include=` can add. */
export const includedSchemaOf = (collection: CollectionName) => {
  const spec = collectionSpecs[collection] as CollectionSpec
  return spec.references.some((r) => r.include) ? includedSchema(spec) : undefined
}

/** Why an entry matched a search: present in results of a `q` query. */
export const SearchMatch = Type.Object(
  {
    rank: Type.Number({
      minimum: 0,
      description:
        'Relevance, higher is better: the title being the query (4) or holding it (1), plus twice the share of the query’s words found, plus where they were found (title above summary above the rest).',
    }),
    fields: Type.Array(Type.String(), { description: 'The fields that matched the query, the most telling first.' }),
    snippet: Type.Optional(
      Type.String({
        description:
          'A short excerpt of the best matching field, in the query’s language, matched words in `<mark>…</mark>` (the rest HTML-escaped).',
      }),
    ),
  },
  { $id: 'SearchMatch', additionalProperties: false },
)
export type SearchMatch = Static<typeof SearchMatch>

const entitySchema = <F extends TProperties>(spec: CollectionSpec<F>) =>
  Type.Object(
    {
      ...Common,
      ...spec.fields,
      ...(spec.references.some((r) => r.include) ? { included: Type.Optional(includedSchema(spec)) } : {}),
      match: Type.Optional(Type.Ref('SearchMatch')),
    },
    { $id: spec.schemaName, additionalProperties: false },
  )

/**
 * The fields of an entity the server sets, never a client: the bookkeeping every entry shares
 * (`Common`; a create names the id, in the body, and later writes in the path) and what a read adds
 * (`included`, `match`). A write body leaves them out.
 */
export const SERVER_FIELDS = [
  'id',
  'version',
  'status',
  'created_at',
  'updated_at',
  'included',
  'match',
] as const satisfies readonly (keyof typeof Common | 'included' | 'match')[]
export type ServerField = (typeof SERVER_FIELDS)[number]

/** Whether a key of an entity is the server's (see SERVER_FIELDS). */
export const isServerField = (key: string): key is ServerField => (SERVER_FIELDS as readonly string[]).includes(key)

const inputSchema = <F extends TProperties>(spec: CollectionSpec<F>) =>
  Type.Object(
    { id: Slug, ...spec.fields, status: Type.Optional(Status) },
    { $id: `${spec.schemaName}Input`, additionalProperties: false },
  )

export const Economy = entitySchema(collectionSpecs.economies)
export const Sector = entitySchema(collectionSpecs.sectors)
export const Source = entitySchema(collectionSpecs.sources)
export const Doctrine = entitySchema(collectionSpecs.doctrines)
export const Instrument = entitySchema(collectionSpecs.instruments)
export const ChinaStrategy = entitySchema(collectionSpecs['china-strategies'])
export const Alliance = entitySchema(collectionSpecs.alliances)
export const SectorFocus = entitySchema(collectionSpecs['sector-focuses'])
export const Concept = entitySchema(collectionSpecs.concepts)
export const Assessment = entitySchema(collectionSpecs.assessments)

export type Economy = Static<typeof Economy>
export type Sector = Static<typeof Sector>
export type Source = Static<typeof Source>
export type Doctrine = Static<typeof Doctrine>
export type Instrument = Static<typeof Instrument>
export type ChinaStrategy = Static<typeof ChinaStrategy>
export type Alliance = Static<typeof Alliance>
export type SectorFocus = Static<typeof SectorFocus>
export type Concept = Static<typeof Concept>
export type Assessment = Static<typeof Assessment>

export const entitySchemas: Record<CollectionName, TObject> = {
  economies: Economy,
  sectors: Sector,
  sources: Source,
  doctrines: Doctrine,
  instruments: Instrument,
  'china-strategies': ChinaStrategy,
  alliances: Alliance,
  'sector-focuses': SectorFocus,
  concepts: Concept,
  assessments: Assessment,
}

/** What a curator (or a seed file) writes: the fields, the id, and optionally a status. */
export const inputSchemas = Object.fromEntries(
  COLLECTION_NAMES.map((name) => [name, inputSchema(collectionSpecs[name] as CollectionSpec)]),
) as unknown as Record<CollectionName, TObject>

type Schema = TSchema & { type?: string; minItems?: number; properties?: TProperties; required?: string[] }

/** Lists that may be empty: a write may leave them out, for an empty list. */
const isEmptyable = (schema: Schema) => schema.type === 'array' && !schema.minItems

/** Whether a schema takes null (a required field that may be cleared, like an undated instrument's `year`). */
const takesNull = (schema: Schema) =>
  (schema as { anyOf?: Schema[] }).anyOf?.some((s) => s.type === 'null') ?? schema.type === 'null'

/** A write body's fields: required lists that may be empty become optional, defaulting to `[]`. */
const bodyFields = (spec: CollectionSpec) => {
  const required = new Set(Type.Object(spec.fields).required ?? [])
  return Object.fromEntries(
    Object.entries(spec.fields).map(([key, schema]) => [
      key,
      required.has(key) && isEmptyable(schema as Schema) ? Type.Optional({ ...schema, default: [] }) : schema,
    ]),
  )
}

/**
 * A record as written, completed: the lists it left out are empty and the fields that may be
 * null but were left out are null. What create, replace and a merge patch hand to validation.
 */
export const completeRecord = (collection: CollectionName, record: Record<string, unknown>) => {
  const fields = (collectionSpecs[collection] as CollectionSpec).fields
  const required = new Set(Type.Object(fields).required ?? [])
  const out = { ...record }
  for (const [key, schema] of Object.entries(fields)) {
    if (out[key] !== undefined || !required.has(key)) continue
    if (isEmptyable(schema as Schema)) out[key] = []
    else if (takesNull(schema as Schema)) out[key] = null
  }
  return out
}

/** What `POST /v1/{collection}` takes: the id and the fields (new entries start as drafts). */
export const createSchemas = Object.fromEntries(
  COLLECTION_NAMES.map((name) => {
    const spec = collectionSpecs[name] as CollectionSpec
    return [
      name,
      Type.Object({ id: Slug, ...bodyFields(spec) }, { $id: `${spec.schemaName}Create`, additionalProperties: false }),
    ]
  }),
) as unknown as Record<CollectionName, TObject>

/** What `PUT /v1/{collection}/{id}` takes: every field (the id and status are the server's). */
export const replaceSchemas = Object.fromEntries(
  COLLECTION_NAMES.map((name) => {
    const spec = collectionSpecs[name] as CollectionSpec
    return [name, Type.Object(bodyFields(spec), { $id: `${spec.schemaName}Replace`, additionalProperties: false })]
  }),
) as unknown as Record<CollectionName, TObject>

/**
 * A merge patch of a schema (RFC 7396): every property optional, objects patched key by key, and
 * `null` to remove what may be absent, empty or null. Lists are replaced whole, so their items keep their schema.
 */
const mergePatchOf = (schema: Schema): TSchema => {
  if (schema.type !== 'object' || !schema.properties) return schema
  const required = new Set(schema.required ?? [])
  const properties = Object.fromEntries(
    Object.entries(schema.properties).map(([key, value]) => {
      const patch = mergePatchOf(value as Schema)
      const removable = !required.has(key) || isEmptyable(value as Schema) || takesNull(value as Schema)
      return [key, Type.Optional(removable && !takesNull(patch as Schema) ? Nullable(patch) : patch)]
    }),
  )
  const { properties: _p, required: _r, ...options } = schema as Record<string, unknown>
  return Type.Object(properties, options)
}

/** What `PATCH /v1/{collection}/{id}` takes (`application/merge-patch+json`): any of the fields, to change. */
export const updateSchemas = Object.fromEntries(
  COLLECTION_NAMES.map((name) => {
    const spec = collectionSpecs[name] as CollectionSpec
    const patch = mergePatchOf(Type.Object(spec.fields, { additionalProperties: false }) as Schema)
    return [
      name,
      Type.Object((patch as Schema).properties!, {
        $id: `${spec.schemaName}Update`,
        additionalProperties: false,
        minProperties: 1,
        description: `A merge patch: the fields present replace the ${spec.label.singular}’s (objects key by key), \`null\` removes an optional field or empties a list.`,
      }),
    ]
  }),
) as unknown as Record<CollectionName, TObject>
