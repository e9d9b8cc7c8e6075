import type { RouteApp } from '../route-app.ts'
import type { CollectionName } from '@chain-atlas/types'
import { transitionEntity, type Role, type Transition } from '@chain-atlas/db'
import { NoQuery, SIGNED_IN, ok } from '../../responses.ts'
import { IdParams, IfMatch, expectedVersion, sendEntity, writeContext, writerOf } from './shared.ts'

/**
 * The workflow: submit a draft for review, publish it, archive it (needs \`If-Match\`). Which status
 * each action leads from and to: \`TRANSITIONS\` (packages/db, curation.ts).
 *
 *   POST /v1/economies/{id}/submit          submitEconomy
 *   POST /v1/economies/{id}/publish         publishEconomy
 *   POST /v1/economies/{id}/archive         archiveEconomy
 *   POST /v1/sectors/{id}/submit            submitSector
 *   POST /v1/sectors/{id}/publish           publishSector
 *   POST /v1/sectors/{id}/archive           archiveSector
 *   POST /v1/sources/{id}/submit            submitSource
 *   POST /v1/sources/{id}/publish           publishSource
 *   POST /v1/sources/{id}/archive           archiveSource
 *   POST /v1/doctrines/{id}/submit          submitDoctrine
 *   POST /v1/doctrines/{id}/publish         publishDoctrine
 *   POST /v1/doctrines/{id}/archive         archiveDoctrine
 *   POST /v1/instruments/{id}/submit        submitInstrument
 *   POST /v1/instruments/{id}/publish       publishInstrument
 *   POST /v1/instruments/{id}/archive       archiveInstrument
 *   POST /v1/china-strategies/{id}/submit   submitChinaStrategy
 *   POST /v1/china-strategies/{id}/publish  publishChinaStrategy
 *   POST /v1/china-strategies/{id}/archive  archiveChinaStrategy
 *   POST /v1/alliances/{id}/submit          submitAlliance
 *   POST /v1/alliances/{id}/publish         publishAlliance
 *   POST /v1/alliances/{id}/archive         archiveAlliance
 *   POST /v1/sector-focuses/{id}/submit     submitSectorFocus
 *   POST /v1/sector-focuses/{id}/publish    publishSectorFocus
 *   POST /v1/sector-focuses/{id}/archive    archiveSectorFocus
 *   POST /v1/concepts/{id}/submit           submitConcept
 *   POST /v1/concepts/{id}/publish          publishConcept
 *   POST /v1/concepts/{id}/archive          archiveConcept
 *   POST /v1/assessments/{id}/submit        submitAssessment
 *   POST /v1/assessments/{id}/publish       publishAssessment
 *   POST /v1/assessments/{id}/archive       archiveAssessment
 */
export const registerTransitions = (app: RouteApp, collection: CollectionName) => {
  const { spec, name, errors } = writeContext(collection)
  const transitions: [Transition, Role, string][] = [
    ['submit', 'curator', `Submit a draft ${spec.label.singular} for review`],
    ['publish', 'editor', `Publish a ${spec.label.singular} under review`],
    ['archive', 'editor', `Archive a ${spec.label.singular}`],
  ]
  for (const [action, role, summary] of transitions) {
    app.post(
      `/v1/${collection}/:id/${action}`,
      {
        schema: {
          operationId: `${action}${name}`,
          summary,
          description: `Needs the ${role} role and \`If-Match\`.`,
          tags: [collection],
          security: SIGNED_IN,
          params: IdParams,
          querystring: NoQuery,
          headers: IfMatch,
          response: { 200: ok(name, 'The new version.'), ...errors },
        },
        config: { requiredRole: role },
      },
      async (request, reply) => {
        const version = expectedVersion(request)
        return sendEntity(
          reply,
          collection,
          await transitionEntity(app.database.db, collection, request.params.id, action, version, writerOf(request)),
        )
      },
    )
  }
}
