import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { CATEGORIES, LEVELS, Slug, StringEnum, TABLE_LEVELS, commaList, invalid } from '@chain-atlas/types'
import { compareEconomies } from '@chain-atlas/db'
import { PUBLIC, checkFilterIds, splitLists } from '../../list-query.ts'
import { ok, readErrors } from '../../responses.ts'
import { dependsOnEverything } from '../../plugins/application/read-cache.ts'

const CompareQuery = Type.Object(
  {
    economy: Type.Optional(commaList(Slug, 'Economy ids as columns, in order (default `us,jp,eu`).')),
    level: Type.Optional(
      StringEnum(LEVELS, { description: 'Level whose categories are the rows (default `national`, or the table’s).' }),
    ),
    table: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 3,
        description: 'Reproduce the paper’s Table 1, 2 or 3: only the instruments it lists.',
      }),
    ),
    category: Type.Optional(commaList(StringEnum(CATEGORIES), 'Only these categories as rows.')),
  },
  { additionalProperties: false },
)

type CompareQuerystring = {
  economy?: string[]
  level?: (typeof LEVELS)[number]
  table?: 1 | 2 | 3
  category?: string[]
}
/**
 * The comparison matrix: categories of one level as rows, economies as columns (the paper's Tables 1–3).
 *
 *   GET /v1/compare  compareEconomies
 */
export default async function compareRoute(app: RouteApp) {
  // `table` is an integer from 1 to 3 in the contract; the handler indexes the paper's tables by it.
  app.get<{ Querystring: CompareQuerystring }>(
    '/v1/compare',
    {
      schema: {
        operationId: 'compareEconomies',
        summary: 'Compare economies side by side',
        description:
          'Categories of one level as rows, economies as columns, instruments in the cells. `table=1` gives back the paper’s ' +
          'Table 1 (national level); `table=2` and `table=3` its regional Tables 2 and 3 (Table 3’s rows are its fields: ' +
          'transport, energy, digital). A table is rebuilt from the cells each instrument says it fills (`table_cells`), ' +
          'in the printed order, not from categories.',
        tags: ['views'],
        querystring: CompareQuery,
        response: { 200: ok('Comparison', 'The comparison matrix.'), ...readErrors },
      },
      preValidation: splitLists(['economy', 'category']),
      config: { publicCache: dependsOnEverything },
    },
    async (request) => {
      const { table, economy: economies = ['us', 'jp', 'eu'], category } = request.query
      const level = request.query.level ?? (table ? TABLE_LEVELS[table] : 'national')
      if (table && TABLE_LEVELS[table] !== level)
        throw invalid('/query/level', `must be ${TABLE_LEVELS[table]} for table ${table}, or left out`)
      // An unknown economy is named (with the nearest id), as on the lists.
      await checkFilterIds(app.replicas.reader(request), 'instruments', {
        filters: { economy: economies },
        statuses: PUBLIC,
        limit: 1,
      })
      return compareEconomies(app.replicas.reader(request), { economies, level, table, categories: category }, PUBLIC)
    },
  )
}
