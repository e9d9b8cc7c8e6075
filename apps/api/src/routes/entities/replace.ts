import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { withArticle, type CollectionName } from '@chain-atlas/types'
import { updateEntity } from '@chain-atlas/db'
import { NoQuery, SIGNED_IN, bodyErrors, ok } from '../../responses.ts'
import { IdParams, IfMatch, expectedVersion, sendEntity, curationTag, writeContext, writerOf } from './shared.ts'

/**
 * Replaces an entry's content (needs \`If-Match\`). The body is checked against \`{Schema}Replace\`
 * (packages/types, collections.ts), then by the database layer's \`validate\` (packages/db, curation.ts).
 *
 *   PUT /v1/economies/{id}         replaceEconomy
 *   PUT /v1/sectors/{id}           replaceSector
 *   PUT /v1/sources/{id}           replaceSource
 *   PUT /v1/doctrines/{id}         replaceDoctrine
 *   PUT /v1/instruments/{id}       replaceInstrument
 *   PUT /v1/china-strategies/{id}  replaceChinaStrategy
 *   PUT /v1/alliances/{id}         replaceAlliance
 *   PUT /v1/sector-focuses/{id}    replaceSectorFocus
 *   PUT /v1/concepts/{id}          replaceConcept
 *   PUT /v1/assessments/{id}       replaceAssessment
 */
export const registerReplace = (app: RouteApp, collection: CollectionName) => {
  const { spec, name, errors } = writeContext(collection)
  app.put<{ Params: IdParams; Body: Record<string, unknown> }>(
    `/v1/${collection}/:id`,
    {
      schema: {
        operationId: `replace${name}`,
        summary: `Replace ${withArticle(spec.label.singular)}’s content`,
        description:
          'Needs `If-Match`. A published entry changed by a curator goes back to draft until an editor publishes it.',
        tags: [curationTag(collection)],
        security: SIGNED_IN,
        params: IdParams,
        querystring: NoQuery,
        headers: IfMatch,
        body: Type.Ref(`${name}Replace`),
        response: { 200: ok(name, 'The new version.'), ...errors, ...bodyErrors },
      },
      config: { requiredRole: 'curator' },
    },
    async (request, reply) => {
      const version = expectedVersion(request)
      return sendEntity(
        reply,
        collection,
        await updateEntity(
          app.database.db,
          collection,
          request.params.id,
          () => request.body,
          version,
          writerOf(request),
        ),
      )
    },
  )
}
