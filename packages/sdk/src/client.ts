import { createClient as createFetchClient } from './generated/client/index.js'
import { AtlasSdk } from './generated/sdk.gen.js'
import type { Session as SignedIn } from './generated/types.gen.js'
import { ProblemError } from './problem.js'
import { retryingFetch, type RetryOptions } from './retry.js'

/** A signed-in session: its CSRF token, and outside browsers the session cookie (browsers keep it themselves). */
export type SessionAuth = { csrfToken: string; cookie?: string }

export type ClientOptions = {
  /** Where the API is, e.g. `https://atlas.example.org` (no `/v1`: the operations carry it). */
  baseUrl: string
  /** An API key (`ca_…`), sent as `Authorization: Bearer`. */
  apiKey?: string
  /** A session from `signIn` (or kept from an earlier one). */
  session?: SessionAuth
  /** The fetch to use (default: the global one, in Node.js and browsers alike). */
  fetch?: typeof fetch
  /** Retries of 429 and 503 answers; `false` turns them off. */
  retry?: RetryOptions | false
  /** Headers sent with every request. */
  headers?: Record<string, string>
}

const SESSION_COOKIE = 'atlas_session'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The `name=value` of the session cookie in a login response; browsers hide it (HttpOnly), so there it is undefined. */
const sessionCookie = (response: Response) =>
  response.headers
    .getSetCookie?.()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))

/**
 * The Chain Atlas API: every operation of the contract as a typed method (`listInstruments`,
 * `getInstrument`, `updateInstrument`, …) that resolves to `{ data, response }` and throws a
 * `ProblemError` on an error answer, plus sign-in with a session.
 */
export class ChainAtlas extends AtlasSdk {
  apiKey?: string
  session?: SessionAuth

  constructor(options: ClientOptions) {
    const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    const client = createFetchClient({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      fetch: options.retry === false ? baseFetch : retryingFetch(baseFetch, options.retry),
      headers: options.headers,
      throwOnError: true,
    })
    super({ client })
    this.apiKey = options.apiKey
    this.session = options.session
    // Credentials go on every request, not only on operations the contract marks as secured:
    // reading drafts (`status=draft`) needs them too.
    client.interceptors.request.use((request) => {
      if (this.apiKey) request.headers.set('authorization', `Bearer ${this.apiKey}`)
      if (this.session?.cookie) request.headers.set('cookie', this.session.cookie)
      if (this.session && UNSAFE.has(request.method)) request.headers.set('x-csrf-token', this.session.csrfToken)
      return request
    })
    client.interceptors.error.use((error, response) =>
      response && !response.ok ? ProblemError.from(response, error) : error,
    )
  }

  /** Signs in with email and password; later requests carry the session (and writes its CSRF token). */
  async signIn(email: string, password: string): Promise<SignedIn> {
    const { data, response } = await this.login({ body: { email, password } })
    this.session = { csrfToken: data.csrf_token, cookie: sessionCookie(response) }
    return data
  }

  /** Ends the session on the server and forgets it here, even when the server no longer knew it. */
  async signOut(): Promise<void> {
    try {
      await this.logout()
    } finally {
      this.session = undefined
    }
  }
}

/** A client of the Chain Atlas API: `createClient({ baseUrl, apiKey })`. */
export const createClient = (options: ClientOptions) => new ChainAtlas(options)
