import type { Problem } from './generated/types.gen.js'

export type { Problem }
export type ProblemField = NonNullable<Problem['errors']>[number]

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as Problem).title === 'string' &&
  typeof (body as Problem).status === 'number'

/** Seconds from a `Retry-After` header: a number of seconds or an HTTP date. */
export const retryAfterSeconds = (header: string | null): number | undefined => {
  if (header === null || header.trim() === '') return undefined
  if (/^\d+$/.test(header.trim())) return Number(header)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

/**
 * An error answer of the API: the RFC 9457 problem it sent (`type`, `title`, `status`, `detail`,
 * `errors` with a JSON pointer per offending field, `request_id`), and the response itself.
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError'
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string
  readonly instance?: string
  readonly errors: ProblemField[]
  readonly requestId?: string
  /** Seconds the server asked to wait (429, 503), when it said. */
  readonly retryAfter?: number

  constructor(
    readonly problem: Problem,
    readonly response?: Response,
  ) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title)
    this.type = problem.type
    this.title = problem.title
    this.status = problem.status
    this.detail = problem.detail
    this.instance = problem.instance
    this.errors = problem.errors ?? []
    this.requestId = problem.request_id
    this.retryAfter = retryAfterSeconds(response?.headers.get('retry-after') ?? null)
  }

  /** The problem of an error response; a body that is no problem (a proxy's HTML page, say) becomes one. */
  static from(response: Response, body: unknown): ProblemError {
    if (isProblem(body)) return new ProblemError(body, response)
    const detail = typeof body === 'string' && body ? body.slice(0, 500) : undefined
    return new ProblemError(
      { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, detail },
      response,
    )
  }
}
