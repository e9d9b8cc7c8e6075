import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ApiError, COLLECTION_NAMES, Slug, collectionSpecs, invalid, notFound, type CollectionName } from '@chain-atlas/types'
import {
  contentFields, createEntity, createInTransaction, findIdempotentResponse, inWriteTransaction, listRevisions, revertEntity,
  roleAtLeast, storeIdempotentResponse, transitionEntity, updateEntity, type Entity, type Role, type Transition, type Writer,
} from '@chain-atlas/db'
import { NoQuery, SIGNED_IN, bodyErrors, ok, problem } from '../responses.ts'
import { entityEtag } from '../etag.ts'

const IdParams = Type.Object({ id: Slug }, { additionalProperties: false })
const IfMatch = Type.Object(
  { 'if-match': Type.Optional(Type.String({ description: 'The ETag of the entry as last read (`"v3"`): required.' })) },
  { additionalProperties: true },
)

const writeErrors = (singular: string) => ({
  400: problem('Invalid body: each offending field is named in `errors`.'),
  401: problem('No credentials.'),
  403: problem('The role does not allow this (or a session write lacks its CSRF token).'),
  404: problem(`No ${singular} has this id.`),
  409: problem('The id is taken, or the workflow does not allow this now.'),
  412: problem('The entry changed since the ETag was read: reload and redo the change.'),
  428: problem('`If-Match` is required.'),
})

/** The version an `If-Match` header names: 428 without it, 412 when it names no version of ours. */
const expectedVersion = (request: FastifyRequest): number => {
  const header = request.headers['if-match']
  if (!header) throw new ApiError('precondition-required', 'Send If-Match with the ETag of the entry as you last read it.')
  const match = /^\s*"v(\d+)"\s*$/.exec(header)
  if (!match) throw new ApiError('precondition-failed', 'If-Match does not name a version of this entry: reload it and redo the change.')
  return Number(match[1])
}

const writerOf = (request: FastifyRequest): Writer => ({ actor: request.actor!.id, mayPublish: roleAtLeast(request.actor!.role as Role, 'editor') })

/**
 * Answers a write with the entry. Its cached public reads in this process go at once; other
 * processes hear of it from the database (NOTIFY), an instant later.
 */
const sendEntity = (reply: FastifyReply, collection: CollectionName, entity: Entity, status = 200) => {
  if (status !== 201) reply.server.readCache.changed(collection, entity.id) // a new entry is a draft: nothing public changed
  return reply.code(status).header('etag', entityEtag(entity)).send(entity)
}

/** RFC 7396: objects merge key by key, null removes, anything else replaces. */
export const mergePatch = (target: unknown, patch: unknown): unknown => {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch
  const result: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key]
    else result[key] = mergePatch(result[key], value)
  }
  return result
}

export default async function curationRoutes(app: FastifyInstance) {
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'))
  for (const collection of COLLECTION_NAMES) registerWrites(app, collection)
}

