import { HttpError } from 'react-admin'
import { problemType, type Problem } from '@chain-atlas/types'
import { explainServer } from '../forms/explain.ts'

/** The CSRF token of the signed-in session, sent with every write (set by the auth provider). */
let csrfToken: string | null = null
export const setCsrfToken = (token: string | null) => {
  csrfToken = token
}

/** `/body/title/en` → `title.en`: where react-admin shows a field's error. */
const fieldOf = (pointer: string) =>
  pointer
    .replace(/^\/(body|query)\//, '')
    .split('/')
    .join('.')

/**
 * Problem details become react-admin errors: field errors go to their inputs, a 412 says
 * plainly that someone else changed the entry, a read-only 503 that nothing was saved.
 */
// Partial: a body that is not JSON (a proxy's error page, say) reads as `{}`.
const toHttpError = (status: number, problem: Partial<Problem>) => {
  if (status === 412) {
    // A translation key: the notification says it in the UI language.
    return new HttpError('atlas.conflict', status, { problem })
  }
  // The primary database is away (replicas still serve reads): said in the UI language.
  if (problem.type === problemType('read-only')) return new HttpError('atlas.read_only', status, { problem })
  const errors = Object.fromEntries((problem.errors ?? []).map((e) => [fieldOf(e.pointer), explainServer(e.detail)]))
  // With errors at the fields, the notification says to look at them (in the UI language).
  const message = Object.keys(errors).length ? 'ra.message.invalid_form' : (problem.detail ?? problem.title)
  return new HttpError(message ?? `HTTP ${status}`, status, { errors, problem })
}

export type RequestOptions = { method?: string; body?: unknown; headers?: Record<string, string>; contentType?: string }

/** JSON over fetch with the session cookie; writes carry the CSRF token. */
export const request = async <T>(url: string, options: RequestOptions = {}): Promise<{ json: T; headers: Headers }> => {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  if (!response.ok) throw toHttpError(response.status, await response.json().catch(() => ({})))
  const json = response.status === 204 ? (undefined as T) : ((await response.json()) as T)
  return { json, headers: response.headers }
}
