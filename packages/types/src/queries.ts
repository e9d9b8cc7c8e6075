import { Type, type TSchema } from 'typebox'
import { COLLECTION_NAMES, collectionSpecs, entitySchemas, type CollectionName } from './collections.ts'
import { ALLIANCE_KINDS } from './entities/alliance.ts'
import { ASSESSMENT_KINDS } from './entities/assessment.ts'
import { STANCES } from './entities/china-strategy.ts'
import { CONCEPT_KINDS } from './entities/concept.ts'
import { ECONOMY_KINDS, ECONOMY_ROLES, REGIONS } from './entities/economy.ts'
import { CATEGORIES, INSTRUMENT_KINDS, LEVELS, LIFECYCLES } from './entities/instrument.ts'
import { SECTOR_KINDS } from './entities/sector.ts'
import { SOURCE_KINDS, SOURCE_LANGUAGES } from './entities/source.ts'
import { CURRENCIES, PlainText, STATUSES, Slug, StringEnum, Year } from './primitives.ts'

/**
 * How a query parameter filters a collection:
 * - `in`: the column equals one of a comma list (`economy=us,jp`);
 * - `overlap`: the array column shares a value with a comma list (`sector=batteries,semiconductors`);
 * - `min` / `max`: the integer column is at least / at most the value;
 * - `flag`: a boolean column.
 */
export type FilterSpec =
  | {
      kind: 'in' | 'overlap'
      column: string
      values?: readonly string[]
      integer?: boolean
      description: string
      /** The collection whose ids the filter takes: an id that is not there is a 400. */
      references?: CollectionName
    }
  | { kind: 'min' | 'max'; column: string; description: string }
  | { kind: 'flag'; column: string; description: string }
  | { kind: 'since'; column: string; description: string }
  /** Widens another filter (`sector`) to the descendants of the ids it names. */
  | { kind: 'tree'; column: string; widens: string; collection: CollectionName; description: string }

/**
 * A sort order: keyset pagination runs on (expression, id). `value` is the type of the expression,
 * which a cursor's position must have before it goes near SQL.
 */
export type SortSpec = {
  column: string
  value: 'text' | 'integer' | 'timestamp'
  /** What a null sorts as, per direction: nulls come last both ways. */
  nullsAs?: { ascending: number; descending: number }
  description: string
  text?: 'en'
}

const inList = (column: string, description: string, values?: readonly string[]): FilterSpec => ({
  kind: 'in',
  column,
  values,
  description,
})
const overlap = (column: string, description: string, values?: readonly string[]): FilterSpec => ({
  kind: 'overlap',
  column,
  values,
  description,
})

/** A filter by the ids of another collection's entries. */
const ids = (kind: 'in' | 'overlap', column: string, references: CollectionName, description: string): FilterSpec => ({
  kind,
  column,
  references,
  description,
})

/** On every list: what changed at or after a moment, for a dashboard catching up ("since Tuesday"). */
const UPDATED_SINCE: FilterSpec = {
  kind: 'since',
  column: 'updated_at',
  description: 'RFC 3339 time: only entries changed at or after it.',
}

/** `sector_tree=true`: a sector stands for itself and every sector under it. */
const SECTOR_TREE: FilterSpec = {
  kind: 'tree',
  column: 'sector_ids',
  widens: 'sector',
  collection: 'sectors',
  description:
    'With `sector`: also match the sectors under those named (`sector=frontier-technology&sector_tree=true`).',
}

const byEconomy = ids('in', 'economy_id', 'economies', 'Economy ids (`us,jp`).')

