import t from 'tap'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { testApp } from '../helpers/app.ts'
import { adminSession, signIn, type Credentials } from '../helpers/accounts.ts'

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

const login = (app: FastifyInstance, email: string, password: string, address: string) =>
  app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: address, payload: { email, password } })

/** How many answers had each status. */
const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((n, s) => {
    n[s] = (n[s] ?? 0) + 1
    return n
  }, {})

t.test(
  'finding 3: API keys outlive their owner — a key acts with its owner’s current role and stops when the owner is disabled',
  async (t) => {
    const { app } = await testApp(t, 'migrated')
    const admin = await adminSession(app)
    const ada = await createAccount(app, admin, 'ada@example.org', 'admin')
    const adaSession = await signIn(app, ada.email, PASSWORD)
    const payload = { name: 'Ada’s script', role: 'admin' }
    const created = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: adaSession.headers, payload })
    const key = { authorization: `Bearer ${created.json().secret}` }
    const newAdmin = (email: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/users',
        headers: key,
        payload: { email, display_name: 'New', role: 'admin', password: PASSWORD },
      })

    t.equal((await newAdmin('one@example.org')).statusCode, 201, 'while its owner is an admin, the key acts as one')

    t.equal((await patchUser(app, admin, ada.id, { role: 'editor' })).statusCode, 200, 'the owner is demoted to editor')
    const demoted = await newAdmin('two@example.org')
    t.equal(demoted.statusCode, 403, 'demotion limits the key at once')
    t.match(demoted.json().detail, 'you have editor', 'to the owner’s new role')

    t.equal(
      (await patchUser(app, admin, ada.id, { role: 'admin', disabled: true })).statusCode,
      200,
      'the owner is promoted back, and disabled',
    )
    const disabled = await newAdmin('three@example.org')
    t.equal(disabled.statusCode, 401, 'a disabled owner’s key creates no admin')
    t.match(disabled.json().detail, 'unknown or revoked')
    t.equal((await app.inject({ url: '/v1/instruments', headers: key })).statusCode, 401, 'nor reads anything')

    const emails = (await app.inject({ url: '/v1/users', headers: admin.headers }))
      .json()
      .data.map((u: { email: string }) => u.email)
    t.same(
      emails.filter((e: string) => !['admin@example.org', ada.email].includes(e)),
      ['one@example.org'],
      'only the first admin was created',
    )

    t.equal((await patchUser(app, admin, ada.id, { disabled: false })).statusCode, 200, 'the owner is enabled again')
    t.equal(
      (await app.inject({ url: '/v1/users', headers: key })).statusCode,
      200,
      'and the key (never revoked) works again',
    )
  },
)

t.test(
  'finding 11: audit gaps — an admin changing a password, re-enabling, renaming or changing a role writes an event each',
  async (t) => {
    const { app, database } = await testApp(t, 'migrated')
    const admin = await adminSession(app)
    const adminId = (await app.inject({ url: '/v1/auth/session', headers: admin.headers })).json().user.id
    const ed = await createAccount(app, admin, 'ed@example.org')
    const newPassword = 'the new secret password'
    const events = async () => {
      const log = (await app.inject({ url: '/v1/audit-log?limit=200', headers: admin.headers })).json()
      return (log.data as { event: string; actor: string; subject: string; detail: object }[])
        .filter((e) => e.subject === ed.id)
        .reverse()
    }

    for (const change of [
      { password: newPassword },
      { disabled: true },
      { disabled: false },
      { display_name: 'Edward' },
      { role: 'curator' },
    ]) {
      t.equal((await patchUser(app, admin, ed.id, change)).statusCode, 200, `PATCH ${Object.keys(change)[0]}`)
    }
    const written = await events()
    const expected = [
      'user_created',
      'password_changed',
      'user_disabled',
      'user_enabled',
      'user_renamed',
      'role_changed',
    ]
    t.same(
      written.map((e) => e.event),
      expected,
      'one event per change',
    )
    t.ok(
      written.slice(1).every((e) => e.actor === adminId),
      'each names the admin who made it',
    )
    t.same(written.find((e) => e.event === 'user_renamed')!.detail, { from: 'Someone', to: 'Edward' })
    t.same(written.find((e) => e.event === 'role_changed')!.detail, { from: 'editor', to: 'curator' })
    const text = JSON.stringify(written)
    t.notOk(text.includes(newPassword) || text.includes('$argon2'), 'neither the password nor its hash is in the log')

    const several = await patchUser(app, admin, ed.id, {
      password: 'yet another password',
      display_name: 'Ed',
      role: 'editor',
    })
    t.equal(several.statusCode, 200)
    const latest = (await events())
      .slice(written.length)
      .map((e) => e.event)
      .sort()
    t.same(latest, ['password_changed', 'role_changed', 'user_renamed'], 'one PATCH, an event per change')

    // A change whose event cannot be written is not made: the update and its events commit together.
    await database.db.execute(sql`create function refuse_rename() returns trigger language plpgsql as $$
    begin if new.event = 'user_renamed' then raise exception 'audit log unavailable'; end if; return new; end $$`)
    await database.db.execute(
      sql`create trigger refuse_rename before insert on audit_log for each row execute function refuse_rename()`,
    )
    const failed = await patchUser(app, admin, ed.id, { display_name: 'Unaudited', role: 'viewer' })
    t.equal(failed.statusCode, 500, 'the event could not be written')
    const after = (await app.inject({ url: '/v1/users', headers: admin.headers }))
      .json()
      .data.find((u: { id: string }) => u.id === ed.id)
    t.match(after, { display_name: 'Ed', role: 'editor' }, 'and the user is unchanged')
  },
)

