import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { testApp } from './helpers/app.ts'
import { adminSession, signIn, type Credentials } from './helpers/accounts.ts'

// Findings of the security audit (issue 17) about accounts, keys and sign-in, one test each.

const PASSWORD = 'a long enough password'

const createAccount = async (app: FastifyInstance, admin: Credentials, email: string, role = 'editor') => {
  const payload = { email, display_name: 'Someone', role, password: PASSWORD }
  const res = await app.inject({ method: 'POST', url: '/v1/users', headers: admin.headers, payload })
  if (res.statusCode !== 201) throw new Error(`creating ${email}: ${res.statusCode} ${res.body}`)
  return res.json() as { id: string; email: string }
}

const patchUser = (app: FastifyInstance, admin: Credentials, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'PATCH', url: `/v1/users/${id}`, headers: admin.headers, payload })

t.test('finding 3: API keys outlive their owner — a key acts with its owner’s current role and stops when the owner is disabled', async (t) => {
  const { app } = await testApp(t, 'migrated')
  const admin = await adminSession(app)
  const ada = await createAccount(app, admin, 'ada@example.org', 'admin')
  const adaSession = await signIn(app, ada.email, PASSWORD)
  const payload = { name: 'Ada’s script', role: 'admin' }
  const created = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: adaSession.headers, payload })
  const key = { authorization: `Bearer ${created.json().secret}` }
  const newAdmin = (email: string) =>
    app.inject({ method: 'POST', url: '/v1/users', headers: key, payload: { email, display_name: 'New', role: 'admin', password: PASSWORD } })

  t.equal((await newAdmin('one@example.org')).statusCode, 201, 'while its owner is an admin, the key acts as one')

  t.equal((await patchUser(app, admin, ada.id, { role: 'editor' })).statusCode, 200, 'the owner is demoted to editor')
  const demoted = await newAdmin('two@example.org')
  t.equal(demoted.statusCode, 403, 'demotion limits the key at once')
  t.match(demoted.json().detail, 'you have editor', 'to the owner’s new role')

  t.equal((await patchUser(app, admin, ada.id, { role: 'admin', disabled: true })).statusCode, 200, 'the owner is promoted back, and disabled')
  const disabled = await newAdmin('three@example.org')
  t.equal(disabled.statusCode, 401, 'a disabled owner’s key creates no admin')
  t.match(disabled.json().detail, 'unknown or revoked')
  t.equal((await app.inject({ url: '/v1/instruments', headers: key })).statusCode, 401, 'nor reads anything')

  const emails = (await app.inject({ url: '/v1/users', headers: admin.headers })).json().data.map((u: { email: string }) => u.email)
  t.same(emails.filter((e: string) => !['admin@example.org', ada.email].includes(e)), ['one@example.org'], 'only the first admin was created')

  t.equal((await patchUser(app, admin, ada.id, { disabled: false })).statusCode, 200, 'the owner is enabled again')
  t.equal((await app.inject({ url: '/v1/users', headers: key })).statusCode, 200, 'and the key (never revoked) works again')
})