export const FILTERS: Record<CollectionName, Record<string, FilterSpec>> = {
  economies: {
    kind: inList('kind', 'Kinds of economy.', ECONOMY_KINDS),
    region: inList('region', 'Regions.', REGIONS),
    role: overlap('roles', 'Roles in the paper.', ECONOMY_ROLES),
    updated_since: UPDATED_SINCE,
  },
  sectors: {
    kind: inList('kind', 'Kinds of sector.', SECTOR_KINDS),
    parent: ids('in', 'parent_id', 'sectors', 'Parent sector ids.'),
    updated_since: UPDATED_SINCE,
  },
  sources: {
    kind: inList('kind', 'Kinds of document.', SOURCE_KINDS),
    year: { kind: 'in', column: 'published_year', integer: true, description: 'Years of publication (`2021,2022`).' },
    language: inList('language', 'Languages of the document.', SOURCE_LANGUAGES),
    updated_since: UPDATED_SINCE,
  },
  doctrines: { economy: byEconomy, updated_since: UPDATED_SINCE },
  instruments: {
    economy: byEconomy,
    level: inList('level', 'Levels.', LEVELS),
    category: inList('category', 'Categories (each belongs to one level).', CATEGORIES),
    kind: inList('kind', 'Kinds of instrument.', INSTRUMENT_KINDS),
    sector: ids('overlap', 'sector_ids', 'sectors', 'Sector ids: instruments targeting any of them.'),
    sector_tree: SECTOR_TREE,
    partner: ids('overlap', 'partner_ids', 'economies', 'Partner or host economy ids: instruments with any of them.'),
    year_from: { kind: 'min', column: 'year', description: 'Earliest year (inclusive).' },
    year_to: { kind: 'max', column: 'year', description: 'Latest year (inclusive).' },
    lifecycle: inList('lifecycle', 'Lifecycle states.', LIFECYCLES),
    currency: overlap('currencies', 'ISO 4217 codes: instruments with an amount in any of them.', CURRENCIES),
    has_amount: {
      kind: 'flag',
      column: 'has_amount',
      description: 'Only instruments with (true) or without (false) an amount.',
    },
    parent: ids('in', 'parent_id', 'instruments', 'Parent initiative ids: their projects.'),
    updated_since: UPDATED_SINCE,
  },
  'china-strategies': {
    economy: byEconomy,
    stance: inList('stance', 'Stances toward China.', STANCES),
    updated_since: UPDATED_SINCE,
  },
  alliances: {
    kind: inList('kind', 'Kinds of alliance.', ALLIANCE_KINDS),
    member: ids('overlap', 'member_ids', 'economies', 'Economy ids: alliances with any of them as member.'),
    sector: ids('overlap', 'sector_ids', 'sectors', 'Sector ids.'),
    sector_tree: SECTOR_TREE,
    updated_since: UPDATED_SINCE,
  },
  'sector-focuses': {
    economy: byEconomy,
    sector: ids('overlap', 'sector_ids', 'sectors', 'Sector ids.'),
    sector_tree: SECTOR_TREE,
    updated_since: UPDATED_SINCE,
  },
  concepts: {
    kind: inList('kind', 'Kinds of concept.', CONCEPT_KINDS),
    economy: byEconomy,
    updated_since: UPDATED_SINCE,
  },
  assessments: {
    kind: inList('kind', 'Kinds of assessment.', ASSESSMENT_KINDS),
    economy: ids('overlap', 'economy_ids', 'economies', 'Economy ids concerned.'),
    updated_since: UPDATED_SINCE,
  },
}

/** A year sorts after every year ascending and before every year descending when it is null. */
export const NULLS_LAST = { ascending: 9999, descending: -1 }

const common: Record<string, SortSpec> = {
  id: { column: 'id', value: 'text', description: 'Id (the default).' },
  created_at: { column: 'created_at', value: 'timestamp', description: 'Creation time.' },
  updated_at: { column: 'updated_at', value: 'timestamp', description: 'Last change.' },
}

export const SORTS: Record<CollectionName, Record<string, SortSpec>> = {
  economies: { ...common, name: { column: 'name', value: 'text', text: 'en', description: 'English name.' } },
  sectors: { ...common, name: { column: 'name', value: 'text', text: 'en', description: 'English name.' } },
  sources: {
    ...common,
    year: {
      column: 'published_year',
      value: 'integer',
      nullsAs: NULLS_LAST,
      description: 'Year of publication (undated last).',
    },
  },
  doctrines: { ...common },
  instruments: {
    ...common,
    year: {
      column: 'year',
      value: 'integer',
      nullsAs: NULLS_LAST,
      description: 'Year (undated instruments last, both ways).',
    },
    title: { column: 'title', value: 'text', text: 'en', description: 'English title.' },
  },
  'china-strategies': { ...common },
  alliances: { ...common, name: { column: 'name', value: 'text', text: 'en', description: 'English name.' } },
  'sector-focuses': { ...common },
  concepts: { ...common, term: { column: 'term', value: 'text', text: 'en', description: 'English term.' } },
  assessments: {
    ...common,
    ordinal: { column: 'ordinal', value: 'integer', description: 'Order in the paper within a kind.' },
  },
}

/** The relations `include=` can embed, from the collection's references. */
export const INCLUDES: Record<
  CollectionName,
  Record<string, { field: string; collection: CollectionName; many: boolean }>
> = Object.fromEntries(
  COLLECTION_NAMES.map((name) => [
    name,
    Object.fromEntries(
      collectionSpecs[name].references
        .filter((r) => 'include' in r && r.include)
        .map((r) => [
          (r as { include: string }).include,
          { field: r.path.split('/')[0]!, collection: r.collection, many: r.path.endsWith('/*') },
        ]),
    ),
  ]),
) as Record<CollectionName, Record<string, { field: string; collection: CollectionName; many: boolean }>>

/**
 * A comma list in the query (`economy=us,jp`), also accepted repeated (`economy=us&economy=jp`).
 * Each value once, and at most as many as there are (100 for open lists): a list may cost a query per item.
 */
export const commaList = <Items extends TSchema>(items: Items, description: string) => {
  const maxItems = Math.min((items as { enum?: unknown[] }).enum?.length ?? 100, 100)
  return Type.Array(items, { description, style: 'form', explode: false, minItems: 1, maxItems, uniqueItems: true })
}

