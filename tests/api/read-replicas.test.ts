import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import postgres from 'postgres'
import t from 'tap'
import { buildApp } from '@chain-atlas/api'
import { openDatabase, seedFromFiles } from '@chain-atlas/db'
import { loadConfig } from '../../apps/api/src/config.ts'
import { ADMIN, roleKeys, signIn, type Credentials } from '../helpers/accounts.ts'
import { publishChange } from '../helpers/entities.ts'
import {
  privatePostgres,
  privatePostgresSkipReason,
  privateStandby,
  type PrivatePostgres,
} from '../helpers/private-postgres.ts'

// The test makes its own primary and standby (initdb, pg_basebackup -R): it needs no DATABASE_URL,
// only the PostgreSQL server binaries, run as the postgres user.
const skip = privatePostgresSkipReason()
const MAX_LAG_MS = 2000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls `probe` every 100 ms until it holds; the time it took, or undefined past the deadline. */
const until = async (probe: () => Promise<boolean>, deadlineMs = 20_000) => {
  const started = Date.now()
  while (Date.now() - started < deadlineMs) {
    if (await probe()) return Date.now() - started
    await sleep(100)
  }
  return undefined
}

/** A SQL client on one server, ended when the test ends. */
const client = (t: { teardown(fn: () => unknown): void }, server: PrivatePostgres) => {
  const sql = postgres(server.url, { max: 1, onnotice: () => {} })
  t.teardown(() => sql.end({ timeout: 1 }))
  return sql
}

/** Index and sequential scans of the instruments table this server has run: reads of the list count here. */
const instrumentScans = async (sql: postgres.Sql) => {
  const [row] = await sql<{ n: string }[]>`
    select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as n from pg_stat_user_tables where relname = 'instruments'`
  return Number(row!.n)
}

const readiness = async (app: FastifyInstance) => {
  const res = await app.inject('/readyz')
  return { http: res.statusCode, ...(res.json() as { mode?: string; replicas?: { in_rotation: number } }) }
}

/** A list nobody asked for before: never an answer from memory, always a query. */
const freshSearch = (app: FastifyInstance, headers: Record<string, string> = {}) =>
  app.inject({ url: `/v1/instruments?q=${randomUUID().slice(0, 8)}`, headers })

