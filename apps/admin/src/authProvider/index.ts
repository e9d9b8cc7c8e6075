import { HttpError, type AuthProvider } from 'react-admin'
import type { Session } from '@chain-atlas/types'
import { request, setCsrfToken } from '../dataProvider/http.ts'
import { clearExpired, markExpired } from './session.ts'

/** A refused sign-in the page says in the UI language, by status (the API's own text is English). */
const REFUSALS: Record<number, string> = { 401: 'atlas.login.refused', 429: 'atlas.login.too_many' }
const refusal = (error: HttpError) =>
  REFUSALS[error.status] ? new HttpError(REFUSALS[error.status]!, error.status, error.body) : error

/** Sign-in with the API's session cookie; the role is the permission react-admin passes around. */
export const createAuthProvider = (apiUrl = '/v1'): AuthProvider => {
  let session: Session | null = null
  /** The one request asking for the session, shared by every caller while it runs. */
  let asking: Promise<Session | null> | null = null
  /** The API said there is no session: so it stays until a sign-in here (or a reload). */
  let signedOut = false
  /**
   * The signed-in session, or null when there is none: a 401 is an answer (signed out), not a
   * failure to retry, so the sign-in form shows at once. Other errors still throw.
   */
  const findSession = async (): Promise<Session | null> => {
    if (session) return session
    if (signedOut) return null
    asking ??= request<Session>(`${apiUrl}/auth/session`)
      .then(({ json }) => json)
      .catch((error: { status?: number }) => {
        if (error.status === 401) return null
        throw error
      })
      .finally(() => {
        asking = null
      })
    session = await asking
    signedOut = !session
    setCsrfToken(session?.csrf_token ?? null)
    return session
  }
  const loadSession = async () => {
    const found = await findSession()
    if (!found) throw { status: 401, message: false }
    return found
  }
  return {
    login: async ({ username, password }: { username: string; password: string }) => {
      session = (
        await request<Session>(`${apiUrl}/auth/login`, {
          method: 'POST',
          body: { email: username, password },
        }).catch((error: HttpError) => {
          throw refusal(error)
        })
      ).json
      signedOut = false
      setCsrfToken(session.csrf_token)
      clearExpired()
    },
    logout: async () => {
      if (session) await request(`${apiUrl}/auth/logout`, { method: 'POST' }).catch(() => undefined)
      session = null
      signedOut = true
      setCsrfToken(null)
    },
    checkAuth: async () => {
      // Not signed in is the normal start, not an error to announce: go to the login page quietly.
      if (!(await findSession().catch(() => null))) throw { message: false }
    },
    checkError: async (error: { status?: number }) => {
      if (error.status === 401) {
        // Signed in until now: the session expired (or was ended elsewhere), which the sign-in page says.
        if (session) markExpired()
        session = null
        signedOut = true
        throw error
      }
    },
    getIdentity: async () => {
      const { user } = await loadSession()
      return { id: user.id, fullName: user.display_name, email: user.email }
    },
    // No session, no permissions: an answer react-admin need not ask again.
    getPermissions: async () => (await findSession())?.user.role ?? null,
  }
}
