import t from 'tap'
import { signInOverHttp } from '../helpers/accounts.ts'
import { SERVER_URL, testDatabase } from '../helpers/database.ts'
import { loadBalancer, nginxSkipReason } from '../helpers/nginx.ts'
import { exited, startServer, waitReady } from '../helpers/processes.ts'

// Issue 24, item 5: a shared HTTP cache (Debian's nginx, configured as docs/operations.md says) in
// front of two API processes on one PostgreSQL database.
const skip = !SERVER_URL ? 'two API processes share PostgreSQL: this runs in the PostgreSQL suite' : nginxSkipReason()
const ADMIN = { ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'correct horse battery staple' }
/** PUBLIC_CACHE_MAX_AGE: short, so that the test waits seconds where production waits a minute. */
const MAX_AGE = 2
const ENTRY = '/v1/instruments/us-chips-and-science-act-2022'
const LIST = '/v1/instruments?economy=us&level=national&limit=200'
const NEW_TITLE = 'CHIPS and Science Act of 2022 (as cached)'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

t.test(
  'nginx as a shared cache: it serves public reads, a publish reaches readers within the documented time, and it outlives the API',
  { skip },
  async (t) => {
    const { url } = await testDatabase(t, 'seeded')
    const env = { DATABASE_URL: url!, PUBLIC_CACHE_MAX_AGE: String(MAX_AGE), ...ADMIN }
    const apis = [await startServer(t, env), await startServer(t, env)]
    for (const api of apis) t.ok(await waitReady(`${api.base}/readyz`, Date.now() + 60_000), `API on ${api.port} ready`)
    const { base } = await loadBalancer(
      t,
      apis.map((api) => api.port),
      { cache: true },
    )
    const read = async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${base}${path}`, { headers })
      return {
        status: res.status,
        cache: res.headers.get('x-cache-status'),
        etag: res.headers.get('etag'),
        body: await res.json(),
      }
    }

    // Public reads are kept and served by the cache.
    const first = await read(ENTRY)
    t.equal(first.cache, 'MISS', 'the first read goes to the API')
    const again = await read(ENTRY)
    t.equal(again.cache, 'HIT', 'the next is answered by nginx')
    t.same(again.body, first.body)
    await read(LIST)
    t.equal((await read(LIST)).cache, 'HIT', 'a list too')

    // A curator signs in and publishes a new title, through the same nginx.
    const { status, session } = await signInOverHttp(base, ADMIN)
    t.equal(status, 200, 'signed in')
    const signedIn = await read(ENTRY, session)
    t.equal(signedIn.cache, 'BYPASS', 'a signed-in read is never answered from the shared cache')
    const write = async (path: string, etag: string, patch?: object) => {
      const res = await fetch(`${base}${path}`, {
        method: patch ? 'PATCH' : 'POST',
        headers: {
          ...session,
          'if-match': etag,
          ...(patch ? { 'content-type': 'application/merge-patch+json' } : {}),
        },
        ...(patch ? { body: JSON.stringify(patch) } : {}),
      })
      t.equal(res.status, 200, `${patch ? 'PATCH' : 'POST'} ${path}`)
      return res.headers.get('etag')!
    }
    const edited = await write(ENTRY, signedIn.etag!, { title: { ...first.body.title, en: NEW_TITLE } })
    const submitted = await write(`${ENTRY}/submit`, edited)
    await write(`${ENTRY}/publish`, submitted)
    const publishedAt = Date.now()
    t.equal((await read(ENTRY, session)).body.title.en, NEW_TITLE, 'the curator sees the publication at once')

    // Anonymous readers get it once the cached answer is past max-age: stale-while-revalidate
    // serves the old one once more while nginx fetches the new one (docs: within 2 × max-age).
    const waitForTitle = async (path: string, titleOf: (body: any) => string | undefined) => {
      const statuses: (string | null)[] = []
      for (;;) {
        const answer = await read(path)
        statuses.push(answer.cache)
        if (titleOf(answer.body) === NEW_TITLE) return { seconds: (Date.now() - publishedAt) / 1000, statuses }
        if (Date.now() - publishedAt > (2 * MAX_AGE + 5) * 1000) return { seconds: Infinity, statuses }
        await sleep(100)
      }
    }
    const entry = await waitForTitle(ENTRY, (body) => body.title?.en)
    t.ok(
      entry.seconds <= 2 * MAX_AGE + 0.5,
      `an anonymous get shows the publication after ${entry.seconds.toFixed(1)} s (at most 2 × max-age = ${2 * MAX_AGE} s); the cache said ${[...new Set(entry.statuses)].join(', ')}`,
    )
    const list = await waitForTitle(
      LIST,
      (body) => body.data?.find((e: { id: string }) => ENTRY.endsWith(e.id))?.title.en,
    )
    t.ok(list.seconds <= 2 * MAX_AGE + 0.5, `the list too, after ${list.seconds.toFixed(1)} s`)
    t.equal((await read(ENTRY)).cache, 'HIT', 'and the new answer is cached in turn')

    // The API goes away: nginx still answers public reads from its cache (stale-if-error).
    for (const api of apis) {
      api.child.kill('SIGKILL')
      await exited(api.child)
    }
    // Past max-age (nginx counts it in whole seconds: up to one more): only stale-if-error lets it answer.
    await sleep((MAX_AGE + 1) * 1000 + 500)
    const outage = await read(ENTRY)
    t.equal(outage.status, 200, 'with both API processes down, a public read still answers')
    t.equal(outage.body.title.en, NEW_TITLE, 'with the latest publication')
    t.equal(outage.cache, 'STALE', 'from the cache, said to be stale')
  },
)
