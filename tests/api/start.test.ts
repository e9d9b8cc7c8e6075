import { spawn, spawnSync } from 'node:child_process'
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import t, { type Test } from 'tap'
import { PARTS, ROOT, fingerprint, recordBuild, staleParts, type Part } from '../../apps/api/scripts/build-if-stale.mjs'
import { exited, freePort, userEnvironment, waitReady } from '../helpers/processes.ts'
import { tempDir } from '../helpers/temp-dir.ts'

// File times come from the kernel's coarse clock (a few ms): a step waits past it, or an edit could keep its ctime.
const tick = () => new Promise((resolve) => setTimeout(resolve, 30))

/** A copy of the repository's layout, a file or two in each place a build reads or writes, with both parts built. */
const fakeRepository = async (t: Test) => {
  const root = await tempDir(t, 'atlas-stamps-')
  const files = [
    'apps/admin/index.html',
    'apps/admin/src/App.tsx',
    'apps/api/src/server.ts',
    'packages/types/src/index.ts',
    'packages/types/package.json',
    'packages/db/src/index.ts',
    'pnpm-lock.yaml',
    'apps/admin/dist/index.html',
    'apps/api/dist/server.mjs',
    'apps/api/dist/server.mjs.map',
  ]
  for (const file of files) {
    await mkdir(dirname(join(root, file)), { recursive: true })
    await writeFile(join(root, file), `${file}\n`)
  }
  const build = (...parts: Part[]) =>
    parts.forEach((part) => {
      recordBuild(part, fingerprint(root, PARTS[part].inputs(root)), root)
    })
  build('admin', 'api')
  await tick()
  return { root, build }
}

t.test('a part is stale exactly when a file it is built from, or one it built, changed', async (t) => {
  const { root, build } = await fakeRepository(t)
  t.same(staleParts(root), [], 'both fresh after their builds')
  const cases: [string, (path: string) => Promise<unknown>, Part[]][] = [
    ['apps/admin/src/App.tsx', (path) => utimes(path, new Date(), new Date()), ['admin']],
    ['apps/api/src/server.ts', (path) => utimes(path, new Date(), new Date()), ['api']],
    ['packages/types/src/index.ts', (path) => utimes(path, new Date(), new Date()), ['admin', 'api']],
    ['packages/db/src/index.ts', (path) => writeFile(path, 'changed'), ['api']],
    ['packages/dataset/release.json', (path) => mkdir(dirname(path)).then(() => writeFile(path, '{}')), ['api']],
    ['pnpm-lock.yaml', (path) => utimes(path, new Date(), new Date()), ['admin', 'api']],
    ['apps/api/src/new-module.ts', (path) => writeFile(path, ''), ['api']],
    ['apps/admin/public/logo.svg', (path) => mkdir(dirname(path)).then(() => writeFile(path, '')), ['admin']],
    ['apps/admin/dist/index.html', (path) => writeFile(path, 'edited by hand'), ['admin']],
    ['apps/api/dist/server.mjs', (path) => writeFile(path, 'an older bundle'), ['api']],
    // Content changed, same size, the old mtime given back (a restored backup, `cp -p`): ctime still tells.
    [
      'apps/api/src/server.ts',
      async (path) => {
        const { atime, mtime } = await stat(path)
        await writeFile(path, 'apps/api/src/SERVER.ts\n')
        await utimes(path, atime, mtime)
      },
      ['api'],
    ],
  ]
  for (const [file, change, stale] of cases) {
    await change(join(root, file))
    t.same(staleParts(root), stale, `${file} changed: ${stale.join(' and ')} stale`)
    build(...stale)
    t.same(staleParts(root), [], 'fresh once rebuilt')
    await tick()
  }
})

/** Every output file of the real builds with its mtime. */
const outputTimes = async () => {
  const times: Record<string, number> = {}
  const walk = async (path: string): Promise<void> => {
    const stats = await stat(join(ROOT, path))
    if (!stats.isDirectory()) times[path] = stats.mtimeMs
    else for (const name of await readdir(join(ROOT, path))) await walk(`${path}/${name}`)
  }
  for (const path of [...PARTS.admin.outputs, ...PARTS.api.outputs]) await walk(path)
  return times
}
const changed = (before: Record<string, number>, after: Record<string, number>, prefix: string) =>
  Object.keys({ ...before, ...after }).some((path) => path.startsWith(prefix) && before[path] !== after[path])

