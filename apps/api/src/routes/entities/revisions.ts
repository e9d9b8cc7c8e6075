import type { RouteApp } from '../route-app.ts'
import { notFound, type CollectionName, withArticle } from '@chain-atlas/types'
import { listRevisions } from '@chain-atlas/db'
import { NoQuery, SIGNED_IN, ok } from '../../responses.ts'
import { IdParams, historyErrors, curationTag, writeContext } from './shared.ts'

/**
 * Every revision of an entry: who, when, which fields, before and after.
 *
 *   GET /v1/economies/{id}/revisions         listEconomyRevisions
 *   GET /v1/sectors/{id}/revisions           listSectorRevisions
 *   GET /v1/sources/{id}/revisions           listSourceRevisions
 *   GET /v1/doctrines/{id}/revisions         listDoctrineRevisions
 *   GET /v1/instruments/{id}/revisions       listInstrumentRevisions
 *   GET /v1/china-strategies/{id}/revisions  listChinaStrategyRevisions
 *   GET /v1/alliances/{id}/revisions         listAllianceRevisions
 *   GET /v1/sector-focuses/{id}/revisions    listSectorFocusRevisions
 *   GET /v1/concepts/{id}/revisions          listConceptRevisions
 *   GET /v1/assessments/{id}/revisions       listAssessmentRevisions
 */
export const registerRevisions = (app: RouteApp, collection: CollectionName) => {
  const { spec, name, errors } = writeContext(collection)
  app.get(
    `/v1/${collection}/:id/revisions`,
    {
      schema: {
        operationId: `list${name}Revisions`,
        summary: `Every revision of ${withArticle(spec.label.singular)}: who, when, which fields, before and after`,
        description:
          'Every version, oldest first: the action, its author, the fields it changed, the entry before and after, whether it was a working copy’s change, and the comment said with it.',
        tags: [curationTag(collection)],
        security: SIGNED_IN,
        params: IdParams,
        querystring: NoQuery,
        response: { 200: ok('RevisionList', 'Revisions, oldest first.'), ...historyErrors(errors) },
      },
      config: { requiredRole: 'viewer' },
    },
    async (request) => {
      const rows = await listRevisions(app.database.db, collection, request.params.id)
      if (!rows.length) throw notFound(`${spec.label.singular} "${request.params.id}"`)
      return { data: rows.map((r) => ({ ...r, at: r.at.toISOString() })) }
    },
  )
}
