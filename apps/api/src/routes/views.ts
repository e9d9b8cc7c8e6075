import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import {
  CATEGORIES, EDGE_KINDS, LEVELS, Slug, StringEnum, TABLE_LEVELS, commaList, filterQuerySchema, invalid,
} from '@chain-atlas/types'
import { buildNetwork, buildTimeline, compareEconomies } from '@chain-atlas/db'
import { PUBLIC, splitCommaLists, splitLists, toCollectionQuery, type ListQuerystring } from '../list-query.ts'
import { ok, readErrors } from '../responses.ts'

const CompareQuery = Type.Object(
  {
    economies: Type.Optional(commaList(Slug, 'Economies as columns, in order (default `us,jp,eu`).')),
    level: Type.Optional(StringEnum(LEVELS, { description: 'Level whose categories are the rows (default `national`, or the table’s).' })),
    table: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, description: 'Reproduce the paper’s Table 1, 2 or 3: only the instruments it lists.' })),
    category: Type.Optional(commaList(StringEnum(CATEGORIES), 'Only these categories as rows.')),
  },
  { additionalProperties: false },
)

type CompareQuerystring = { economies?: string[]; level?: (typeof LEVELS)[number]; table?: 1 | 2 | 3; category?: string[] }

/** The timeline takes the instrument list's filters, without search. */
const { q: _q, ...timelineFilters } = filterQuerySchema('instruments').properties

const NetworkQuery = Type.Object(
  {
    economy: Type.Optional(commaList(Slug, 'Only the network around these economies.')),
    kind: Type.Optional(commaList(StringEnum(EDGE_KINDS), 'Only edges of these kinds.')),
  },
  { additionalProperties: false },
)

/** Views combine several collections: any published change may alter them. */
const everything = () => ['*']

/** Views that answer the paper's questions: the comparison matrix, the network, the timeline. */
export default async function viewRoutes(app: FastifyInstance) {
  app.get<{ Querystring: CompareQuerystring }>('/v1/compare', {
    schema: {
      operationId: 'compareEconomies',
      summary: 'Compare economies side by side',
      description:
        'Categories of one level as rows, economies as columns, instruments in the cells. `table=1` gives back the paper’s ' +
        'Table 1 (national level); `table=2` and `table=3` its regional Tables 2 and 3.',
      tags: ['views'],
      querystring: CompareQuery,
      response: { 200: ok('Comparison', 'The comparison matrix.'), ...readErrors },
    },
    preValidation: splitLists(['economies', 'category']),
    config: { publicCache: everything },
  }, async (request) => {
    const { table, economies = ['us', 'jp', 'eu'], category } = request.query
    const level = request.query.level ?? (table ? TABLE_LEVELS[table] : 'national')
    if (table && TABLE_LEVELS[table] !== level) throw invalid('/query/level', `must be ${TABLE_LEVELS[table]} for table ${table}, or left out`)
    return compareEconomies(app.database.db, { economies, level, table, categories: category }, PUBLIC)
  })

  app.get<{ Querystring: { economy?: string[]; kind?: string[] } }>('/v1/network', {
    schema: {
      operationId: 'getNetwork',
      summary: 'The chain-security network',
      description:
        'Economies, alliances and infrastructure initiatives as nodes; nearshoring, friend-shoring, framework, agreement, ' +
        'alliance-membership, infrastructure-project and China-stance links as typed edges, each with the instruments and ' +
        'sources behind it. Alliance and initiative node ids are prefixed `alliance:` and `initiative:`.',
      tags: ['views'],
      querystring: NetworkQuery,
      response: { 200: ok('Network', 'Nodes and edges.'), ...readErrors },
    },
    preValidation: splitLists(['economy', 'kind']),
    config: { publicCache: everything },
  }, async (request) => buildNetwork(app.database.db, PUBLIC, request.query.economy, request.query.kind))

  app.get<{ Querystring: ListQuerystring }>('/v1/timeline', {
    schema: {
      operationId: 'getTimeline',
      summary: 'Instruments and China strategies by year',
      description: 'Takes the instrument list’s filters; China strategies follow the `economy` filter and the year range.',
      tags: ['views'],
      querystring: Type.Object(timelineFilters, { additionalProperties: false }),
      response: { 200: ok('Timeline', 'Years in order, each with its instruments and strategies.'), ...readErrors },
    },
    preValidation: splitCommaLists('instruments'),
    config: { publicCache: everything },
  }, async (request) => buildTimeline(app.database.db, toCollectionQuery('instruments', request.query).filters, PUBLIC))
}

