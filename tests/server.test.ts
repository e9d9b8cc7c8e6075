import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { SERVER_URL, withAdmin, withDatabaseName } from './helpers/database.ts'
import { freePort, waitReady } from './helpers/processes.ts'

/** A fresh database for the real server: an empty data folder, or an empty PostgreSQL database. */
const freshTarget = async (t: { teardown(fn: () => unknown): void }): Promise<Record<string, string>> => {
  if (!SERVER_URL) {
    const dir = await mkdtemp(join(tmpdir(), 'atlas-server-'))
    t.teardown(() => rm(dir, { recursive: true, force: true }))
    return { DATA_DIR: dir }
  }
  const name = `atlas_t_server_${process.pid}`
  await withAdmin((sql) => sql.unsafe(`create database ${name}`))
  t.teardown(() => withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`)))
  return { DATABASE_URL: withDatabaseName(SERVER_URL, name) }
}

t.test('the server starts on an empty database, migrates and seeds it, and stops cleanly on SIGTERM', async (t) => {
  const port = await freePort()
  const target = await freshTarget(t)
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    env: { ...process.env, DATABASE_URL: '', ...target, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  t.teardown(() => child.kill('SIGKILL'))

  const base = `http://127.0.0.1:${port}`
  // Readiness, not speed, is what this asserts (the benchmark measures the cold start): a loaded CI machine gets time.
  t.ok(await waitReady(`${base}/readyz`, Date.now() + 90_000), '/readyz becomes 200 after the start')
  const economies = await (await fetch(`${base}/v1/economies?limit=200`)).json()
  const ids = economies.data.map((e: { id: string }) => e.id)
  for (const id of ['us', 'jp', 'eu', 'cn']) t.ok(ids.includes(id), `seeded on first start: ${id}`)

  child.kill('SIGTERM')
  t.equal(await exited, 0, 'exits with status 0 on SIGTERM')
})
