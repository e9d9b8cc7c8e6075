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

export const privatePostgres = async (t: { teardown(fn: () => unknown): void }) => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-pg-'))
  const { uid, gid } = await run('id', ['-u', 'postgres']).then(async ({ stdout }) => ({
    uid: Number(stdout),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout),
  }))
  await chown(dir, uid, gid)
  const port = await freePort()
  const asPostgres = (command: string, ...args: string[]) =>
    run('runuser', ['-u', 'postgres', '--', `${BIN}/${command}`, ...args])
  await asPostgres('initdb', '-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync')
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`
  const server = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => asPostgres('pg_ctl', '-D', join(dir, 'data'), '-o', options, '-l', join(dir, 'log'), '-w', 'start'),
    /** As a crash or a pulled cable would: no checkpoint, connections cut. */
    stop: () => asPostgres('pg_ctl', '-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'),
  }
  t.teardown(async () => {
    await server.stop().catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
  })
  await server.start()
  return server
}
