import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { withArticle, type CollectionName, type Revert } from '@chain-atlas/types'
import { revertEntity } from '@chain-atlas/db'
import { NoQuery, SIGNED_IN, bodyErrors, ok } from '../../responses.ts'
import { IdParams, IfMatch, expectedVersion, sendEntity, curationTag, writeContext, writerOf } from './shared.ts'

/**
 * Restores the content of an earlier version as a new version (needs \`If-Match\`).
 *
 *   POST /v1/economies/{id}/revert         revertEconomy
 *   POST /v1/sectors/{id}/revert           revertSector
 *   POST /v1/sources/{id}/revert           revertSource
 *   POST /v1/doctrines/{id}/revert         revertDoctrine
 *   POST /v1/instruments/{id}/revert       revertInstrument
 *   POST /v1/china-strategies/{id}/revert  revertChinaStrategy
 *   POST /v1/alliances/{id}/revert         revertAlliance
 *   POST /v1/sector-focuses/{id}/revert    revertSectorFocus
 *   POST /v1/concepts/{id}/revert          revertConcept
 *   POST /v1/assessments/{id}/revert       revertAssessment
 */
export const registerRevert = (app: RouteApp, collection: CollectionName) => {
  const { spec, name, errors } = writeContext(collection)
  app.post<{ Params: IdParams; Body: Revert }>(
    `/v1/${collection}/:id/revert`,
    {
      schema: {
        operationId: `revert${name}`,
        summary: `Restore an earlier version of ${withArticle(spec.label.singular)}`,
        description: 'Creates a new version with the content of the one named; needs the editor role and `If-Match`.',
        tags: [curationTag(collection)],
        security: SIGNED_IN,
        params: IdParams,
        querystring: NoQuery,
        headers: IfMatch,
        body: Type.Ref('Revert'),
        response: { 200: ok(name, 'The new version.'), ...errors, ...bodyErrors },
      },
      config: { requiredRole: 'editor' },
    },
    async (request, reply) => {
      const version = expectedVersion(request)
      return sendEntity(
        reply,
        collection,
        await revertEntity(
          app.database.db,
          collection,
          request.params.id,
          request.body.version,
          version,
          writerOf(request),
        ),
      )
    },
  )
}
