import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { chown, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './processes.ts'

const run = promisify(execFile)
const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : []
const BIN = versions.length ? `/usr/lib/postgresql/${versions.sort().at(-1)}/bin` : ''

/**
 * Fault tests stop and start PostgreSQL; they get a server of their own (initdb in a temporary
 * folder, as the postgres user) so the shared one, and the other tests, never notice.
 */
export const privatePostgresSkipReason = (): string | false => {
  if (!BIN || !existsSync(`${BIN}/initdb`)) return 'no PostgreSQL server binaries in /usr/lib/postgresql'
  if (process.getuid?.() !== 0) return 'starting a private PostgreSQL needs root (to run it as the postgres user)'
  return false
}

type Teardown = { teardown(fn: () => unknown): void }

export type PrivatePostgres = {
  url: string
  port: number
  start(): Promise<unknown>
  /** `immediate` (the default) as a crash or a pulled cable would: no checkpoint, connections cut; `fast` as an operator would. */
  stop(mode?: 'immediate' | 'fast'): Promise<unknown>
}

const asPostgres = (command: string, ...args: string[]) =>
  run('runuser', ['-u', 'postgres', '--', `${BIN}/${command}`, ...args])

/** A temporary folder the postgres user owns (the server in it removes it when the test ends). */
const postgresFolder = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-pg-'))
  const { uid, gid } = await run('id', ['-u', 'postgres']).then(async ({ stdout }) => ({
    uid: Number(stdout),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout),
  }))
  await chown(dir, uid, gid)
  return dir
}

/** The server of a data folder in `dir`, on a free loopback port, stopped and removed when the test ends. */
const serverIn = async (t: Teardown, dir: string, settings: string[] = []): Promise<PrivatePostgres> => {
  const port = await freePort()
  const options = [`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`, ...settings].join(' ')
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', '-D', join(dir, 'data'), ...args)
  const server: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => pgCtl('-o', options, '-l', join(dir, 'log'), '-w', 'start'),
    stop: (mode = 'immediate') => pgCtl('-m', mode, '-w', 'stop'),
  }
  t.teardown(async () => {
    await server.stop().catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
  })
  return server
}

/**
 * A PostgreSQL server of the test's own, started. `replication`: ready to stream its WAL to
 * standbys (initdb's pg_hba already trusts replication connections from the loopback address).
 */
export const privatePostgres = async (t: Teardown, { replication = false } = {}) => {
  const dir = await postgresFolder()
  await asPostgres('initdb', '-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync')
  const settings = replication ? ['-c wal_level=replica -c max_wal_senders=4 -c wal_keep_size=128MB'] : []
  const server = await serverIn(t, dir, settings)
  await server.start()
  return server
}

/** A hot standby of `primary`, copied with `pg_basebackup -R` (which makes it stream from the primary), started. */
export const privateStandby = async (t: Teardown, primary: PrivatePostgres) => {
  const dir = await postgresFolder()
  await asPostgres(
    'pg_basebackup',
    ...[
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      join(dir, 'data'),
      '-R',
      '--checkpoint=fast',
      '--no-sync',
    ],
  )
  // Feedback keeps the primary's vacuum from removing rows a read on the standby still needs.
  const server = await serverIn(t, dir, ['-c hot_standby=on -c hot_standby_feedback=on'])
  await server.start()
  return server
}
