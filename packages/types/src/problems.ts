import type { ProblemReference } from './envelope.ts'
import type { FieldError } from './validation.ts'

/**
 * Every problem Chain Atlas reports, with its HTTP status and title: one table, one place. The
 * database layer refuses writes with these codes and the API answers them as they are.
 */
export const PROBLEMS = {
  'invalid-request': { status: 400, title: 'The request is invalid' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'Not acceptable' },
  'request-timeout': { status: 408, title: 'Request timeout' },
  conflict: { status: 409, title: 'Conflict' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'Unprocessable request' },
  'precondition-required': { status: 428, title: 'Precondition required' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'headers-too-large': { status: 431, title: 'Request header fields too large' },
  internal: { status: 500, title: 'Internal server error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  /** The primary database is away: replicas still answer reads; writes and sign-ins wait for it. */
  'read-only': { status: 503, title: 'The service is read-only for now' },
} as const

export type ProblemCode = keyof typeof PROBLEMS

export const problemType = (code: ProblemCode) => `urn:chain-atlas:problem:${code}`

/**
 * A request refused, as the API answers it (`application/problem+json`); thrown by the API and by
 * the database layer alike (a write refused there has changed nothing).
 */
export class ApiError extends Error {
  readonly status: number
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly references?: ProblemReference[],
  ) {
    super(detail)
    this.status = PROBLEMS[code].status
  }
}

export const notFound = (what: string) => new ApiError('not-found', `${what} does not exist`)

export const invalid = (pointer: string, detail: string) =>
  new ApiError('invalid-request', `${pointer.split('/').pop()} ${detail}`, [{ pointer, detail }])