const filterSchema = (spec: FilterSpec): TSchema => {
  switch (spec.kind) {
    case 'in':
    case 'overlap':
      return commaList(spec.integer ? Year : spec.values ? StringEnum(spec.values) : Slug, spec.description)
    case 'min':
    case 'max':
      return Type.Integer({ minimum: 1900, maximum: 2100, description: spec.description })
    case 'flag':
      return Type.Boolean({ description: spec.description })
    case 'since':
      return Type.String({ format: 'date-time', pattern: AS_OF_PATTERN, description: spec.description })
    case 'tree':
      return Type.Boolean({ description: spec.description })
  }
}

/**
 * A ranked search ranks at most this many entries of each of its (up to three) tiers in a collection
 * (packages/db's rankedCandidates): a bounded read for a word common to a million entries.
 */
export const SEARCH_CANDIDATES = 100

/** What a ranked search ranks, as the contract says it. */
export const RANKED_SEARCH_SCOPE = `every match, or for words common to thousands of entries up to ${(3 * SEARCH_CANDIDATES).toLocaleString('en')} of them: those naming every word first, then those holding every word, then those holding some (in a collection of tens of thousands, some of its rarer words)`

const SearchParam = PlainText({
  minLength: 1,
  maxLength: 200,
  description:
    'Full-text search in English and Chinese; results are ranked unless `sort` is given. ' +
    `A ranked search ranks ${RANKED_SEARCH_SCOPE}; with \`sort\`, every match is listed.`,
})

/** The filters of a collection and its search, as query parameters (and any extra ones). */
export const filterQuerySchema = (collection: CollectionName, extra: Record<string, TSchema> = {}) =>
  Type.Object(
    {
      ...Object.fromEntries(
        Object.entries(FILTERS[collection]).map(([name, spec]) => [name, Type.Optional(filterSchema(spec))]),
      ),
      q: Type.Optional(SearchParam),
      status: Type.Optional(
        commaList(StringEnum(STATUSES), 'Workflow states (default `published`); others need a signed-in user.'),
      ),
      ...extra,
    },
    { additionalProperties: false },
  )

/** The paging parameters of a keyset-paged list: page size and the previous page's cursor. */
export const PAGE_PARAMS = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size, 1–200.' })),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 1000, description: 'The `meta.next_cursor` of the previous page.' }),
  ),
}

/** The query string of `GET /v1/{collection}`: its filters, search, sort, paging, count and include. */
export const listQuerySchema = (collection: CollectionName) => {
  const sorts = Object.keys(SORTS[collection])
  const includes = Object.keys(INCLUDES[collection])
  return filterQuerySchema(collection, {
    sort: Type.Optional(
      StringEnum([...sorts, ...sorts.map((s) => `-${s}`)], { description: 'Sort field; `-field` for descending.' }),
    ),
    ...PAGE_PARAMS,
    count: Type.Optional(Type.Boolean({ description: 'Add `meta.total`, the number of matching entries.' })),
    as_of: Type.Optional(AsOf),
    ...(includes.length ? { include: Type.Optional(includeParam(includes)) } : {}),
    fields: Type.Optional(fieldsParam(collection)),
  })
}

/**
 * A time JavaScript and PostgreSQL both read: RFC 3339 also allows a leap second (`23:59:60`, an
 * invalid Date) and the year 0000 (before PostgreSQL's first year), so the years run from 1900 to 9999 and seconds to 59.
 */
export const AS_OF_PATTERN = '^(19|[2-9][0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-5][0-9]'
export const AS_OF_DETAIL = 'must be an RFC 3339 time from the year 1900 to 9999, without a leap second'

/** `as_of=`: read the dataset as it was published at a moment, to cite it as of a date. */
export const AsOf = Type.String({
  format: 'date-time',
  pattern: AS_OF_PATTERN,
  description:
    'RFC 3339 time from 1900 to 9999: answer with what was published then, filtered and searched as now (in id order; not with `sort` or `include`).',
})

/** `include=`: the referenced entries to add, once each, under `included`. */
export const includeParam = (names: string[]) =>
  commaList(
    StringEnum(names),
    'The referenced entries to add to the answer, each once, under `included` by collection and id.',
  )

/** The fields `fields=` can name: an entry's own, not what a read adds (`included`, `match`). */
export const selectableFields = (collection: CollectionName): string[] =>
  Object.keys(entitySchemas[collection].properties).filter((f) => f !== 'included' && f !== 'match')

/** `fields=`: a sparse fieldset, for lean answers. */
export const fieldsParam = (collection: CollectionName) =>
  commaList(
    StringEnum(selectableFields(collection)),
    'Only these fields of each entry (`fields=title,year`): it then holds `id`, the fields named and, when searching, ' +
      '`match`; the others, required otherwise, are left out. Included entries stay whole.',
  )

/** Query parameters that take comma lists, per collection: split before validation. */
export const listParams = (collection: CollectionName): string[] => [
  ...Object.entries(FILTERS[collection])
    .filter(([, s]) => s.kind === 'in' || s.kind === 'overlap')
    .map(([n]) => n),
  'include',
  'fields',
]
