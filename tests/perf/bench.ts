// `pnpm bench`: Chain Atlas side by side with the limit (a bare Fastify route sending the same
// bytes from memory), on real PostgreSQL, driven by wrk from another process on loopback.
// Writes tests/perf/RESULTS.md. `pnpm bench --smoke` runs every scenario for about a second on
// a small synthetic set, to keep the benchmark working in CI; its figures mean nothing.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { openDatabase, queryCollection, schema, seedFromFiles, type CollectionQuery } from '@chain-atlas/db'
import { encodeCursor } from '../../apps/api/src/cursor.ts'
import { scopeOf } from '../../apps/api/src/list-query.ts'
import { SERVER_ARGS, V8_FLAGS } from '../helpers/processes.ts'
import { privatePostgres, privatePostgresSkipReason, privateStandby } from '../helpers/private-postgres.ts'
import { ensureSyntheticDatabase, syntheticTime } from './synthetic.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const HERE = fileURLToPath(new URL('.', import.meta.url))
const args = process.argv.slice(2).filter((a) => a !== '--')
const flag = (name: string) => args.includes(`--${name}`)
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined)
const SMOKE = flag('smoke')
const OUT = args.includes('--out') ? option('out')! : join(HERE, 'RESULTS.md')
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const TAG = process.env.ATLAS_TEST_TAG ? `_${process.env.ATLAS_TEST_TAG}` : ''
const SIZE = Number(option('size') ?? (SMOKE ? 20_000 : 1_000_000))
const DURATION = SMOKE ? 1 : 12 // seconds measured per scenario and side
/**
 * The API and the limit take turns this many times per scenario. Short turns, many of them: this
 * VM's speed swings by a third from one few seconds to the next, and a turn's ratio is taken
 * against the limit's turn right next to it.
 */
const ROUNDS = SMOKE ? 1 : 6 // wrk takes whole seconds: 2 s each
const WARMUP = SMOKE ? 0 : 2
const CONNECTIONS = 16
/** On the big set, one request in flight per core: latency without queueing behind the others. */
const BIG_CONNECTIONS = 2
const PAGE = 50
/** The page the deep-pagination scenario reads: 10,000 pages in (rows 499,951–500,000 at 1M). */
const DEPTH = Math.min(10_000, Math.floor((SIZE * 0.9) / PAGE))
const ADMIN = { email: 'bench@example.org', password: 'bench password not secret' }

const log = (line: string) => console.log(`[bench] ${line}`)
const dbUrl = (name: string) => Object.assign(new URL(SERVER_URL), { pathname: `/${name}` }).toString()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// ---------------------------------------------------------------------------------------------
// Processes: the API as `pnpm start` runs it (one process, `node … apps/api/dist/server.mjs`),
// the limit server, wrk; and the API's resident memory sampled while wrk runs.

type Server = { url: string; process: ChildProcess; stop: () => Promise<void> }
let nextPort = 3900 + Math.floor(Math.random() * 50) * 2

/** `stdout`: a file descriptor for the process's standard output (its log), else the bench's own. */
const startProcess = async (nodeArgs: string[], env: Record<string, string>, stdout?: number): Promise<Server> => {
  const port = String(nextPort++)
  const child = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: port, HOST: '127.0.0.1' },
    stdio: ['ignore', stdout ?? 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
  }
  return { url, process: child, stop }
}

