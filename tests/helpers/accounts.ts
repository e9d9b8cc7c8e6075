import type { FastifyInstance } from 'fastify'
import { createUser } from '../../apps/api/src/routes/admin/users.ts'

export const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' }

export type Credentials = { headers: Record<string, string> }

/** Signs in with email and password: the session cookie and the CSRF token writes need. */
export const signIn = async (app: FastifyInstance, email: string, password: string): Promise<Credentials> => {
  const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`)
  const cookie = res.cookies.find((c) => c.name === 'atlas_session')!
  return { headers: { cookie: `atlas_session=${cookie.value}`, 'x-csrf-token': res.json().csrf_token } }
}

/**
 * Signs in to a running server over HTTP (`headers` adds to the request's, as a proxy's
 * X-Forwarded-For): the answer's status and the session cookie and CSRF token writes need.
 */
export const signInOverHttp = async (
  base: string,
  credentials: { ADMIN_EMAIL: string; ADMIN_PASSWORD: string },
  headers: Record<string, string> = {},
  send: (
    url: string,
    init: { method: string; headers: Record<string, string>; body: string },
  ) => Promise<Response> = fetch,
) => {
  const res = await send(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ email: credentials.ADMIN_EMAIL, password: credentials.ADMIN_PASSWORD }),
  })
  const body = (await res.json()) as { csrf_token?: string }
  return {
    status: res.status,
    session: { cookie: res.headers.getSetCookie()[0]?.split(';')[0] ?? '', 'x-csrf-token': body.csrf_token ?? '' },
  }
}

/** The first admin (created as on first start), signed in. */
export const adminSession = async (app: FastifyInstance) => {
  await createUser(app, { ...ADMIN, display_name: 'Admin', role: 'admin' }, null)
  return signIn(app, ADMIN.email, ADMIN.password)
}

/** An API key of each role, created by the admin through the API. */
export const roleKeys = async (app: FastifyInstance, admin: Credentials) => {
  const keys = {} as Record<'viewer' | 'curator' | 'editor' | 'admin', Credentials>
  for (const role of ['viewer', 'curator', 'editor', 'admin'] as const) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: admin.headers,
      payload: { name: `${role} key`, role },
    })
    keys[role] = { headers: { authorization: `Bearer ${res.json().secret}` } }
  }
  return keys
}
