import { randomUUID } from 'node:crypto'
import postgres from 'postgres'
import t from 'tap'
import { signInOverHttp } from '../helpers/accounts.ts'
import { SERVER_URL } from '../helpers/database.ts'
import { privatePostgres, privatePostgresSkipReason } from '../helpers/private-postgres.ts'
import { exited, startServer, waitReady } from '../helpers/processes.ts'

// Faults of a PostgreSQL server: the embedded database has none to lose, so these run in the PostgreSQL suite.
const skip = !SERVER_URL ? 'fault tests run in the PostgreSQL suite' : privatePostgresSkipReason()
const ADMIN = { ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'correct horse battery staple' }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Sample = { phase: string; status: number; ms: number; type: string | null }

t.test(
  'PostgreSQL stopped under load: fast 503 problems, /readyz 503, and recovery without a restart',
  { skip },
  async (t) => {
    const pg = await privatePostgres(t)
    const { base, child } = await startServer(t, { DATABASE_URL: pg.url })
    t.ok(await waitReady(`${base}/readyz`, Date.now() + 60_000), 'ready')

    let phase = 'up'
    const samples: Sample[] = []
    const worker = async () => {
      while (phase !== 'done') {
        const started = Date.now()
        const at = phase
        // A new search each time: an answer from the read cache would prove nothing about the database.
        const res = await fetch(`${base}/v1/instruments?q=${randomUUID().slice(0, 8)}`, {
          signal: AbortSignal.timeout(10_000),
        }).catch(() => null)
        samples.push({
          phase: at === phase ? at : 'transition',
          status: res?.status ?? 0,
          ms: Date.now() - started,
          type: res?.headers.get('content-type') ?? null,
        })
        await res?.arrayBuffer()
      }
    }
    const workers = Array.from({ length: 4 }, worker)
    await sleep(1000)
    await pg.stop()
    phase = 'down'
    await sleep(3000)
    const ready = await fetch(`${base}/readyz`)
    t.equal(ready.status, 503, '/readyz says the database is gone')
    // PostgreSQL accepts connections a moment before pg_ctl reports it started: from here on a 200 is right.
    phase = 'restarting'
    await pg.start()
    phase = 'back'
    let recovered = false
    for (const deadline = Date.now() + 30_000; !recovered && Date.now() < deadline; await sleep(200)) {
      recovered = (await fetch(`${base}/v1/instruments?q=chips`).catch(() => null))?.status === 200
    }
    phase = 'done'
    await Promise.all(workers)

    const down = samples.filter((s) => s.phase === 'down')
    t.ok(
      samples.some((s) => s.phase === 'up' && s.status === 200),
      'reads answered before the outage',
    )
    t.ok(down.length > 5, `requests kept coming during the outage (${down.length})`)
    t.same([...new Set(down.map((s) => s.status))], [503], 'every request during the outage is a 503')
    t.ok(
      down.every((s) => s.type?.startsWith('application/problem+json')),
      'as problem+json',
    )
    t.ok(Math.max(...down.map((s) => s.ms)) < 2000, `none waits 2 s (slowest ${Math.max(...down.map((s) => s.ms))} ms)`)
    t.ok(recovered, 'the API serves again once PostgreSQL is back')
    t.equal(child.exitCode, null, 'the same process, never restarted')
    t.equal((await fetch(`${base}/readyz`)).status, 200, '/readyz is 200 again')
  },
)

t.test(
  'the API killed (SIGKILL) during a write load: every acknowledged write is there, nothing half-written',
  { skip },
  async (t) => {
    const pg = await privatePostgres(t)
    const first = await startServer(t, { DATABASE_URL: pg.url, ...ADMIN })
    t.ok(await waitReady(`${first.base}/readyz`, Date.now() + 60_000), 'ready')
    const { session } = await signInOverHttp(first.base, ADMIN)

    // Each writer creates a source, then edits it again and again; it remembers what the server acknowledged.
    const acknowledged = new Map<string, { version: number; title: string }>()
    let killed = false
    const writer = async (w: number) => {
      const id = `test-kill-${w}`
      const send = (method: string, url: string, body: object, extra: Record<string, string> = {}) =>
        fetch(`${first.base}${url}`, {
          method,
          headers: { ...session, 'content-type': 'application/json', ...extra },
          body: JSON.stringify(body),
        })
      const created = await send('POST', '/v1/sources', {
        id,
        kind: 'report',
        language: 'en',
        title: { en: `${id} v1`, zh: '报告' },
      })
      if (created.status !== 201) return
      acknowledged.set(id, { version: 1, title: `${id} v1` })
      for (let version = 1; !killed; version++) {
        const title = `${id} v${version + 1}`
        const res = await send(
          'PATCH',
          `/v1/sources/${id}`,
          { title: { en: title, zh: '报告' } },
          { 'if-match': `"v${version}"`, 'content-type': 'application/merge-patch+json' },
        ).catch(() => null)
        if (res?.status !== 200) return
        acknowledged.set(id, { version: version + 1, title })
      }
    }
    const writers = Array.from({ length: 8 }, (_, w) => writer(w))
    await sleep(2500)
    killed = true
    first.child.kill('SIGKILL')
    await exited(first.child)
    await Promise.all(writers)
    t.ok(
      acknowledged.size === 8 && [...acknowledged.values()].some((a) => a.version > 3),
      `writes were acknowledged before the kill (${[...acknowledged.values()].map((a) => a.version).join(', ')})`,
    )

    const second = await startServer(t, { DATABASE_URL: pg.url })
    t.ok(await waitReady(`${second.base}/readyz`, Date.now() + 60_000), 'a new process starts on the same database')
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} })
    t.teardown(() => sql.end())
    const rows = await sql<
      { id: string; version: number; title: { en: string } }[]
    >`select id, version, title from sources where id like 'test-kill-%'`
    const stored = new Map(rows.map((r) => [r.id, r]))
    for (const [id, ack] of acknowledged) {
      const row = stored.get(id)
      t.ok(
        row && row.version >= ack.version,
        `${id}: version ${ack.version} was acknowledged and is there (${row?.version})`,
      )
      if (row?.version === ack.version) t.equal(row.title.en, ack.title, `${id}: with the acknowledged content`)
    }
    const revisions = await sql<{ entity_id: string; count: number; last: number }[]>`
    select entity_id, count(*)::int as count, max(version) as last from revisions where entity_id like 'test-kill-%' group by entity_id`
    for (const r of rows) {
      const history = revisions.find((h) => h.entity_id === r.id)
      t.same(
        history && { count: history.count, last: history.last },
        { count: r.version, last: r.version },
        `${r.id}: one revision per version, none missing, none extra`,
      )
    }
  },
)
