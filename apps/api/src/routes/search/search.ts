import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { PAGE_PARAMS, PlainText, STATUSES, StringEnum, commaList } from '@chain-atlas/types'
import type { Status } from '@chain-atlas/types'
import { searchEverything, type SearchKeyset } from '@chain-atlas/db'
import { decodeCursor, encodeCursor, entryOfCursor } from '../../cursor.ts'
import { requestedStatuses, scopeOf, splitLists } from '../../list-query.ts'
import { ok, pageMeta, readErrors } from '../../responses.ts'
import { dependsOnEverything } from '../../plugins/application/read-cache.ts'

const SearchQuery = Type.Object(
  {
    q: PlainText({ minLength: 1, maxLength: 200, description: 'What to look for, in English or Chinese.' }),
    status: Type.Optional(
      commaList(StringEnum(STATUSES), 'Workflow states (default `published`); others need a signed-in user.'),
    ),
    ...PAGE_PARAMS,
  },
  { additionalProperties: false },
)

const CURSOR_ORDER = 'search'

/** A page ends at a hit: its rank, and its collection and id. */
const decodeSearchCursor = (cursor: string, scope: string): SearchKeyset => {
  const { rank, id } = decodeCursor(cursor, CURSOR_ORDER, 'rank', scope)
  return { rank: rank!, ...entryOfCursor(id) }
}

/**
 * One search box: every collection at once, one ranking (the lists' own, `match.rank`), a highlighted
 * snippet per hit, and how many hits each collection holds.
 *
 *   GET /v1/search  searchAll
 */
export default async function searchRoute(app: RouteApp) {
  app.get(
    '/v1/search',
    {
      schema: {
        operationId: 'searchAll',
        summary: 'Search every collection at once',
        description:
          'Hits from every collection in one ranking, best first: an entry whose title is the query, then one whose title holds it, then by the share of the query’s words it holds and where (title above summary above the rest). English words meet by their stems, Chinese by character pairs. `counts` gives the hits per collection; follow `meta.next_cursor` for more.',
        tags: ['search'],
        querystring: SearchQuery,
        response: { 200: ok('SearchResults', 'A page of hits, best first.'), ...readErrors },
      },
      preValidation: splitLists(['status']),
      config: { publicCache: dependsOnEverything },
    },
    async (request) => {
      const { q, limit = 50 } = request.query
      const statuses = requestedStatuses(request.query.status as Status[] | undefined, request.actor)
      const scope = scopeOf({ filters: {}, q, statuses })
      const after = request.query.cursor ? decodeSearchCursor(request.query.cursor, scope) : undefined
      const { hits, next, counts } = await searchEverything(app.replicas.reader(request), q, { statuses, limit, after })
      const cursor = next
        ? encodeCursor(CURSOR_ORDER, { value: next.rank, rank: next.rank, id: `${next.collection}/${next.id}` }, scope)
        : null
      return { data: hits, meta: pageMeta(limit, cursor), counts }
    },
  )
}
