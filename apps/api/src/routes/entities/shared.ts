// What the entries' routes share: the id parameter, cache tags, and the write protocol (If-Match, errors, answer).
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type, type Static } from 'typebox'
import { ApiError, INCLUDES, Slug, collectionSpecs, type CollectionName } from '@chain-atlas/types'
import { roleAtLeast, type Entity, type Role, type Writer } from '@chain-atlas/db'
import { entityEtag } from '../../etag.ts'
import { problem } from '../../responses.ts'
import type { CacheTags } from '../../plugins/application/read-cache.ts'

export const IdParams = Type.Object({ id: Slug }, { additionalProperties: false })
export type IdParams = Static<typeof IdParams>

/** A cached answer of a collection depends on `own` and on every collection `include` embeds. */
export const dependsOn =
  (collection: CollectionName, own: (request: any) => string): CacheTags =>
  (request) => {
    const include = (request.query as { include?: string[] }).include ?? []
    return [own(request), ...include.map((name) => INCLUDES[collection][name]?.collection ?? '*')]
  }

export const IfMatch = Type.Object(
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

/**
 * The contract's tag of a collection's writes, workflow and history (`instruments (curation)`): the
 * reference lists them apart from the public reads (tagged with the collection's name).
 */
export const curationTag = (collection: CollectionName) => `${collection} (curation)`

/** A collection's spec, its schema's name and the problems its write routes declare. */
export const writeContext = (collection: CollectionName) => {
  const spec = collectionSpecs[collection]
  return { spec, name: spec.schemaName, errors: writeErrors(spec.label.singular) }
}

/** The problems a read of an entry's history declares: a write's, less those of a body and a version. */
export const historyErrors = (errors: ReturnType<typeof writeErrors>) => ({
  400: errors[400],
  401: errors[401],
  403: errors[403],
  404: errors[404],
})

/** The version an `If-Match` header names: 428 without it, 412 when it names no version of ours. */
export const expectedVersion = (request: FastifyRequest): number => {
  const header = request.headers['if-match']
  if (!header)
    throw new ApiError('precondition-required', 'Send If-Match with the ETag of the entry as you last read it.')
  const match = /^\s*"v(\d+)"\s*$/.exec(header)
  if (!match)
    throw new ApiError(
      'precondition-failed',
      'If-Match does not name a version of this entry: reload it and redo the change.',
    )
  return Number(match[1])
}

/** The review rules the configuration sets (REVIEW_FOUR_EYES). */
export type WorkflowSettings = { reviewFourEyes: boolean }

export const writerOf = (request: FastifyRequest, settings?: WorkflowSettings): Writer => ({
  actor: request.actor!.id,
  person: request.actor!.userId,
  mayPublish: roleAtLeast(request.actor!.role as Role, 'editor'),
  fourEyes: settings?.reviewFourEyes ?? false,
})

/** A body that may be left out (a comment): no body reads as an empty object. */
export const optionalBody = async (request: FastifyRequest) => {
  request.body ??= {}
}

/**
 * Answers a write with the entry. When the public set changed (the entry is now published or
 * archived), its cached public reads in this process go at once; other processes hear of it from
 * the database (NOTIFY), an instant later. A draft or a working copy changes nothing public.
 */
export const sendEntity = (
  reply: FastifyReply,
  collection: CollectionName,
  entity: Entity,
  status = 200,
  publicChange = entity.status === 'published' || entity.status === 'archived',
) => {
  if (publicChange) reply.server.readCache.changed(collection, entity.id)
  return reply.code(status).header('etag', entityEtag(entity)).send(entity)
}