const waitFor = async (url: string, timeoutMs = 60_000, child?: ChildProcess) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the process serving ${url} exited (${child.exitCode})`)
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    await sleep(25)
  }
  throw new Error(`${url} did not answer in ${timeoutMs / 1000} s`)
}

const startApi = async (database: string, env: Record<string, string> = {}, stdout?: number) => {
  const server = await startProcess(
    SERVER_ARGS,
    {
      // wrk is one client hammering the API: the per-client rate limit would measure itself, not the API.
      DATABASE_URL: dbUrl(database),
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ...env,
    },
    stdout,
  )
  await waitFor(`${server.url}/readyz`, 60_000, server.process)
  return server
}

const rssMb = (pid: number) => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
  } catch {
    return 0
  }
}

/** Runs `fn` while sampling the process's RSS; returns its result and the peak in MB. */
const sampling = async <T>(pid: number | undefined, fn: () => Promise<T>): Promise<[T, number]> => {
  let peak = pid ? rssMb(pid) : 0
  const timer = setInterval(() => {
    if (pid) peak = Math.max(peak, rssMb(pid))
  }, 200)
  try {
    return [await fn(), peak]
  } finally {
    clearInterval(timer)
  }
}

/** The CPU time (user and system, all threads) a process has used so far, in seconds. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100
const cpuSeconds = (pid: number | undefined) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS // utime, stime
  } catch {
    return 0
  }
}

/** `cpuUs`: the server's CPU time per request, µs (0 when not measured). */
type Figures = { rps: number; requests: number; p50: number; p95: number; p99: number; errors: number; cpuUs: number }

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length / 2
  return Number.isInteger(middle)
    ? ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
    : sorted[Math.floor(middle)]!
}

/** Runs of equal length as one: the mean rate, the median of each latency percentile, CPU per request over all. */
const combined = (runs: Figures[]): Figures => {
  const requests = runs.reduce((sum, r) => sum + r.requests, 0)
  return {
    rps: runs.reduce((sum, r) => sum + r.rps, 0) / runs.length,
    requests,
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    cpuUs: requests ? runs.reduce((sum, r) => sum + r.cpuUs * r.requests, 0) / requests : 0,
  }
}

/** wrk against a server, with the server's CPU time per request over the run. */
const measure = async (pid: number | undefined, run: () => Promise<Figures>): Promise<Figures> => {
  const before = cpuSeconds(pid)
  const figures = await run()
  return { ...figures, cpuUs: figures.requests ? ((cpuSeconds(pid) - before) * 1e6) / figures.requests : 0 }
}

const runWrk = (
  url: string,
  seconds: number,
  headers: Record<string, string> = {},
  connections = CONNECTIONS,
): Promise<Figures> =>
  new Promise((resolve, reject) => {
    const wrkArgs = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', join(HERE, 'report.lua')]
    for (const [k, v] of Object.entries(headers)) wrkArgs.push('-H', `${k}: ${v}`)
    const child = spawn('wrk', [...wrkArgs, url])
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('exit', () => {
      const json = /WRK_JSON (\{.*\})/.exec(out)?.[1]
      if (!json) return reject(new Error(`wrk gave no figures:\n${out}`))
      const r = JSON.parse(json) as {
        requests: number
        duration_us: number
        p50_us: number
        p95_us: number
        p99_us: number
        non2xx: number
        errors: number
      }
      resolve({
        rps: r.requests / (r.duration_us / 1e6),
        requests: r.requests,
        p50: r.p50_us / 1000,
        p95: r.p95_us / 1000,
        p99: r.p99_us / 1000,
        errors: r.non2xx + r.errors,
        cpuUs: 0,
      })
    })
  })

// ---------------------------------------------------------------------------------------------
// Scenarios

/** `ratio`: API req/s ÷ limit req/s, the median over the turns (each turn against the limit's turn next to it). */
type Row = {
  group: string
  key: string
  label: string
  figures: Figures
  rssMb: number
  limit?: Figures
  ratio?: number
  connections: number
}
const rows: Row[] = []

type ReadScenario = { key: string; label: string; path: string; headers?: Record<string, string>; status?: number }

/**
 * Captures each scenario's response from the API (the exact bytes and content type), serves
 * them from the limit server, then runs wrk against the API and the limit in turn.
 */
const runReads = async (group: string, api: Server, scenarios: ReadScenario[], connections = CONNECTIONS) => {
  const captured: Record<string, { type: string; body: string; status: number }> = {}
  for (const s of scenarios) {
    const res = await fetch(api.url + s.path, { headers: s.headers })
    if (res.status !== (s.status ?? 200)) throw new Error(`${s.path}: ${res.status} ${await res.text()}`)
    captured[`/${s.key}`] = {
      type: res.headers.get('content-type') ?? '',
      body: Buffer.from(await res.arrayBuffer()).toString('base64'),
      status: res.status,
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'atlas-bench-'))
  await writeFile(join(dir, 'captured.json'), JSON.stringify(captured))
  const limit = await startProcess(
    [...V8_FLAGS, '--import', 'tsx', join(HERE, 'limit-server.ts'), join(dir, 'captured.json')],
    {},
  )
  try {
    await waitFor(`${limit.url}/${scenarios[0]!.key}`)
    for (const s of scenarios) {
      const onApi = () =>
        measure(api.process.pid, () => runWrk(api.url + s.path, DURATION / ROUNDS, s.headers, connections))
      const onLimit = () =>
        measure(limit.process.pid, () => runWrk(`${limit.url}/${s.key}`, DURATION / ROUNDS, {}, connections))
      if (WARMUP) await runWrk(api.url + s.path, WARMUP, s.headers, connections)
      if (WARMUP) await runWrk(`${limit.url}/${s.key}`, WARMUP, {}, connections)
      // Short runs in turn, the order swapped each round: a slow spell of the machine falls on both.
      const apiRuns: Figures[] = []
      const limitRuns: Figures[] = []
      let peak = 0
      for (let round = 0; round < ROUNDS; round++) {
        if (round % 2) limitRuns.push(await onLimit())
        const [figures, roundPeak] = await sampling(api.process.pid, onApi)
        apiRuns.push(figures)
        peak = Math.max(peak, roundPeak)
        if (!(round % 2)) limitRuns.push(await onLimit())
      }
      const figures = combined(apiRuns)
      const limitFigures = combined(limitRuns)
      const ratio = median(apiRuns.map((run, i) => run.rps / limitRuns[i]!.rps))
      rows.push({ group, key: s.key, label: s.label, figures, rssMb: peak, limit: limitFigures, ratio, connections })
      log(
        `${s.key}: ${figures.rps.toFixed(0)} req/s (limit ${limitFigures.rps.toFixed(0)}, ratio ${ratio.toFixed(2)}), CPU ${figures.cpuUs.toFixed(1)} µs/request (limit ${limitFigures.cpuUs.toFixed(1)}), p50 ${figures.p50.toFixed(2)} ms, RSS ${peak.toFixed(0)} MB`,
      )
    }
  } finally {
    await limit.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

/** An editor's API key, made through the API by the first admin. */
const editorKey = async (api: Server) => {
  const login = await fetch(`${api.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  })
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const { csrf_token } = (await login.json()) as { csrf_token: string }
  const res = await fetch(`${api.url}/v1/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf_token },
    body: JSON.stringify({ name: 'bench', role: 'editor' }),
  })
  return ((await res.json()) as { secret: string }).secret
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0

/**
 * Curators editing: each of `curators` loops PATCH (merge patch, If-Match with the version it
 * last saw) on an instrument of its own for the duration. Successful writes per second.
 */
const runWrites = async (api: Server, key: string, ids: string[], curators: number, label: string, rowKey: string) => {
  const auth = { authorization: `Bearer ${key}` }
  const versions = new Map<string, string>()
  // As a curator reads it: its working copy if it has one (the one-curator run left some), else as published.
  for (const id of ids.slice(0, curators)) {
    const draft = await fetch(`${api.url}/v1/instruments/${id}/draft`, { headers: auth })
    await draft.arrayBuffer()
    const current = draft.ok ? draft : await fetch(`${api.url}/v1/instruments/${id}`, { headers: auth })
    if (!current.ok) throw new Error(`reading ${id} to edit it: ${current.status}`)
    versions.set(id, current.headers.get('etag')!)
  }
  const latencies: number[] = []
  let errors = 0
  let n = 0
  const deadline = Date.now() + DURATION * 1000
  const curator = async (id: string) => {
    while (Date.now() < deadline) {
      const started = performance.now()
      const res = await fetch(`${api.url}/v1/instruments/${id}`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/merge-patch+json', 'if-match': versions.get(id)! },
        body: JSON.stringify({ acronym: `B${n++}` }),
      })
      await res.arrayBuffer()
      if (res.status !== 200) errors++
      else {
        latencies.push(performance.now() - started)
        versions.set(id, res.headers.get('etag')!)
      }
    }
  }
  const started = Date.now()
  const [, peak] = await sampling(api.process.pid, () => Promise.all([...versions.keys()].map(curator)))
  const sorted = latencies.sort((a, b) => a - b)
  const figures = {
    rps: latencies.length / ((Date.now() - started) / 1000),
    requests: latencies.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
    cpuUs: 0,
  }
  rows.push({
    group: 'Writes (seed data), successful writes/s',
    key: rowKey,
    label,
    figures,
    rssMb: peak,
    connections: curators,
  })
  log(`${rowKey}: ${figures.rps.toFixed(0)} writes/s, p50 ${figures.p50.toFixed(1)} ms, ${errors} errors`)
}

// ---------------------------------------------------------------------------------------------
// The databases

/** A fresh database with the schema and the seed dataset, as `pnpm db:migrate && pnpm db:seed` make it. */
const freshSeedDatabase = async (name: string) => {
  const admin = postgres(dbUrl('postgres'), { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists ${name} with (force)`)
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  const handle = await openDatabase({ databaseUrl: dbUrl(name), maxConnections: 1 })
  await handle.migrate()
  await seedFromFiles(handle.db)
  await handle.close()
}

