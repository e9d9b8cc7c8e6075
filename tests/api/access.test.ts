import t from 'tap'
import { sql } from 'drizzle-orm'
import { rowsOf } from '@chain-atlas/db'
import { COLLECTION_NAMES } from '@chain-atlas/types'
import { testApp } from '../helpers/app.ts'
import { adminSession, roleKeys, signIn } from '../helpers/accounts.ts'

const ROLES = ['viewer', 'curator', 'editor', 'admin'] as const

/** Everything a write could touch, to prove a refused request changed nothing. */
const snapshot = async (db: any) =>
  rowsOf(
    await db.execute(sql`select
    (select count(*) from revisions)::int as revisions, (select count(*) from users)::int as users,
    (select count(*) from api_keys where revoked_at is null)::int as keys, (select max(updated_at) from instruments)::text as instruments,
    (select max(updated_at) from sources)::text as sources, (select count(*) from idempotency_keys)::int as idempotency,
    (select count(*) from working_copies)::int as working_copies, (select count(*) from webhook_endpoints)::int as webhooks`),
  )[0]

t.test(
  'every protected operation × (no credentials, wrong password, revoked key, expired session, each role): 401 or 403, and nothing changes',
  async (t) => {
    const { app, database } = await testApp(t)
    const document = app.swagger() as unknown as {
      paths: Record<string, Record<string, { operationId: string; 'x-required-role'?: string }>>
    }
    const admin = await adminSession(app)
    const keys = await roleKeys(app, admin)

    const revokedKey = (
      await app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: admin.headers,
        payload: { name: 'old', role: 'admin' },
      })
    ).json()
    await app.inject({ method: 'DELETE', url: `/v1/api-keys/${revokedKey.key.id}`, headers: admin.headers })
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'admin@example.org', password: 'correct horse battery staple' },
    })
    const expiringCookie = login.cookies.find((c) => c.name === 'atlas_session')!.value
    await database.db.execute(
      sql`update sessions set expires_at = now() - interval '1 minute' where revoked_at is null and created_at = (select max(created_at) from sessions)`,
    )

    const unauthenticated: [string, Record<string, string>][] = [
      ['no credentials', {}],
      ['a malformed key', { authorization: 'Bearer not-a-key' }],
      ['a revoked key', { authorization: `Bearer ${revokedKey.secret}` }],
      ['an expired session', { cookie: `atlas_session=${expiringCookie}`, 'x-csrf-token': login.json().csrf_token }],
    ]
    const wrongPassword = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'admin@example.org', password: 'wrong password!' },
    })
    t.equal(wrongPassword.statusCode, 401, 'a wrong password gets no session')
    t.same(wrongPassword.cookies, [], 'and no cookie')
    // A password changed by an admin ends the sessions signed in with the old one.
    const editor = (
      await app.inject({
        method: 'POST',
        url: '/v1/users',
        headers: admin.headers,
        payload: { email: 'ed@example.org', display_name: 'Ed', role: 'editor', password: 'the old password' },
      })
    ).json()
    const oldPasswordSession = await signIn(app, 'ed@example.org', 'the old password')
    const changed = await app.inject({
      method: 'PATCH',
      url: `/v1/users/${editor.id}`,
      headers: admin.headers,
      payload: { password: 'the new password' },
    })
    t.equal(changed.statusCode, 200, 'an admin changes the editor’s password')
    unauthenticated.push(
      [
        'a wrong password',
        { cookie: wrongPassword.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': 'none' },
      ],
      ['a session signed in with a password since changed', oldPasswordSession.headers],
    )

    const before = await snapshot(database.db)
    let operations = 0
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const needed = operation['x-required-role']
        if (!needed) continue
        operations++
        const url = path.replace(
          '{id}',
          path.startsWith('/v1/users') || path.startsWith('/v1/api-keys')
            ? '00000000-0000-4000-8000-000000000000'
            : 'us-chips-and-science-act-2022',
        )
        const send = (headers: Record<string, string>) =>
          app.inject({
            method: method.toUpperCase() as 'GET',
            url,
            headers: { ...headers, 'if-match': '"v1"' },
            payload: method === 'get' || method === 'delete' ? undefined : {},
          })
        for (const [label, headers] of unauthenticated) {
          const res = await send(headers)
          t.equal(res.statusCode, 401, `${operation.operationId} with ${label}: 401`)
          t.match(res.headers['content-type'], 'application/problem+json')
        }
        for (const role of ROLES.slice(0, ROLES.indexOf(needed as (typeof ROLES)[number]))) {
          const res = await send(keys[role].headers)
          t.equal(res.statusCode, 403, `${operation.operationId} as ${role}: 403 (needs ${needed})`)
        }
      }
    }
    // Per collection: create, replace, update, submit, publish, request-changes, archive, restore, the draft, discard,
    // revert, revisions, diff; plus 13 admin (6 of them webhooks) and 2 session operations and the review queue.
    t.equal(operations, COLLECTION_NAMES.length * 13 + 16, `${operations} protected operations checked`)
    t.same(await snapshot(database.db), before, 'no refused request changed anything')
  },
)