t.test('finding 12: anyone can lock any account — guesses from other addresses never keep the owner out', async (t) => {
  const { app } = await testApp(t, 'migrated')
  const admin = await adminSession(app)
  const vic = await createAccount(app, admin, 'vic@example.org')
  const attempt = (password: string, address: string) =>
    login(app, vic.email, password, address).then((res) => res.statusCode)

  for (let i = 0; i < 5; i++)
    t.equal(await attempt(`guess ${i}`, '203.0.113.1'), 401, `guess ${i + 1} from one address`)
  const throttled = await login(app, vic.email, PASSWORD, '203.0.113.1')
  t.equal(throttled.statusCode, 429, 'then that address waits for this account, even with the right password')
  t.equal(throttled.headers['retry-after'], String(15 * 60))
  t.equal(await attempt(PASSWORD, '198.51.100.7'), 200, 'while the owner signs in from another address')

  // A guesser spread over many addresses: past the account-wide limit an address that has failed for
  // the account waits, and one that has not gets its password checked once, only a wrong one refused.
  const spread = Array.from({ length: 19 }, (_, i) => `192.0.2.${i + 1}`)
  const guesses = await Promise.all(
    spread.map(async (address) => {
      const statuses = []
      for (let i = 0; i < 5; i++) statuses.push(await attempt(`spread guess ${i}`, address))
      return statuses
    }),
  )
  t.same(
    tally(guesses.flat()),
    { 401: 95 },
    'five guesses from each of 19 more addresses: 100 failures for the account',
  )
  t.equal(
    await attempt('one more guess', '192.0.2.100'),
    429,
    'past 100 failures for the account, a wrong password from a new address is refused',
  )
  t.equal(await attempt(PASSWORD, '192.0.2.100'), 429, 'and that address, having failed, waits')
  t.equal(await attempt(PASSWORD, '198.51.100.8'), 200, 'the owner from an address that has not failed still signs in')

  // One address guessing many accounts waits after 20 failures.
  const sprayed = []
  for (let i = 0; i < 20; i++)
    sprayed.push((await login(app, `nobody${i}@example.org`, 'a guess', '203.0.113.50')).statusCode)
  t.same(tally(sprayed), { 401: 20 }, 'twenty accounts guessed once each')
  t.equal(
    await attempt(PASSWORD, '203.0.113.50'),
    429,
    'then that address waits for every account, even with the right password',
  )
})

t.test('guesses from one IPv6 /64 count as one address, however many of its addresses they use', async (t) => {
  const { app } = await testApp(t, 'migrated')
  const admin = await adminSession(app)
  const vic = await createAccount(app, admin, 'vic@example.org')
  const statuses = []
  for (let i = 0; i < 5; i++)
    statuses.push((await login(app, vic.email, `guess ${i}`, `2001:db8:5:6::${i + 1}`)).statusCode)
  t.same(tally(statuses), { 401: 5 }, 'five guesses, each from a fresh address of one /64')
  t.equal((await login(app, vic.email, PASSWORD, '2001:db8:5:6:ffff::1')).statusCode, 429, 'then that /64 waits')
  t.equal((await login(app, vic.email, PASSWORD, '2001:db8:5:7::1')).statusCode, 200, 'the next /64 signs in')
})

t.test('finding 13: the login throttle is racy — 40 concurrent wrong guesses get at most 5 tries', async (t) => {
  const { app } = await testApp(t, 'migrated')
  const admin = await adminSession(app)
  const vic = await createAccount(app, admin, 'vic@example.org')
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, i) => login(app, vic.email, `guess ${i}`, '203.0.113.1')),
  )
  t.same(tally(answers.map((r) => r.statusCode)), { 401: 5, 429: 35 }, 'five passwords checked, the other 35 refused')
  t.equal(
    (await login(app, vic.email, PASSWORD, '198.51.100.7')).statusCode,
    200,
    'the right password from a clean address signs in',
  )
})

t.test(
  'finding 3: a key made with a key belongs to the same person, and a key cannot demote or disable its own owner',
  async (t) => {
    const { app } = await testApp(t, 'migrated')
    const admin = await adminSession(app)
    const ada = await createAccount(app, admin, 'ada@example.org', 'admin')
    const created = await app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: (await signIn(app, ada.email, PASSWORD)).headers,
      payload: { name: 'a', role: 'admin' },
    })
    const key = { authorization: `Bearer ${created.json().secret}` }
    const second = await app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: key,
      payload: { name: 'b', role: 'admin' },
    })
    t.equal(second.statusCode, 201, 'an admin key creates a key')
    t.equal(second.json().key.created_by, ada.id, 'owned by the first key’s owner')
    t.equal(
      (await app.inject({ method: 'PATCH', url: `/v1/users/${ada.id}`, headers: key, payload: { disabled: true } }))
        .statusCode,
      400,
      'a key cannot disable its own owner',
    )
    t.equal((await patchUser(app, admin, ada.id, { disabled: true })).statusCode, 200, 'another admin can')
    t.equal(
      (await app.inject({ url: '/v1/users', headers: { authorization: `Bearer ${second.json().secret}` } })).statusCode,
      401,
      'and both keys stop',
    )
  },
)