type PlanCheck = { label: string; indexes: string[]; seqScan: boolean; ms: number }

const planNodes = (node: any, into: any[] = []): any[] => {
  into.push(node)
  for (const child of node.Plans ?? []) planNodes(child, into)
  return into
}

/**
 * EXPLAIN ANALYZE of the very SQL the API runs for each filter and search on the big set
 * (captured from the driver), and the indexes its plan uses.
 */
const explainQueries = async (database: string, cases: [string, Partial<CollectionQuery>][]): Promise<PlanCheck[]> => {
  let last: { query: string; params: unknown[] } | undefined
  // A statement the API runs in a transaction of its own, after settings local to it: explained as run.
  let setting: string | undefined
  const sql = postgres(dbUrl(database), {
    max: 1,
    onnotice: () => {},
    debug: (_c, query, params) => {
      if (/set_config\(/.test(query)) setting = query
      else if (!/^\s*(begin|commit|rollback)\b/i.test(query)) last = { query, params: params as unknown[] }
    },
  })
  const db = drizzle({ client: sql, schema }) as never
  const checks: PlanCheck[] = []
  try {
    for (const [label, query] of cases) {
      last = undefined
      setting = undefined
      await queryCollection(db, 'instruments', { filters: {}, limit: PAGE, statuses: ['published'], ...query })
      const { query: text, params } = last!
      const explain = (on: postgres.Sql) =>
        on.unsafe(`explain (analyze, format json) ${text}`, params as never[]) as Promise<any>
      const [{ 'QUERY PLAN': plan }] = setting
        ? await sql.begin(async (tx) => {
            await tx.unsafe(setting!)
            return explain(tx as unknown as postgres.Sql)
          })
        : await explain(sql)
      const nodes = planNodes(plan[0].Plan)
      checks.push({
        label,
        indexes: [...new Set(nodes.filter((n) => n['Index Name']).map((n) => n['Index Name'] as string))],
        seqScan: nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'instruments'),
        ms: plan[0]['Execution Time'],
      })
    }
  } finally {
    await sql.end()
  }
  return checks
}

