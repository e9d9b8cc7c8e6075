import t from 'tap'
import { testApp } from '../../../helpers/app.ts'
import { NEW_SOURCE } from '../../../helpers/entities.ts'
import { ADMIN, adminSession } from '../../../helpers/accounts.ts'

t.test('sign-in, session, logout; wrong passwords fail and are throttled; no credentials, no writes', async (t) => {
  const { app } = await testApp(t)
  const admin = await adminSession(app)
  const session = await app.inject({ url: '/v1/auth/session', headers: admin.headers })
  t.equal(session.statusCode, 200)
  t.match(session.json(), { user: { email: ADMIN.email, role: 'admin' }, csrf_token: String })
  t.notOk('password_hash' in session.json().user, 'no password hash leaves the server')

  const login = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    headers: { cookie: admin.headers.cookie! },
    payload: ADMIN,
  })
  t.equal(login.statusCode, 200, 'signing in again with a session cookie needs no CSRF token')
  const cookie = login.cookies.find((c) => c.name === 'atlas_session')!
  t.match(cookie, { httpOnly: true, sameSite: 'Strict', path: '/' }, 'HttpOnly, SameSite=Strict cookie')

  const wrong = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email: ADMIN.email, password: 'not the password' },
  })
  t.equal(wrong.statusCode, 401)
  t.match(wrong.headers['content-type'], 'application/problem+json')
  for (let i = 0; i < 5; i++)
    await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: ADMIN.email, password: `guess ${i}` } })
  const throttled = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: ADMIN })
  t.equal(throttled.statusCode, 429, 'after repeated failures even the right password waits')
  t.ok(throttled.headers['retry-after'])

  const noCsrf = await app.inject({
    method: 'POST',
    url: '/v1/sources',
    headers: { cookie: admin.headers.cookie! },
    payload: NEW_SOURCE,
  })
  t.equal(noCsrf.statusCode, 403, 'a cookie write without the CSRF token is refused')

  const out = await app.inject({ method: 'POST', url: '/v1/auth/logout', headers: admin.headers })
  t.equal(out.statusCode, 204)
  const after = await app.inject({ url: '/v1/auth/session', headers: admin.headers })
  t.equal(after.statusCode, 401, 'the session is gone')

  const anonymous = await app.inject({ method: 'POST', url: '/v1/sources', payload: NEW_SOURCE })
  t.equal(anonymous.statusCode, 401)
  t.match(anonymous.headers['www-authenticate'], 'Bearer')
})
