import type { AuthProvider } from 'react-admin'
import type { Session } from '@chain-atlas/types'
import { request, setCsrfToken } from '../dataProvider/http.ts'

/** Sign-in with the API's session cookie; the role is the permission react-admin passes around. */
export const createAuthProvider = (apiUrl = '/v1'): AuthProvider => {
  let session: Session | null = null
  const loadSession = async () => {
    session ??= (await request<Session>(`${apiUrl}/auth/session`)).json
    setCsrfToken(session.csrf_token)
    return session
  }
  return {
    login: async ({ username, password }: { username: string; password: string }) => {
      session = (
        await request<Session>(`${apiUrl}/auth/login`, { method: 'POST', body: { email: username, password } })
      ).json
      setCsrfToken(session.csrf_token)
    },
    logout: async () => {
      if (session) await request(`${apiUrl}/auth/logout`, { method: 'POST' }).catch(() => undefined)
      session = null
      setCsrfToken(null)
    },
    checkAuth: async () => {
      // Not signed in is the normal start, not an error to announce: go to the login page quietly.
      await loadSession().catch(() => Promise.reject({ message: false }))
    },
    checkError: async (error: { status?: number }) => {
      if (error.status === 401) {
        session = null
        throw error
      }
    },
    getIdentity: async () => {
      const { user } = await loadSession()
      return { id: user.id, fullName: user.display_name, email: user.email }
    },
    getPermissions: async () => (await loadSession()).user.role,
  }
}
