import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { PAGE_PARAMS, REVIEW_STATES, StringEnum, commaList } from '@chain-atlas/types'
import type { ReviewState } from '@chain-atlas/types'
import { reviewQueue, type ReviewKeyset } from '@chain-atlas/db'
import { decodeCursor, encodeCursor, entryOfCursor } from '../../cursor.ts'
import { splitLists } from '../../list-query.ts'
import { SIGNED_IN, ok, pageMeta, problem, readErrors } from '../../responses.ts'

const ReviewQueueQuery = Type.Object(
  {
    state: Type.Optional(
      commaList(StringEnum(REVIEW_STATES), 'Which entries: `in_review` (the default), `changes_requested`, `draft`.'),
    ),
    author: Type.Optional(
      Type.String({
        pattern: '^(me|[A-Za-z0-9:_-]{1,100})$',
        description: '`me` for the entries you started, or a user id.',
      }),
    ),
    ...PAGE_PARAMS,
  },
  { additionalProperties: false },
)

const CURSOR_ORDER = 'review-queue'

/** A page ends at a working copy: the time it last changed, then collection and id. */
const decodeQueueCursor = (cursor: string): ReviewKeyset => {
  const { value, id } = decodeCursor(cursor, CURSOR_ORDER, 'timestamp')
  return { updated_at: value as string, ...entryOfCursor(id) }
}

/**
 * The review queue: every entry in the workflow across all collections, oldest change first, with
 * its author, state and last comment. What an editor works through and a curator comes back to.
 *
 *   GET /v1/review-queue  listReviewQueue
 */
export default async function reviewQueueRoute(app: RouteApp) {
  app.get(
    '/v1/review-queue',
    {
      schema: {
        operationId: 'listReviewQueue',
        summary: 'Entries waiting for review, sent back, or being drafted',
        description:
          'Across every collection, the least recently changed first. By default what waits for an editor (`state=in_review`); `state=changes_requested&author=me` is what was sent back to you, with the editor’s comment.',
        tags: ['review'],
        security: SIGNED_IN,
        querystring: ReviewQueueQuery,
        response: {
          200: ok('ReviewQueue', 'A page of the queue.'),
          ...readErrors,
          401: problem('Not signed in.'),
          403: problem('The role does not allow this.'),
        },
      },
      preValidation: splitLists(['state']),
      config: { requiredRole: 'viewer' },
    },
    async (request) => {
      const { query } = request
      const limit = query.limit ?? 50
      const page = await reviewQueue(app.database.db, {
        states: (query.state as ReviewState[] | undefined) ?? ['in_review'],
        author: query.author === 'me' ? request.actor!.id : query.author,
        limit,
        after: query.cursor ? decodeQueueCursor(query.cursor) : undefined,
      })
      const next = page.next
        ? encodeCursor(CURSOR_ORDER, { value: page.next.updated_at, id: `${page.next.collection}/${page.next.id}` })
        : null
      return { data: page.items, meta: pageMeta(limit, next) }
    },
  )
}
