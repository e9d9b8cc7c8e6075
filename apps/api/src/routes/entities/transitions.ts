import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { TRANSITIONS, type CollectionName, withArticle } from '@chain-atlas/types'
import { transitionEntity, type Transition } from '@chain-atlas/db'
import { NoQuery, SIGNED_IN, bodyErrors, ok } from '../../responses.ts'
import { OPTIONAL_BODY } from '../../plugins/infrastructure/openapi.ts'
import {
  IdParams,
  IfMatch,
  curationTag,
  expectedVersion,
  optionalBody,
  sendEntity,
  writeContext,
  writerOf,
  type WorkflowSettings,
} from './shared.ts'

/**
 * The workflow (needs \`If-Match\`): submit for review, publish, send back with a comment, archive,
 * restore. They act on the working copy of a published entry when it has one. Which status each
 * leads from and to: \`TRANSITIONS\` (packages/types, curation.ts); the rules: packages/db, curation.ts.
 *
 *   POST /v1/economies/{id}/submit                  submitEconomy
 *   POST /v1/economies/{id}/publish                 publishEconomy
 *   POST /v1/economies/{id}/request-changes         requestEconomyChanges
 *   POST /v1/economies/{id}/archive                 archiveEconomy
 *   POST /v1/economies/{id}/restore                 restoreEconomy
 *   POST /v1/sectors/{id}/submit                    submitSector
 *   POST /v1/sectors/{id}/publish                   publishSector
 *   POST /v1/sectors/{id}/request-changes           requestSectorChanges
 *   POST /v1/sectors/{id}/archive                   archiveSector
 *   POST /v1/sectors/{id}/restore                   restoreSector
 *   POST /v1/sources/{id}/submit                    submitSource
 *   POST /v1/sources/{id}/publish                   publishSource
 *   POST /v1/sources/{id}/request-changes           requestSourceChanges
 *   POST /v1/sources/{id}/archive                   archiveSource
 *   POST /v1/sources/{id}/restore                   restoreSource
 *   POST /v1/doctrines/{id}/submit                  submitDoctrine
 *   POST /v1/doctrines/{id}/publish                 publishDoctrine
 *   POST /v1/doctrines/{id}/request-changes         requestDoctrineChanges
 *   POST /v1/doctrines/{id}/archive                 archiveDoctrine
 *   POST /v1/doctrines/{id}/restore                 restoreDoctrine
 *   POST /v1/instruments/{id}/submit                submitInstrument
 *   POST /v1/instruments/{id}/publish               publishInstrument
 *   POST /v1/instruments/{id}/request-changes       requestInstrumentChanges
 *   POST /v1/instruments/{id}/archive               archiveInstrument
 *   POST /v1/instruments/{id}/restore               restoreInstrument
 *   POST /v1/china-strategies/{id}/submit           submitChinaStrategy
 *   POST /v1/china-strategies/{id}/publish          publishChinaStrategy
 *   POST /v1/china-strategies/{id}/request-changes  requestChinaStrategyChanges
 *   POST /v1/china-strategies/{id}/archive          archiveChinaStrategy
 *   POST /v1/china-strategies/{id}/restore          restoreChinaStrategy
 *   POST /v1/alliances/{id}/submit                  submitAlliance
 *   POST /v1/alliances/{id}/publish                 publishAlliance
 *   POST /v1/alliances/{id}/request-changes         requestAllianceChanges
 *   POST /v1/alliances/{id}/archive                 archiveAlliance
 *   POST /v1/alliances/{id}/restore                 restoreAlliance
 *   POST /v1/sector-focuses/{id}/submit             submitSectorFocus
 *   POST /v1/sector-focuses/{id}/publish            publishSectorFocus
 *   POST /v1/sector-focuses/{id}/request-changes    requestSectorFocusChanges
 *   POST /v1/sector-focuses/{id}/archive            archiveSectorFocus
 *   POST /v1/sector-focuses/{id}/restore            restoreSectorFocus
 *   POST /v1/concepts/{id}/submit                   submitConcept
 *   POST /v1/concepts/{id}/publish                  publishConcept
 *   POST /v1/concepts/{id}/request-changes          requestConceptChanges
 *   POST /v1/concepts/{id}/archive                  archiveConcept
 *   POST /v1/concepts/{id}/restore                  restoreConcept
 *   POST /v1/assessments/{id}/submit                submitAssessment
 *   POST /v1/assessments/{id}/publish               publishAssessment
 *   POST /v1/assessments/{id}/request-changes       requestAssessmentChanges
 *   POST /v1/assessments/{id}/archive               archiveAssessment
 *   POST /v1/assessments/{id}/restore               restoreAssessment
 */
type TransitionRoute = { action: Transition; operationId: string; summary: string; description: string }

const transitionRoutes = (name: string, singular: string): TransitionRoute[] => [
  {
    action: 'submit',
    operationId: `submit${name}`,
    summary: `Submit a draft ${singular} for review`,
    description:
      'Sends the draft (the working copy of a published entry, or a new entry) to the editors, with an optional `comment`. Needs the curator role and `If-Match`.',
  },
  {
    action: 'publish',
    operationId: `publish${name}`,
    summary: `Publish ${withArticle(singular)} under review`,
    description:
      'The version under review becomes what the public reads, once everything it references is published (else 409, listing them). With `REVIEW_FOUR_EYES`, a change you made is published by another editor (403). Needs the editor role and `If-Match`.',
  },
  {
    action: 'request-changes',
    operationId: `request${name}Changes`,
    summary: `Send ${withArticle(singular)} under review back to its author`,
    description:
      'Back to draft, with a required `comment` saying what to change; the author finds it in the review queue (`state=changes_requested`). Needs the editor role and `If-Match`.',
  },
  {
    action: 'archive',
    operationId: `archive${name}`,
    summary: `Archive ${withArticle(singular)}`,
    description:
      'Takes the entry out of the public set, unless published entries cite it (409, listing them) or it has a working copy (publish or discard it first). Needs the editor role and `If-Match`.',
  },
  {
    action: 'restore',
    operationId: `restore${name}`,
    summary: `Restore an archived ${singular}`,
    description:
      'Publishes the archived entry again as it was, if everything it references is published (else 409, listing them). Needs the editor role and `If-Match`.',
  },
]

export const registerTransitions = (app: RouteApp, collection: CollectionName, settings: WorkflowSettings) => {
  const { spec, name, errors } = writeContext(collection)
  for (const { action, operationId, summary, description } of transitionRoutes(name, spec.label.singular)) {
    const commentRequired = action === 'request-changes'
    app.post<{ Params: IdParams; Body: { comment?: string } | undefined }>(
      `/v1/${collection}/:id/${action}`,
      {
        schema: {
          operationId,
          summary,
          description,
          tags: [curationTag(collection)],
          security: SIGNED_IN,
          params: IdParams,
          querystring: NoQuery,
          headers: IfMatch,
          body: Type.Ref(commentRequired ? 'ChangeRequest' : 'TransitionComment'),
          ...(commentRequired ? {} : { [OPTIONAL_BODY]: true }),
          response: { 200: ok(name, 'The new version.'), ...errors, ...bodyErrors },
        },
        preValidation: commentRequired ? undefined : optionalBody,
        config: { requiredRole: TRANSITIONS[action].role },
      },
      async (request, reply) => {
        const version = expectedVersion(request)
        const entity = await transitionEntity(
          app.database.db,
          collection,
          request.params.id,
          action,
          version,
          writerOf(request, settings),
          { comment: request.body?.comment },
        )
        return sendEntity(reply, collection, entity)
      },
    )
  }
}
