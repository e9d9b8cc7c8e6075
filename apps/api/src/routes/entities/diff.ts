import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { invalid, notFound, type CollectionName, withArticle } from '@chain-atlas/types'
import { canonicalJson, contentFields, listRevisions, type Entity } from '@chain-atlas/db'
import { SIGNED_IN, ok } from '../../responses.ts'
import { IdParams, historyErrors, curationTag, writeContext } from './shared.ts'

/**
 * What changed in an entry between two versions.
 *
 *   GET /v1/economies/{id}/diff         diffEconomy
 *   GET /v1/sectors/{id}/diff           diffSector
 *   GET /v1/sources/{id}/diff           diffSource
 *   GET /v1/doctrines/{id}/diff         diffDoctrine
 *   GET /v1/instruments/{id}/diff       diffInstrument
 *   GET /v1/china-strategies/{id}/diff  diffChinaStrategy
 *   GET /v1/alliances/{id}/diff         diffAlliance
 *   GET /v1/sector-focuses/{id}/diff    diffSectorFocus
 *   GET /v1/concepts/{id}/diff          diffConcept
 *   GET /v1/assessments/{id}/diff       diffAssessment
 */
export const registerDiff = (app: RouteApp, collection: CollectionName) => {
  const { spec, name, errors } = writeContext(collection)
  app.get(
    `/v1/${collection}/:id/diff`,
    {
      schema: {
        operationId: `diff${name}`,
        summary: `What changed in ${withArticle(spec.label.singular)} between two versions`,
        description:
          'The fields whose value differs between two versions (any two: the published version and a working copy, say), each with its value before and after.',
        tags: [curationTag(collection)],
        security: SIGNED_IN,
        params: IdParams,
        querystring: Type.Object(
          { from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        response: { 200: ok('Diff', 'The fields that differ.'), ...historyErrors(errors) },
      },
      config: { requiredRole: 'viewer' },
    },
    async (request) => {
      const rows = await listRevisions(app.database.db, collection, request.params.id)
      const at = (version: number, pointer: string) => {
        const revision = rows.find((r) => r.version === version)
        if (!revision)
          throw rows.length
            ? invalid(pointer, `is not a version of this ${spec.label.singular}`)
            : notFound(`${spec.label.singular} "${request.params.id}"`)
        return contentFields(revision.after as Entity)
      }
      const before = at(request.query.from, '/query/from')
      const after = at(request.query.to, '/query/to')
      const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
      return {
        from: request.query.from,
        to: request.query.to,
        changes: fields
          .filter((f) => canonicalJson(before[f]) !== canonicalJson(after[f]))
          .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null })),
      }
    },
  )
}