/** The cursor of the page `depth` pages into the id order, as the API would issue it. */
const cursorAtDepth = async (database: string, depth: number) => {
  const sql = postgres(dbUrl(database), { max: 1, onnotice: () => {} })
  const [row] = await sql<
    { id: string }[]
  >`select id from instruments where status = 'published' order by id offset ${(depth - 1) * PAGE - 1} limit 1`
  await sql.end()
  // The list as asked: no filter, no search, published entries (a cursor carries its question).
  return encodeCursor(
    'id',
    { value: row!.id, id: row!.id },
    scopeOf({ filters: {}, q: undefined, statuses: ['published'] }),
  )
}

// ---------------------------------------------------------------------------------------------
// Cold start on the embedded database

type ColdStart = { label: string; seconds: number }[]

/**
 * Spawn to `/readyz` answering, in folders of its own: the template `pnpm install` makes (timed
 * too), the first start on an empty DATA_DIR from it, reopening that folder, and a start with no
 * template at all (initdb, migrate, seed, keep one). (The server tests cover these starts; a smoke run skips them.)
 */
const coldStart = async (): Promise<ColdStart> => {
  const made = await mkdtemp(join(tmpdir(), 'atlas-template-'))
  const none = await mkdtemp(join(tmpdir(), 'atlas-template-'))
  const starts: [string, 'new' | 'reuse', string][] = [
    ['first start after `pnpm install`: empty `DATA_DIR`, from the template the install made', 'new', made],
    ['reopening that folder', 'reuse', made],
    [
      'empty `DATA_DIR` and no template (as if the install could not make one: initdb, migrate, seed, keep one)',
      'new',
      none,
    ],
  ]
  const results: ColdStart = []
  const dirs: string[] = [made, none]
  try {
    const preparing = performance.now()
    execFileSync(process.execPath, ['--import', 'tsx', 'packages/db/src/cli/prepare-template.ts'], {
      cwd: ROOT,
      env: { ...process.env, TEMPLATE_DIR: made },
      stdio: 'ignore',
    })
    results.push({
      label: '`pnpm install` making the template (postinstall; not a start)',
      seconds: (performance.now() - preparing) / 1000,
    })
    for (const [label, folder, templateDir] of starts) {
      if (folder === 'new') dirs.push(await mkdtemp(join(tmpdir(), 'atlas-cold-')))
      const started = performance.now()
      const server = await startProcess(SERVER_ARGS, {
        DATABASE_URL: '',
        DATA_DIR: dirs.at(-1)!,
        TEMPLATE_DIR: templateDir,
        LOG_LEVEL: 'warn',
      })
      await waitFor(`${server.url}/readyz`, 120_000, server.process)
      results.push({ label, seconds: (performance.now() - started) / 1000 })
      await server.stop()
    }
  } finally {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  }
  return results
}

