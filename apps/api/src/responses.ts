import { Type } from 'typebox'

/** A JSON success response that references a named component. */
export const ok = (schemaId: string, description: string) => ({
  description,
  content: { 'application/json': { schema: Type.Ref(schemaId) } },
})

/** An error response, always RFC 9457 problem details. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Type.Ref('Problem') } },
})

/** The errors every read can answer. */
export const readErrors = {
  400: problem('Invalid parameters: the problem names each offending one in `errors`.'),
  503: problem('The database is unavailable; retry after `Retry-After` seconds.'),
}

/** The errors of every operation that takes a body: too large for the server, or not JSON. */
export const bodyErrors = {
  413: problem('The body is larger than the server takes (1 MiB).'),
  415: problem('The body is not in a media type this operation takes (JSON).'),
}

/** The meta of a page of any list: its size, where the next page starts, whether there is one. */
export const pageMeta = (limit: number, nextCursor: string | null, hasMore = nextCursor !== null) => ({
  limit,
  next_cursor: nextCursor,
  has_more: hasMore,
})

/** For routes without parameters: any query parameter is unknown, hence a 400. */
export const NoQuery = Type.Object({}, { additionalProperties: false })

/** Operations that need credentials: a session cookie (people) or a bearer API key (programs). */
export const SIGNED_IN: { [scheme: string]: string[] }[] = [{ cookieAuth: [] }, { bearerAuth: [] }]
