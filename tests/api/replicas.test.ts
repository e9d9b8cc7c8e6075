import t from 'tap'
import { signInOverHttp } from '../helpers/accounts.ts'
import { testDatabase, SERVER_URL } from '../helpers/database.ts'
import { fetchFrom, loadBalancer, nginxSkipReason } from '../helpers/nginx.ts'
import { startServer, waitReady } from '../helpers/processes.ts'

// Replicas share PostgreSQL (and Redis): the PostgreSQL suite runs this; PGlite is one process's database.
const skip = !SERVER_URL ? 'replicas need a shared PostgreSQL: this runs in the PostgreSQL suite' : nginxSkipReason()
const ADMIN = { ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'correct horse battery staple' }

t.test(
  'two API processes behind nginx: both serve, writes and caches agree, one rate limit, one winner per version',
  { skip },
  async (t) => {
    const { url } = await testDatabase(t, 'seeded')
    const env = {
      DATABASE_URL: url!,
      REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_LIMIT_PER_MINUTE: '40',
      TRUST_PROXY: 'true',
      ...ADMIN,
    }
    const replicas = [await startServer(t, env), await startServer(t, env)]
    for (const r of replicas)
      t.ok(await waitReady(`${r.base}/readyz`, Date.now() + 60_000), `replica on ${r.port} ready`)
    const { base } = await loadBalancer(
      t,
      replicas.map((r) => r.port),
    )
    // Each part of the test is its own client (its own source address), so one part's requests never count against another's limit.
    const reader = fetchFrom('127.0.0.3')
    const curator = fetchFrom('127.0.0.2')

    const upstreams = new Set<string>()
    for (let i = 0; i < 6; i++)
      upstreams.add((await fetchFrom('127.0.0.4')(`${base}/v1/economies`)).headers.get('x-upstream')!)
    t.equal(upstreams.size, 2, 'requests are spread over both replicas')

    const { session } = await signInOverHttp(base, ADMIN, {}, curator)

    // Both replicas have read (and may cache) the entry; an edit through one must show through both at once.
    const entry = '/v1/instruments/us-chips-and-science-act-2022'
    for (let i = 0; i < 4; i++) await reader(`${base}${entry}`)
    // The edit goes to a working copy; its publication is what the public reads.
    const write = (url: string, etag: string, patch?: object) =>
      curator(`${base}${url}`, {
        method: patch ? 'PATCH' : 'POST',
        headers: {
          ...session,
          'if-match': etag,
          ...(patch ? { 'content-type': 'application/merge-patch+json' } : {}),
        },
        ...(patch ? { body: JSON.stringify(patch) } : {}),
      })
    const edited = await write(entry, '"v1"', { acronym: 'CHIPS+' })
    const submitted = await write(`${entry}/submit`, edited.headers.get('etag')!)
    const patch = await write(`${entry}/publish`, submitted.headers.get('etag')!)
    t.equal(patch.status, 200, 'an edit through one replica, submitted and published')
    const reads = []
    for (let i = 0; i < 6; i++) {
      const res = await reader(`${base}${entry}`)
      reads.push({ upstream: res.headers.get('x-upstream'), acronym: (await res.json()).acronym })
    }
    t.equal(new Set(reads.map((r) => r.upstream)).size, 2, 'read back through both replicas')
    t.same([...new Set(reads.map((r) => r.acronym))], ['CHIPS+'], 'every replica serves the new version at once')

    // Twenty curators save the same version through both replicas: the database lets exactly one win.
    const contenders = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        curator(`${base}${entry}`, {
          method: 'PATCH',
          headers: {
            ...session,
            'if-match': patch.headers.get('etag')!,
            'content-type': 'application/merge-patch+json',
          },
          body: JSON.stringify({ acronym: `CHIPS-${i}` }),
        }).then((r) => r.status),
      ),
    )
    t.same(contenders.filter((s) => s === 200).length, 1, 'exactly one of twenty concurrent edits wins')
    t.same(contenders.filter((s) => s === 412).length, 19, 'the rest get 412')

    // One client's limit is counted once, whichever replica answers, whatever X-Forwarded-For it makes up.
    const statuses: number[] = []
    for (let i = 0; i < 42; i++) {
      const forged = { 'x-forwarded-for': `203.0.113.${i}` }
      statuses.push((await fetchFrom('127.0.0.9')(`${base}/v1/sectors`, { headers: forged })).status)
    }
    t.equal(statuses.filter((s) => s === 200).length, 40, 'forty requests a minute in all, not forty per replica')
    t.equal(statuses.at(-1), 429, 'then 429')
  },
)