// ---------------------------------------------------------------------------------------------

const SEED_DB = `atlas_bench${SMOKE ? '_smoke' : ''}${TAG}`
const BIG_DB = `atlas_bench_${SMOKE ? 'smoke_synthetic' : SIZE === 1_000_000 ? '1m' : `n${SIZE}`}${TAG}`
const sizeLabel = SIZE === 1_000_000 ? '1M' : SIZE.toLocaleString('en')

const CHIPS_ZH = encodeURIComponent('芯片')
/** A time after which the last 1% of the synthetic instruments changed. */
const RECENT = syntheticTime(Math.floor(SIZE * 0.99)).toISOString()

/**
 * The default configuration: `LOG_LEVEL=info`, a line per request, written to a file as a
 * process manager would keep it (the other rows run at `warn`).
 */
const runWithRequestLogs = async (scenarios: ReadScenario[]) => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-bench-log-'))
  const file = openSync(join(dir, 'requests.log'), 'w')
  const logged = await startApi(SEED_DB, { LOG_LEVEL: 'info' }, file)
  try {
    await runReads(
      'Seed data, request logs on (`LOG_LEVEL=info`, the default)',
      logged,
      scenarios.map((s) => ({ ...s, key: `logged-${s.key}` })),
    )
  } finally {
    await logged.stop()
    closeSync(file)
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Reads served by a streaming standby (`DATABASE_REPLICA_URLS`), the read cache off: a primary and
 * a hot standby of the run's own (initdb, then pg_basebackup -R, as the replicas test makes them),
 * the seed data loaded on the primary before the copy. Logs how many transactions the standby ran.
 */
const runOnReplica = async (scenarios: ReadScenario[]) => {
  const skip = privatePostgresSkipReason()
  if (skip) return log(`replica rows skipped: ${skip}`)
  const teardowns: (() => unknown)[] = []
  const owner = { teardown: (fn: () => unknown) => void teardowns.push(fn) }
  try {
    const primary = await privatePostgres(owner, { replication: true })
    const seeded = await openDatabase({ databaseUrl: primary.url, maxConnections: 1 })
    await seeded.migrate()
    await seedFromFiles(seeded.db)
    await seeded.close()
    const standby = await privateStandby(owner, primary)
    const transactions = async () => {
      const sql = postgres(standby.url, { max: 1 })
      const [row] = await sql<{ n: string }[]>`select sum(xact_commit)::text as n from pg_stat_database`
      await sql.end()
      return Number(row?.n ?? 0)
    }
    const api = await startProcess(SERVER_ARGS, {
      DATABASE_URL: primary.url,
      DATABASE_REPLICA_URLS: standby.url,
      READ_CACHE_MB: '0',
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
    })
    owner.teardown(() => api.stop())
    await waitFor(`${api.url}/readyz`, 60_000, api.process)
    const before = await transactions()
    await runReads(
      'Seed data, read cache off, reads on a streaming standby (`DATABASE_REPLICA_URLS`)',
      api,
      scenarios.map((s) => ({ ...s, key: `replica-${s.key}` })),
    )
    log(`the standby committed ${(await transactions()) - before} transactions during the replica rows`)
  } finally {
    for (const teardown of teardowns.reverse()) await teardown()
  }
}

const main = async () => {
  const startedAt = new Date()
  log(
    `${SMOKE ? 'smoke' : 'full'} run: ${DURATION} s per scenario, ${CONNECTIONS} connections; synthetic set of ${SIZE} instruments`,
  )

  await freshSeedDatabase(SEED_DB)
  let api = await startApi(SEED_DB)
  // The same API with its read cache off: every request queries PostgreSQL (what a miss costs).
  const uncached = await startApi(SEED_DB, { READ_CACHE_MB: '0' })
  const id = 'us-chips-and-science-act-2022'
  const etag = (await fetch(`${api.url}/v1/instruments/${id}`)).headers.get('etag')!
  const seedScenarios: ReadScenario[] = [
    {
      key: 'list',
      label: 'list, filtered (`economy=us&level=national`)',
      path: '/v1/instruments?economy=us&level=national',
    },
    {
      key: 'list-fields',
      label: 'list, filtered, cut (`…&fields=id,title`)',
      path: '/v1/instruments?economy=us&level=national&fields=id,title',
    },
    {
      key: 'list-include',
      label: 'list, filtered, with its economies (`…&include=economy`)',
      path: '/v1/instruments?economy=us&level=national&include=economy',
    },
    { key: 'get', label: 'get by id', path: `/v1/instruments/${id}` },
    { key: 'search-zh', label: 'search, Chinese (`q=芯片`)', path: `/v1/instruments?q=${CHIPS_ZH}` },
    { key: 'search-en', label: 'search, English (`q=chips`)', path: '/v1/instruments?q=chips' },
    { key: 'search-all', label: 'search across collections (`/v1/search?q=chips`)', path: '/v1/search?q=chips' },
    { key: 'compare', label: 'compare (`table=1`)', path: '/v1/compare?table=1&economy=us,jp,eu' },
    { key: 'export', label: 'export (whole dataset, JSON)', path: '/v1/export' },
    {
      key: 'not-modified',
      label: 'conditional GET → 304',
      path: `/v1/instruments/${id}`,
      headers: { 'if-none-match': etag },
      status: 304,
    },
  ]
  try {
    await runReads('Seed data', api, seedScenarios)
    if (!SMOKE)
      await runReads(
        'Seed data, read cache off',
        uncached,
        seedScenarios.map((s) => ({ ...s, key: `uncached-${s.key}` })),
      )
    await uncached.stop()
    if (!SMOKE) await runWithRequestLogs(seedScenarios.filter((s) => s.key === 'list' || s.key === 'get'))
    if (!SMOKE) await runOnReplica(seedScenarios.filter((s) => s.key === 'list' || s.key === 'get'))
    const key = await editorKey(api)
    const sql = postgres(dbUrl(SEED_DB), { max: 1 })
    const ids = (
      await sql<{ id: string }[]>`select id from instruments where status = 'published' order by id limit 20`
    ).map((r) => r.id)
    await sql.end()
    await runWrites(api, key, ids, 1, 'PATCH with If-Match, 1 curator', 'write-sequential')
    await runWrites(api, key, ids, 20, 'PATCH with If-Match, 20 concurrent curators', 'write-concurrent')
  } finally {
    await Promise.all([api.stop(), uncached.stop()])
  }

  await ensureSyntheticDatabase(dbUrl(BIG_DB), SIZE, log)
  // The in-memory cache would answer these repeated URLs without the database: turn it off to
  // measure the queries, i.e. what every first request (every cache miss) costs.
  api = await startApi(BIG_DB, { READ_CACHE_MB: '0' })
  try {
    const cursor = await cursorAtDepth(BIG_DB, DEPTH)
    await runReads(
      `Synthetic: ${sizeLabel} instruments, read cache off, ${BIG_CONNECTIONS} connections`,
      api,
      [
        { key: 'big-first-page', label: 'first page (id order)', path: `/v1/instruments?limit=${PAGE}` },
        {
          key: 'big-deep-page',
          label: `page ${DEPTH.toLocaleString('en')} by cursor`,
          path: `/v1/instruments?limit=${PAGE}&cursor=${cursor}`,
        },
        {
          key: 'big-list',
          label: 'list, filtered (`economy=us&level=national`)',
          path: '/v1/instruments?economy=us&level=national',
        },
        {
          key: 'big-list-sector',
          label: 'list, filtered (`sector=semiconductors&has_amount=true`)',
          path: '/v1/instruments?sector=semiconductors&has_amount=true',
        },
        {
          key: 'big-list-year',
          label: 'list, filtered and sorted (`year_from=2020&sort=-year`)',
          path: '/v1/instruments?year_from=2020&sort=-year',
        },
        { key: 'big-search-zh', label: 'search, Chinese (`q=芯片`)', path: `/v1/instruments?q=${CHIPS_ZH}` },
        { key: 'big-search-en', label: 'search, English (`q=chips`)', path: '/v1/instruments?q=chips' },
        {
          key: 'big-search-common',
          label: 'search, the three commonest words (`q=supply chain security`)',
          path: '/v1/instruments?q=supply%20chain%20security',
        },
        {
          key: 'big-search-common-zh',
          label: 'search, the commonest Chinese words (`q=供应链条安全`)',
          path: `/v1/instruments?q=${encodeURIComponent('供应链条安全')}`,
        },
        {
          key: 'big-search-filtered',
          label: 'search with a common filter value (`q=chips&economy=us`)',
          path: '/v1/instruments?q=chips&economy=us',
        },
        {
          key: 'big-search-common-filtered',
          label: 'search, common words, two filters (`q=supply chain security&economy=jp&level=national`)',
          path: '/v1/instruments?q=supply%20chain%20security&economy=jp&level=national',
        },
        {
          key: 'big-search-all',
          label: 'search across collections (`/v1/search?q=chips`)',
          path: '/v1/search?q=chips',
        },
        {
          key: 'big-search-all-zh',
          label: 'search across collections (`/v1/search?q=芯片`)',
          path: `/v1/search?q=${CHIPS_ZH}`,
        },
        {
          key: 'big-search-all-common',
          label: 'search across collections (`/v1/search?q=supply chain security`)',
          path: '/v1/search?q=supply%20chain%20security',
        },
        {
          key: 'big-list-since',
          label: 'changed since (`updated_since`, the last 1%)',
          path: `/v1/instruments?updated_since=${RECENT}`,
        },
      ],
      BIG_CONNECTIONS,
    )
  } finally {
    await api.stop()
  }
  const plans = await explainQueries(BIG_DB, [
    ['(first page, no filter)', {}],
    ['economy=us', { filters: { economy: ['us'] } }],
    ['economy=us&level=national', { filters: { economy: ['us'], level: ['national'] } }],
    ['category=high_end_capacity', { filters: { category: ['high_end_capacity'] } }],
    ['kind=law', { filters: { kind: ['law'] } }],
    ['sector=semiconductors', { filters: { sector: ['semiconductors'] } }],
    ['partner=mx', { filters: { partner: ['mx'] } }],
    ['year_from=2020&year_to=2021', { filters: { year_from: 2020, year_to: 2021 } }],
    ['lifecycle=ended', { filters: { lifecycle: ['ended'] } }],
    ['currency=EUR', { filters: { currency: ['EUR'] } }],
    ['has_amount=true', { filters: { has_amount: true } }],
    ['parent=us-chips-and-science-act-2022', { filters: { parent: ['us-chips-and-science-act-2022'] } }],
    ['sort=-year', { sort: { field: 'year', descending: true } }],
    ['sort=title', { sort: { field: 'title', descending: false } }],
    ['q=chips', { q: 'chips' }],
    ['q=芯片', { q: '芯片' }],
    ['q=chips&economy=us', { q: 'chips', filters: { economy: ['us'] } }],
    ['q=chips&economy=mx (a value no entry has)', { q: 'chips', filters: { economy: ['mx'] } }],
    ['q=supply chain security&kind=law', { q: 'supply chain security', filters: { kind: ['law'] } }],
    [
      'q=supply chain security&economy=jp&level=national',
      { q: 'supply chain security', filters: { economy: ['jp'], level: ['national'] } },
    ],
    ['q=supply chain security', { q: 'supply chain security' }],
    ['q=供应链条安全', { q: '供应链条安全' }],
    ['updated_since (last 1%)', { filters: { updated_since: RECENT } }],
    [
      'sector=semiconductors,ai (sector_tree widened)',
      { filters: { sector: ['semiconductors', 'artificial-intelligence'] } },
    ],
  ])

  const cold = SMOKE ? [] : await coldStart()
  for (const { label, seconds } of cold) log(`cold start on PGlite, ${label}: ${seconds.toFixed(1)} s`)
  await writeFile(OUT, report(startedAt, plans, cold))
  log(`wrote ${OUT}`)
}

// ---------------------------------------------------------------------------------------------

const commit = () => {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim()
    return dirty ? `${hash} (with uncommitted changes)` : hash
  } catch {
    return 'unknown'
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })

