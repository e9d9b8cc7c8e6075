import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

type Teardown = { teardown(fn: () => unknown): void }

/**
 * This process's environment without tap's own: tap starts each test with its process-tracking
 * loader in NODE_OPTIONS, which every node process a test spawns (pnpm too) would load, slowing
 * each start by a second or more. A process started on this runs as a user's would.
 */
export const userEnvironment = (): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => name !== 'NODE_OPTIONS' && !name.startsWith('TAP') && !name.startsWith('_TAPJS_'),
    ),
  )

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** Polls a URL every `interval` ms until it answers 200 or the deadline passes. */
export const waitReady = async (url: string, deadline: number, interval = 200) => {
  while (Date.now() < deadline) {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) }).catch(() => undefined)
    if (res?.status === 200) return true
    await new Promise((r) => setTimeout(r, interval))
  }
  return false
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve(child.exitCode) : child.once('exit', resolve),
  )

/**
 * Node's arguments for the server as `pnpm start` gives them (its V8 flags, read from package.json), on the
 * bundle `pnpm build` made: the tests and the benchmark run what users run, less the start script's check
 * for stale builds (tests/api/start.test.ts runs `pnpm start` itself).
 */
const PACKAGE_JSON = readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
const PACKAGE = JSON.parse(PACKAGE_JSON) as { scripts: { start: string } }
const START_FLAGS = PACKAGE.scripts.start.split(' ').filter((arg) => arg.startsWith('--'))
export const SERVER_ARGS: string[] = [...START_FLAGS, 'apps/api/dist/server.mjs']
/** Just the V8 flags of `SERVER_ARGS`, for other processes measured alongside the server. */
export const V8_FLAGS = SERVER_ARGS.filter((arg) => arg.startsWith('--'))

/** The real server (the bundle of server.ts) as a child process on `env`, killed when the test ends; resolves once it listens. */
export const startServer = async (t: Teardown, env: Record<string, string>, port?: number) => {
  port ??= await freePort()
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: {
      ...process.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  t.teardown(() => child.kill('SIGKILL'))
  const base = `http://127.0.0.1:${port}`
  await waitReady(`${base}/healthz`, Date.now() + 90_000)
  return { base, port, child }
}
