import type { RouteApp } from '../route-app.ts'
import { notFound, type CollectionName, withArticle } from '@chain-atlas/types'
import { discardWorkingCopy, getDraft } from '@chain-atlas/db'
import { entityEtag } from '../../etag.ts'
import { NoQuery, SIGNED_IN, ok, problem } from '../../responses.ts'
import {
  IdParams,
  IfMatch,
  expectedVersion,
  historyErrors,
  sendEntity,
  curationTag,
  writeContext,
  writerOf,
} from './shared.ts'

/**
 * The working copy: a change to a published entry waits here, unseen by the public, until it is
 * published or discarded; a new entry is its own working copy. Writes to it (PUT, PATCH, the
 * transitions) go to `/v1/{collection}/{id}` with this ETag in `If-Match`.
 *
 *   GET /v1/economies/{id}/draft           getEconomyDraft
 *   POST /v1/economies/{id}/discard         discardEconomyDraft
 *   GET /v1/sectors/{id}/draft             getSectorDraft
 *   POST /v1/sectors/{id}/discard           discardSectorDraft
 *   GET /v1/sources/{id}/draft             getSourceDraft
 *   POST /v1/sources/{id}/discard           discardSourceDraft
 *   GET /v1/doctrines/{id}/draft           getDoctrineDraft
 *   POST /v1/doctrines/{id}/discard         discardDoctrineDraft
 *   GET /v1/instruments/{id}/draft         getInstrumentDraft
 *   POST /v1/instruments/{id}/discard       discardInstrumentDraft
 *   GET /v1/china-strategies/{id}/draft    getChinaStrategyDraft
 *   POST /v1/china-strategies/{id}/discard  discardChinaStrategyDraft
 *   GET /v1/alliances/{id}/draft           getAllianceDraft
 *   POST /v1/alliances/{id}/discard         discardAllianceDraft
 *   GET /v1/sector-focuses/{id}/draft      getSectorFocusDraft
 *   POST /v1/sector-focuses/{id}/discard    discardSectorFocusDraft
 *   GET /v1/concepts/{id}/draft            getConceptDraft
 *   POST /v1/concepts/{id}/discard          discardConceptDraft
 *   GET /v1/assessments/{id}/draft         getAssessmentDraft
 *   POST /v1/assessments/{id}/discard       discardAssessmentDraft
 */
export const registerDraft = (app: RouteApp, collection: CollectionName) => {
  const { spec, name, errors } = writeContext(collection)
  const singular = spec.label.singular
  app.get(
    `/v1/${collection}/:id/draft`,
    {
      schema: {
        operationId: `get${name}Draft`,
        summary: `Get the working copy of ${withArticle(singular)}`,
        description:
          'The next version of a published entry as it is being drafted or reviewed, or an entry not yet published. 404 when the entry has no working copy (it is as published, or archived). Its `ETag` is what writes take in `If-Match`.',
        tags: [curationTag(collection)],
        security: SIGNED_IN,
        params: IdParams,
        querystring: NoQuery,
        response: {
          200: ok(name, 'The working copy.'),
          ...historyErrors(errors),
          404: problem(`No ${singular} has this id, or it has no working copy.`),
        },
      },
      config: { requiredRole: 'viewer' },
    },
    async (request, reply) => {
      const draft = await getDraft(app.database.db, collection, request.params.id)
      if (!draft) throw notFound(`a working copy of ${singular} "${request.params.id}"`)
      reply.header('etag', entityEtag(draft))
      return draft
    },
  )

  app.post(
    `/v1/${collection}/:id/discard`,
    {
      schema: {
        operationId: `discard${name}Draft`,
        summary: `Discard the working copy of a published ${singular}`,
        description:
          'Drops the unpublished changes; the published version stays as it is (and is the answer). An entry never published has nothing to fall back to: archive it instead (409). Needs the curator role and the working copy’s ETag in `If-Match`.',
        tags: [curationTag(collection)],
        security: SIGNED_IN,
        params: IdParams,
        querystring: NoQuery,
        headers: IfMatch,
        response: {
          200: ok(name, 'The published version, which stays.'),
          ...errors,
          404: problem(`No ${singular} has this id, or it has no working copy.`),
        },
      },
      config: { requiredRole: 'curator' },
    },
    async (request, reply) => {
      const version = expectedVersion(request)
      const published = await discardWorkingCopy(
        app.database.db,
        collection,
        request.params.id,
        version,
        writerOf(request),
      )
      return sendEntity(reply, collection, published, 200, false)
    },
  )
}
