import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { listPublicChanges } from '@chain-atlas/db'
import { AsOf, invalid } from '@chain-atlas/types'
import { ok, pageMeta, readErrors } from '../../responses.ts'

const encodeFeedCursor = (seq: number) => Buffer.from(`seq:${seq}`).toString('base64url')
const decodeFeedCursor = (cursor: string) => {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!match) throw invalid('/query/cursor', 'is not a cursor this feed issued')
  return Number(match[1])
}

/**
 * The change feed a mirror follows: every public change in commit order, resumable from its cursor.
 *
 *   GET /v1/changes  listChanges
 */
export default async function changesRoute(app: RouteApp) {
  app.get(
    '/v1/changes',
    {
      schema: {
        operationId: 'listChanges',
        summary: 'Changes to the published dataset, in commit order',
        description:
          'Start without `cursor` to read from the beginning (or from a moment, with `since`); apply each change in order (upsert `entity`, or remove the entry when ' +
          'it is null); go on with `meta.next_cursor` while `meta.has_more`, and poll from it later. Changes commit one at a time, ' +
          'so the order never skips one.',
        tags: ['changes'],
        querystring: Type.Object(
          {
            cursor: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 100,
                description: 'The `meta.next_cursor` of the previous call.',
              }),
            ),
            since: Type.Optional({
              ...AsOf,
              description:
                'RFC 3339 time: start from the first change made at or after it (with `cursor`, the later of the two).',
            }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ok('ChangeList', 'Changes after `cursor`.'), ...readErrors },
      },
    },
    async (request, reply) => {
      const after = request.query.cursor ? decodeFeedCursor(request.query.cursor) : 0
      const limit = request.query.limit ?? 200
      const since = request.query.since ? new Date(request.query.since) : undefined
      const page = await listPublicChanges(app.replicas.reader(request), after, limit, since)
      const { changes, hasMore } = page
      reply.header('cache-control', 'no-cache')
      return {
        data: changes.map((c) => ({
          seq: c.seq,
          collection: c.collection,
          id: c.entity_id,
          version: c.version,
          action: c.action,
          status: c.status,
          at: c.at.toISOString(),
          entity: c.status === 'published' ? c.after : null,
        })),
        meta: pageMeta(limit, encodeFeedCursor(changes.at(-1)?.seq ?? page.after), hasMore),
      }
    },
  )
}