const report = (startedAt: Date, plans: PlanCheck[], cold: ColdStart) => {
  const groups = [...new Set(rows.map((r) => r.group))]
  const table = groups.flatMap((group) => [
    `| **${group}** | | | | | | | | | |`,
    ...rows
      .filter((r) => r.group === group)
      .map((r) => {
        const f = r.figures
        const ratio = r.ratio !== undefined ? fmt(r.ratio, 2) : '–'
        const limit = r.limit ? fmt(r.limit.rps) : '–'
        const cpu = f.cpuUs ? fmt(f.cpuUs, 1) : '–'
        const limitCpu = r.limit?.cpuUs ? fmt(r.limit.cpuUs, 1) : '–'
        return `| ${r.label} | ${fmt(f.rps)} | ${fmt(f.p50, 2)} | ${fmt(f.p95, 2)} | ${fmt(f.p99, 2)} | ${fmt(r.rssMb)} | ${cpu} | ${limit} | ${limitCpu} | ${ratio}${f.errors ? ` (${f.errors} errors)` : ''} |`
      }),
  ])
  const first = rows.find((r) => r.key === 'big-first-page')
  const deep = rows.find((r) => r.key === 'big-deep-page')
  return [
    '# Benchmark results',
    '',
    `Written by \`pnpm bench${SMOKE ? ' --smoke' : ''}\` (tests/perf/bench.ts) on ${startedAt.toISOString()}.`,
    SMOKE ? '\n**Smoke run: a second per scenario on a small set. These figures mean nothing.**\n' : '',
    `- Machine: ${cpus()[0]?.model.trim()}, ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30)} GiB RAM; Node.js ${process.version}; ` +
      `PostgreSQL at ${new URL(SERVER_URL).host}`,
    `- Commit: ${commit()}`,
    `- Load: wrk, 1 thread, ${CONNECTIONS} connections (${BIG_CONNECTIONS} on the synthetic set), ${DURATION} s per scenario and side after a ${WARMUP} s warm-up, ` +
      'no compression asked; writes: a Node.js client, one loop per curator; ' +
      `the API runs as \`pnpm start\` runs it (\`node ${SERVER_ARGS.join(' ')}\`) with \`LOG_LEVEL=warn\` (but the request-logs rows, at the default \`info\`) and \`RATE_LIMIT_PER_MINUTE=0\`.`,
    '- **Limit**: a bare Fastify route answering the same bytes and content type from memory (tests/perf/limit-server.ts), ' +
      `measured on the same scenario in turns with the API (${ROUNDS} turns of ${DURATION / ROUNDS} s each, the order swapped every turn). ` +
      'Req/s is the mean over the turns, latencies the median. Ratio to limit: API req/s ÷ limit req/s in each turn, ' +
      'against the limit’s turn right next to it, and the median of those (this VM’s speed swings by a third from one few seconds to the next).',
    '- CPU µs/req: the server process’s CPU time (user and system, all threads; the kernel’s work sending on loopback included) per request answered, ' +
      'over all the turns; less sensitive to the machine’s swings than req/s, as wrk shares the two cores.',
    '- RSS: the API process’s peak resident memory while the scenario ran.',
    '',
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | RSS MB | CPU µs/req | limit req/s | limit CPU µs/req | ratio to limit |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...table,
    '',
    first && deep
      ? `Deep page p50 ÷ first page p50 at ${sizeLabel}: **${fmt(deep.figures.p50 / first.figures.p50, 2)}×** (target ≤ 1.5×).\n`
      : '',
    `## Query plans at ${sizeLabel} instruments`,
    '',
    'EXPLAIN ANALYZE of the SQL the list runs (first page of 50, published), one filter or search at a time.',
    '',
    '| query | indexes used | seq scan | ms |',
    '|---|---|---|---:|',
    ...plans.map(
      (p) => `| \`${p.label}\` | ${p.indexes.join(', ') || '–'} | ${p.seqScan ? '**yes**' : 'no'} | ${fmt(p.ms, 1)} |`,
    ),
    '',
    '## Cold start on the embedded database (PGlite)',
    '',
    `From spawning \`node ${SERVER_ARGS.join(' ')}\` to \`/readyz\` answering 200 (target < 5 s):`,
    '',
    '| start | s |',
    '|---|---:|',
    ...cold.map(({ label, seconds }) => `| ${label} | ${fmt(seconds, 1)} |`),
    ...(SMOKE ? ['| (not measured in a smoke run) | – |'] : []),
    '',
  ].join('\n')
}

await main()