/** The start command's V8 flags and script, as package.json has them, for a start without pnpm. */
const { scripts } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
const START_ARGS = scripts.start.split(' ').slice(1)

/**
 * Runs `command` in its own process group (pnpm runs the script under a shell; pnpm passes no SIGTERM on),
 * on a new data folder; resolves with the time from the spawn to /readyz answering 200. Stopped at the end.
 */
const start = async (t: Test, command: string, args: string[]) => {
  const port = await freePort()
  const dataDir = await tempDir(t, 'atlas-start-')
  const env = { ...userEnvironment(), DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: String(port) }
  const spawned = performance.now()
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true })
  t.teardown(() => groupAlive(child.pid!) && process.kill(-child.pid!, 'SIGKILL'))
  const ready = await waitReady(`http://127.0.0.1:${port}/readyz`, Date.now() + 120_000, 25)
  return { child, ready, seconds: (performance.now() - spawned) / 1000 }
}
const groupAlive = (pgid: number) => {
  try {
    return process.kill(-pgid, 0)
  } catch {
    return false
  }
}
/** SIGTERM to the whole group, as Ctrl-C or a service manager does; resolves once no process of it is left. */
const stopGroup = async (pgid: number) => {
  process.kill(-pgid, 'SIGTERM')
  while (groupAlive(pgid)) await new Promise((resolve) => setTimeout(resolve, 50))
}

t.test('pnpm start builds once: a start after the first rebuilds nothing, a changed source its own part', async (t) => {
  // First the start command itself (no pnpm): builds whatever is stale, and the server's exit code is the command's.
  const first = await start(t, process.execPath, START_ARGS)
  t.ok(first.ready, `the start command brings the server up (${first.seconds.toFixed(2)} s, builds included)`)
  const firstExit = exited(first.child)
  first.child.kill('SIGTERM')
  t.equal(await firstExit, 0, 'SIGTERM reaches the server itself (one process): it shuts down and the command exits 0')
  const check = spawnSync(process.execPath, ['apps/api/scripts/build-if-stale.mjs', '--check'], { cwd: ROOT })
  t.equal(check.status, 0, 'builds current')

  const built = await outputTimes()
  const again = await start(t, 'pnpm', ['start'])
  t.ok(again.ready, '`pnpm start` again: /readyz answers 200')
  t.comment(`pnpm start, builds current: ${again.seconds.toFixed(2)} s from the command to /readyz (goal: < 3 s)`)
  t.same(await outputTimes(), built, 'no output rebuilt: the admin UI and the bundle are as the first start left them')
  await stopGroup(again.child.pid!)

  // A source of the API touched (its content unchanged): the next start rebuilds the bundle, not the admin UI.
  const source = join(ROOT, 'apps/api/src/server.ts')
  const { atime, mtime } = await stat(source)
  await utimes(source, new Date(), new Date())
  t.teardown(async () => {
    // The old mtime back, then the bundle rebuilt once more (ctime changed): the checkout is left current.
    await utimes(source, atime, mtime)
    spawnSync(process.execPath, ['apps/api/scripts/build-if-stale.mjs'], { cwd: ROOT, stdio: 'inherit' })
  })
  const touched = await start(t, 'pnpm', ['start'])
  t.ok(touched.ready, '`pnpm start` after a source changed: /readyz answers 200')
  t.comment(`pnpm start, the API's server.ts touched: ${touched.seconds.toFixed(2)} s (the bundle rebuilt)`)
  const rebuilt = await outputTimes()
  t.ok(changed(built, rebuilt, 'apps/api/dist/'), 'the API bundle was rebuilt')
  t.notOk(changed(built, rebuilt, 'apps/admin/dist'), 'the admin UI was not')
  await stopGroup(touched.child.pid!)
})