const registerWrites = (app: FastifyInstance, collection: CollectionName) => {
  const spec = collectionSpecs[collection]
  const name = spec.schemaName
  const errors = writeErrors(spec.label.singular)

  app.post<{ Body: Record<string, unknown> & { id: string } }>(`/v1/${collection}`, {
    schema: {
      operationId: `create${name}`,
      summary: `Create a ${spec.label.singular} (as a draft)`,
      description: 'Send `Idempotency-Key` to make retries safe: a retried request returns the first response and creates nothing twice.',
      tags: [collection],
      security: SIGNED_IN,
      querystring: NoQuery,
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }, { additionalProperties: true }),
      body: Type.Ref(`${name}Create`),
      response: { 201: ok(name, 'Created, as a draft.'), ...errors, ...bodyErrors, 422: problem('The Idempotency-Key was used for another request.') },
    },
    config: { requiredRole: 'curator' },
  }, async (request, reply) => {
    const key = request.headers['idempotency-key'] as string | undefined
    const writer = writerOf(request)
    if (!key) return sendEntity(reply, collection, await createEntity(app.database.db, collection, request.body, writer), 201)
    const requestHash = createHash('sha256').update(`${request.url}\n${JSON.stringify(request.body)}`).digest('hex')
    const response = await inWriteTransaction(app.database.db, async (tx) => {
      const stored = await findIdempotentResponse(tx, writer.actor, key)
      if (stored) {
        if (stored.request_hash !== requestHash) throw new ApiError('unprocessable', 'This Idempotency-Key was used for a different request.')
        return { ...stored, replayed: true }
      }
      const entity = await createInTransaction(tx, collection, request.body, writer)
      await storeIdempotentResponse(tx, writer.actor, key, { status_code: 201, body: entity, request_hash: requestHash })
      return { status_code: 201, body: entity, request_hash: requestHash, replayed: false }
    })
    if (response.replayed) reply.header('idempotent-replayed', 'true')
    return sendEntity(reply, collection, response.body as Entity, response.status_code)
  })

  app.put<{ Params: { id: string }; Body: Record<string, unknown> }>(`/v1/${collection}/:id`, {
    schema: {
      operationId: `replace${name}`,
      summary: `Replace a ${spec.label.singular}’s content`,
      description: 'Needs `If-Match`. A published entry changed by a curator goes back to draft until an editor publishes it.',
      tags: [collection], security: SIGNED_IN, params: IdParams, querystring: NoQuery, headers: IfMatch,
      body: Type.Ref(`${name}Replace`),
      response: { 200: ok(name, 'The new version.'), ...errors, ...bodyErrors },
    },
    config: { requiredRole: 'curator' },
  }, async (request, reply) => {
    const version = expectedVersion(request)
    return sendEntity(reply, collection, await updateEntity(app.database.db, collection, request.params.id, () => request.body, version, writerOf(request)))
  })

  app.patch<{ Params: { id: string }; Body: Record<string, unknown> }>(`/v1/${collection}/:id`, {
    schema: {
      operationId: `update${name}`,
      summary: `Change some fields of a ${spec.label.singular} (JSON Merge Patch)`,
      description: 'An RFC 7396 merge patch (`application/merge-patch+json`): fields present replace, `null` removes. Needs `If-Match`.',
      tags: [collection], security: SIGNED_IN, params: IdParams, querystring: NoQuery, headers: IfMatch,
      body: Type.Object({}, { additionalProperties: true, description: `A merge patch of the ${spec.label.singular}’s fields.` }),
      response: { 200: ok(name, 'The new version.'), ...errors, ...bodyErrors },
    },
    config: { requiredRole: 'curator' },
  }, async (request, reply) => {
    const version = expectedVersion(request)
    for (const field of ['id', 'version', 'status', 'created_at', 'updated_at']) {
      if (field in request.body) throw invalid(`/body/${field}`, 'is kept by the server and cannot be patched')
    }
    const patched = (current: Entity) => mergePatch(contentFields(current), request.body) as Record<string, unknown>
    return sendEntity(reply, collection, await updateEntity(app.database.db, collection, request.params.id, patched, version, writerOf(request)))
  })

  const transitions: [Transition, Role, string][] = [
    ['submit', 'curator', `Submit a draft ${spec.label.singular} for review`],
    ['publish', 'editor', `Publish a ${spec.label.singular} under review`],
    ['archive', 'editor', `Archive a ${spec.label.singular}`],
  ]
  for (const [action, role, summary] of transitions) {
    app.post<{ Params: { id: string } }>(`/v1/${collection}/:id/${action}`, {
      schema: {
        operationId: `${action}${name}`, summary, description: `Needs the ${role} role and \`If-Match\`.`,
        tags: [collection], security: SIGNED_IN, params: IdParams, querystring: NoQuery, headers: IfMatch,
        response: { 200: ok(name, 'The new version.'), ...errors },
      },
      config: { requiredRole: role },
    }, async (request, reply) => {
      const version = expectedVersion(request)
      return sendEntity(reply, collection, await transitionEntity(app.database.db, collection, request.params.id, action, version, writerOf(request)))
    })
  }

  app.post<{ Params: { id: string }; Body: { version: number } }>(`/v1/${collection}/:id/revert`, {
    schema: {
      operationId: `revert${name}`, summary: `Restore an earlier version of a ${spec.label.singular}`,
      description: 'Creates a new version with the content of the one named; needs the editor role and `If-Match`.',
      tags: [collection], security: SIGNED_IN, params: IdParams, querystring: NoQuery, headers: IfMatch, body: Type.Ref('Revert'),
      response: { 200: ok(name, 'The new version.'), ...errors, ...bodyErrors },
    },
    config: { requiredRole: 'editor' },
  }, async (request, reply) => {
    const version = expectedVersion(request)
    return sendEntity(reply, collection, await revertEntity(app.database.db, collection, request.params.id, request.body.version, version, writerOf(request)))
  })

  app.get<{ Params: { id: string } }>(`/v1/${collection}/:id/revisions`, {
    schema: {
      operationId: `list${name}Revisions`, summary: `Every revision of a ${spec.label.singular}: who, when, which fields, before and after`,
      tags: [collection], security: SIGNED_IN, params: IdParams, querystring: NoQuery,
      response: { 200: ok('RevisionList', 'Revisions, oldest first.'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    },
    config: { requiredRole: 'viewer' },
  }, async (request) => {
    const rows = await listRevisions(app.database.db, collection, request.params.id)
    if (!rows.length) throw notFound(`${spec.label.singular} "${request.params.id}"`)
    return { data: rows.map((r) => ({ ...r, at: r.at.toISOString() })) }
  })

  app.get<{ Params: { id: string }; Querystring: { from: number; to: number } }>(`/v1/${collection}/:id/diff`, {
    schema: {
      operationId: `diff${name}`, summary: `What changed in a ${spec.label.singular} between two versions`,
      tags: [collection], security: SIGNED_IN, params: IdParams,
      querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
      response: { 200: ok('Diff', 'The fields that differ.'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    },
    config: { requiredRole: 'viewer' },
  }, async (request) => {
    const rows = await listRevisions(app.database.db, collection, request.params.id)
    const at = (version: number, pointer: string) => {
      const revision = rows.find((r) => r.version === version)
      if (!revision) throw rows.length ? invalid(pointer, `is not a version of this ${spec.label.singular}`) : notFound(`${spec.label.singular} "${request.params.id}"`)
      return contentFields(revision.after as Entity)
    }
    const before = at(request.query.from, '/query/from')
    const after = at(request.query.to, '/query/to')
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    return {
      from: request.query.from,
      to: request.query.to,
      changes: fields
        .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
        .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null })),
    }
  })
}
