import { createHash } from 'node:crypto'
import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { ApiError, type CollectionName, withArticle } from '@chain-atlas/types'
import {
  createEntity,
  createInTransaction,
  findIdempotentResponse,
  inWriteTransaction,
  storeIdempotentResponse,
  type Entity,
} from '@chain-atlas/db'
import { NoQuery, SIGNED_IN, bodyErrors, ok, problem } from '../../responses.ts'
import { sendEntity, curationTag, writeContext, writerOf } from './shared.ts'

/**
 * Creates an entry, as a draft; an \`Idempotency-Key\` makes retries safe. The body is checked
 * against \`{Schema}Create\` (packages/types, collections.ts), then by the database layer's
 * \`validate\` (packages/db, curation.ts: cross-field rules and references).
 *
 *   POST /v1/economies         createEconomy
 *   POST /v1/sectors           createSector
 *   POST /v1/sources           createSource
 *   POST /v1/doctrines         createDoctrine
 *   POST /v1/instruments       createInstrument
 *   POST /v1/china-strategies  createChinaStrategy
 *   POST /v1/alliances         createAlliance
 *   POST /v1/sector-focuses    createSectorFocus
 *   POST /v1/concepts          createConcept
 *   POST /v1/assessments       createAssessment
 */
export const registerCreate = (app: RouteApp, collection: CollectionName) => {
  const { spec, name, errors } = writeContext(collection)
  app.post<{ Body: Record<string, unknown> & { id: string } }>(
    `/v1/${collection}`,
    {
      schema: {
        operationId: `create${name}`,
        summary: `Create ${withArticle(spec.label.singular)} (as a draft)`,
        description:
          'Send `Idempotency-Key` to make retries safe: a retried request returns the first response and creates nothing twice.',
        tags: [curationTag(collection)],
        security: SIGNED_IN,
        querystring: NoQuery,
        headers: Type.Object(
          { 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
          { additionalProperties: true },
        ),
        body: Type.Ref(`${name}Create`),
        response: {
          201: ok(name, 'Created, as a draft.'),
          ...errors,
          ...bodyErrors,
          422: problem('The Idempotency-Key was used for another request.'),
        },
      },
      config: { requiredRole: 'curator' },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'] as string | undefined
      const writer = writerOf(request)
      if (!key)
        return sendEntity(reply, collection, await createEntity(app.database.db, collection, request.body, writer), 201)
      const requestHash = createHash('sha256')
        .update(`${request.url}\n${JSON.stringify(request.body)}`)
        .digest('hex')
      const response = await inWriteTransaction(app.database.db, async (tx) => {
        const stored = await findIdempotentResponse(tx, writer.actor, key)
        if (stored) {
          if (stored.request_hash !== requestHash)
            throw new ApiError('unprocessable', 'This Idempotency-Key was used for a different request.')
          return { ...stored, replayed: true }
        }
        const entity = await createInTransaction(tx, collection, request.body, writer)
        await storeIdempotentResponse(tx, writer.actor, key, {
          status_code: 201,
          body: entity,
          request_hash: requestHash,
        })
        return { status_code: 201, body: entity, request_hash: requestHash, replayed: false }
      })
      if (response.replayed) reply.header('idempotent-replayed', 'true')
      return sendEntity(reply, collection, response.body as Entity, response.status_code)
    },
  )
}