t.test(
  'a primary and a standby: reads on the standby, read-your-writes, no stale cache, faults of either',
  { skip },
  async (t) => {
    const started = Date.now()
    const primary = await privatePostgres(t, { replication: true })
    const seeding = await openDatabase({ databaseUrl: primary.url, maxConnections: 2 })
    await seeding.migrate()
    await seedFromFiles(seeding.db)
    await seeding.close()
    t.comment(`primary made and seeded in ${Date.now() - started} ms`)
    const standby = await privateStandby(t, primary)
    t.comment(`standby made in ${Date.now() - started} ms`)
    const onPrimary = client(t, primary)
    const onStandby = client(t, standby)

    const config = loadConfig({
      DATABASE_URL: primary.url,
      DATABASE_REPLICA_URLS: standby.url,
      REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    })
    const app = await buildApp(config)
    t.teardown(() => app.close())
    await app.ready()
    // A second API process on the same primary, without replicas: another curator's writes arrive by NOTIFY only.
    const other = await buildApp({ ...config, databaseReplicaUrls: [] })
    t.teardown(() => other.close())
    await other.ready()
    t.comment(`API ready in ${Date.now() - started} ms`)
    const admin: Credentials = await signIn(app, ADMIN.email, ADMIN.password)
    const figures: Record<string, number | undefined> = {}

    t.match(await readiness(app), { http: 200, mode: 'read-write', replicas: { configured: 1, in_rotation: 1 } })

    await t.test('anonymous reads are served by the standby, writes by the primary', async (t) => {
      const before = await instrumentScans(onStandby)
      for (let i = 0; i < 5; i++) t.equal((await freshSearch(app)).statusCode, 200)
      // Statistics reach pg_stat_user_tables within a second or so of each query.
      const took = await until(async () => (await instrumentScans(onStandby)) >= before + 5)
      t.ok(took !== undefined, 'the standby ran the five searches')
      const created = await app.inject({
        method: 'POST',
        url: '/v1/sources',
        headers: admin.headers,
        payload: {
          id: 'test-replica-source',
          kind: 'report',
          language: 'en',
          title: { en: 'On replicas', zh: '副本' },
        },
      })
      t.equal(created.statusCode, 201, 'a write succeeds: a standby refuses every write, so it went to the primary')
      const [row] = await onPrimary`select version from sources where id = 'test-replica-source'`
      t.equal(row?.version, 1, 'and the primary holds it')
    })

    const entry = '/v1/instruments/us-chips-and-science-act-2022'
    const acronymOf = async (headers: Record<string, string> = {}) =>
      (await app.inject({ url: entry, headers })).json().acronym as string
    let etag = (await app.inject(entry)).headers.etag as string

    await t.test('read-your-writes and no stale cached answer while the standby lags', async (t) => {
      t.equal((await app.inject(entry)).statusCode, 200, 'the entry read anonymously (and kept in memory)')
      await onStandby`select pg_wal_replay_pause()`
      const published = await publishChange(app, admin.headers, entry, etag, { acronym: 'CHIPS-R1' })
      t.equal(published.statusCode, 200, 'an edit published')
      etag = published.headers.etag as string
      t.equal(await acronymOf(admin.headers), 'CHIPS-R1', 'the writer reads the publication at once')
      t.equal(
        await acronymOf(),
        'CHIPS-R1',
        'so does an anonymous reader: the standby has not replayed it, the primary answers',
      )

      // Another process publishes: this one hears of it from the primary, the standby still replays nothing.
      const byOther = await publishChange(
        other,
        await signIn(other, ADMIN.email, ADMIN.password).then((c) => c.headers),
        entry,
        etag,
        {
          acronym: 'CHIPS-R2',
        },
      )
      t.equal(byOther.statusCode, 200, 'another process published a second edit')
      etag = byOther.headers.etag as string
      const seen = await until(async () => (await acronymOf()) === 'CHIPS-R2', 10_000)
      t.ok(seen !== undefined, `anonymous readers see the other process's edit (after ${seen} ms)`)
      const after = await Promise.all(Array.from({ length: 10 }, () => acronymOf()))
      t.same([...new Set(after)], ['CHIPS-R2'], 'and never the older version again: nothing stale was kept')

      figures.lagOutMs = await until(async () => (await readiness(app)).replicas?.in_rotation === 0)
      t.ok(
        figures.lagOutMs !== undefined,
        `a standby lagging past REPLICA_MAX_LAG_MS leaves the rotation (${figures.lagOutMs} ms)`,
      )
      await onStandby`select pg_wal_replay_resume()`
      figures.lagBackMs = await until(async () => (await readiness(app)).replicas?.in_rotation === 1)
      t.ok(figures.lagBackMs !== undefined, `and comes back once it has caught up (${figures.lagBackMs} ms)`)
      const [replayed] = await onStandby`select acronym from instruments where id = 'us-chips-and-science-act-2022'`
      t.equal(replayed?.acronym, 'CHIPS-R2', 'the standby has the edit')
      const before = await instrumentScans(onStandby)
      t.equal((await app.inject(entry)).json().acronym, 'CHIPS-R2', 'anonymous readers read the edit')
      // Once the next check sees it has replayed every announced change, new reads run on it again.
      t.ok(
        await until(async () => {
          await freshSearch(app)
          return (await instrumentScans(onStandby)) > before
        }),
        'reads run on the standby again',
      )
    })

    await t.test('the standby stopped: reads go on from the primary; restarted, it is back in rotation', async (t) => {
      const stoppedAt = Date.now()
      await standby.stop('fast')
      const answers: number[] = []
      const out = await until(async () => {
        answers.push((await freshSearch(app)).statusCode)
        return (await readiness(app)).replicas?.in_rotation === 0
      })
      figures.standbyOutMs = out === undefined ? undefined : Date.now() - stoppedAt
      t.ok(
        out !== undefined,
        `the stopped standby leaves the rotation (${figures.standbyOutMs} ms after pg_ctl returned)`,
      )
      t.same(
        [...new Set(answers)],
        [200],
        `every read meanwhile (${answers.length}) is answered: one that finds the standby gone runs again on the primary`,
      )
      const reads = await Promise.all(Array.from({ length: 5 }, () => freshSearch(app)))
      t.same(
        reads.map((r) => r.statusCode),
        [200, 200, 200, 200, 200],
        'reads are answered by the primary',
      )
      t.match(await readiness(app), { http: 200, mode: 'read-write' })

      await standby.start()
      figures.standbyBackMs = await until(async () => (await readiness(app)).replicas?.in_rotation === 1)
      t.ok(figures.standbyBackMs !== undefined, `restarted, it is back in rotation (${figures.standbyBackMs} ms)`)
      const before = await instrumentScans(onStandby)
      for (let i = 0; i < 3; i++) t.equal((await freshSearch(app)).statusCode, 200)
      t.ok(await until(async () => (await instrumentScans(onStandby)) >= before + 3), 'and serves the reads again')
    })

    await t.test('the primary stopped: read-only; restarted: read-write, nothing acknowledged lost', async (t) => {
      // A curator keeps saving a draft until the primary stops; every save acknowledged must survive.
      const id = 'test-replica-source'
      let acknowledged = 1
      let writing = true
      /** Saves a new title over a version of the draft source (the last acknowledged one by default). */
      const saveTitle = (title: string, over = acknowledged) =>
        app.inject({
          method: 'PATCH',
          url: `/v1/sources/${id}`,
          headers: {
            ...admin.headers,
            'content-type': 'application/merge-patch+json',
            'if-match': `"v${over}"`,
          },
          payload: { title: { en: title, zh: '副本' } },
        })
      const writer = (async () => {
        while (writing) {
          const res = await saveTitle(`On replicas v${acknowledged + 1}`)
          if (res.statusCode !== 200) return res
          acknowledged = res.json().version
        }
      })()
      await sleep(500)
      // A key never used yet: its first use, read-only, must not try to record it.
      const { viewer } = await roleKeys(app, admin)
      const stoppedAt = Date.now()
      await primary.stop('fast')
      writing = false
      const refused = await writer
      t.ok(acknowledged > 1, `saves were acknowledged before the stop (${acknowledged - 1})`)
      t.equal(refused?.statusCode, 503, 'the save after the stop is refused with a 503')

      const readOnly = await until(async () => (await readiness(app)).mode === 'read-only')
      figures.readOnlyMs = readOnly === undefined ? undefined : Date.now() - stoppedAt
      t.ok(readOnly !== undefined, `/readyz says read-only (${figures.readOnlyMs} ms after pg_ctl returned)`)
      t.match(await readiness(app), { http: 200, mode: 'read-only', replicas: { in_rotation: 1 } }, '/readyz is 200')

      const reads = await Promise.all([freshSearch(app), app.inject(entry), app.inject('/v1/export')])
      t.same(
        reads.map((r) => r.statusCode),
        [200, 200, 200],
        'reads are served from the standby',
      )
      t.equal(JSON.parse(reads[1]!.body).acronym, 'CHIPS-R2', 'with the last published version')
      t.equal(
        (await freshSearch(app, admin.headers)).statusCode,
        200,
        'a signed-in reader reads too (checked on the standby)',
      )
      t.equal((await freshSearch(app, viewer.headers)).statusCode, 200, 'so does a program with an API key')

      const write = await app.inject({
        method: 'PATCH',
        url: entry,
        headers: { ...admin.headers, 'content-type': 'application/merge-patch+json', 'if-match': etag },
        payload: { acronym: 'CHIPS-R3' },
      })
      const signIn503 = await app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: ADMIN.email, password: ADMIN.password },
      })
      // The review queue is read on the primary only (it is no public read).
      const queue = await app.inject({ url: '/v1/review-queue', headers: admin.headers })
      for (const [what, res] of [
        ['a write', write],
        ['a sign-in', signIn503],
        ['the review queue', queue],
      ] as const) {
        t.equal(res.statusCode, 503, `${what} answers 503`)
        t.match(res.headers['content-type'], 'application/problem+json')
        t.match(res.json(), { type: 'urn:chain-atlas:problem:read-only', title: /read-only/, status: 503 })
      }

      await primary.start()
      const back = await until(async () => (await readiness(app)).mode === 'read-write')
      t.ok(back !== undefined, `back to read-write by itself once the primary is up (${back} ms)`)
      // A save in flight when the primary stopped may have committed unacknowledged: at least the acknowledged one is there.
      const [stored] = await onPrimary`select version, title from sources where id = ${id}`
      t.ok(
        stored && stored.version >= acknowledged,
        `no acknowledged save was lost (v${acknowledged} acknowledged, v${stored?.version} stored)`,
      )
      if (stored?.version === acknowledged) t.equal(stored.title.en, `On replicas v${acknowledged}`, 'with its content')
      // A pooled connection the stop cut may still fail one write (a 503 "retry shortly"): within 2 s a write succeeds.
      const refusals: string[] = []
      let saved = await saveTitle('After the outage', stored!.version)
      for (const started = Date.now(); saved.statusCode === 503 && Date.now() - started < 2000; await sleep(100)) {
        refusals.push(saved.json().detail)
        saved = await saveTitle('After the outage', stored!.version)
      }
      figures.writesRefusedAfterReturn = refusals.length
      t.equal(saved.statusCode, 200, `writes succeed again (${refusals.length} refused first: ${refusals.join(' | ')})`)
      t.ok(
        await until(
          async () =>
            (await onStandby`select version from sources where id = ${id}`)[0]?.version === stored!.version + 1,
        ),
        'and the standby replays it',
      )
    })

    t.comment(`figures: ${JSON.stringify(figures)}`)
  },
)
