import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { SERVER_FIELDS, invalid, type CollectionName, withArticle } from '@chain-atlas/types'
import { contentFields, updateEntity, type Entity } from '@chain-atlas/db'
import { NoQuery, SIGNED_IN, bodyErrors, ok } from '../../responses.ts'
import { IdParams, IfMatch, expectedVersion, sendEntity, curationTag, writeContext, writerOf } from './shared.ts'

/** RFC 7396: objects merge key by key, null removes, anything else replaces. */
const mergePatch = (target: unknown, patch: unknown): unknown => {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch
  const result: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key]
    else result[key] = mergePatch(result[key], value)
  }
  return result
}

/**
 * Changes some fields of an entry with an RFC 7396 merge patch (\`application/merge-patch+json\`,
 * parsed by routes/index.ts; needs \`If-Match\`). The body is checked against the collection's
 * merge-patch schema (\`updateSchemas\`, packages/types), and the entry the patch makes is checked
 * as a whole by the database layer's \`validate\` (packages/db, curation.ts).
 *
 *   PATCH /v1/economies/{id}         updateEconomy
 *   PATCH /v1/sectors/{id}           updateSector
 *   PATCH /v1/sources/{id}           updateSource
 *   PATCH /v1/doctrines/{id}         updateDoctrine
 *   PATCH /v1/instruments/{id}       updateInstrument
 *   PATCH /v1/china-strategies/{id}  updateChinaStrategy
 *   PATCH /v1/alliances/{id}         updateAlliance
 *   PATCH /v1/sector-focuses/{id}    updateSectorFocus
 *   PATCH /v1/concepts/{id}          updateConcept
 *   PATCH /v1/assessments/{id}       updateAssessment
 */
export const registerUpdate = (app: RouteApp, collection: CollectionName) => {
  const { spec, name, errors } = writeContext(collection)
  app.patch(
    `/v1/${collection}/:id`,
    {
      schema: {
        operationId: `update${name}`,
        summary: `Change some fields of ${withArticle(spec.label.singular)} (JSON Merge Patch)`,
        description:
          'An RFC 7396 merge patch (`application/merge-patch+json`): fields present replace, `null` removes. Needs `If-Match`.',
        tags: [curationTag(collection)],
        security: SIGNED_IN,
        params: IdParams,
        querystring: NoQuery,
        headers: IfMatch,
        body: Type.Ref(`${name}Update`),
        consumes: ['application/merge-patch+json', 'application/json'],
        response: { 200: ok(name, 'The new version.'), ...errors, ...bodyErrors },
      },
      config: { requiredRole: 'curator' },
      // Before the schema, which would only say the field is unknown.
      preValidation: async (request) => {
        const body = request.body as Record<string, unknown> | null
        for (const field of SERVER_FIELDS) {
          if (body && typeof body === 'object' && field in body)
            throw invalid(`/body/${field}`, 'is kept by the server and cannot be patched')
        }
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request)
      const patched = (current: Entity) => mergePatch(contentFields(current), request.body) as Record<string, unknown>
      return sendEntity(
        reply,
        collection,
        await updateEntity(app.database.db, collection, request.params.id, patched, version, writerOf(request)),
      )
    },
  )
}
