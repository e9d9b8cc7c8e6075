import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import t from 'tap'
import { buildApp } from '@chain-atlas/api'
import { loadConfig } from '../../apps/api/src/config.ts'
import { testDatabase } from '../helpers/database.ts'
import { SERVER_ARGS, exited, freePort, waitReady } from '../helpers/processes.ts'
import { tempDir } from '../helpers/temp-dir.ts'

type Line = { msg: string; reqId?: string; req?: { method: string; url: string }; res?: { statusCode: number } }

const parse = (text: string): Line[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line)

t.test('at the default level, one log line per request: method, url, status, time and request id', async (t) => {
  const database = await testDatabase(t)
  const lines: string[] = []
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0' }), {
    database,
    logStream: { write: (line) => void lines.push(line) },
  })
  t.teardown(() => app.close())
  await app.ready()
  lines.length = 0
  const res = await app.inject({
    url: '/v1/instruments?economy=us',
    headers: { 'x-request-id': 'trace-1' },
  })
  t.equal(res.statusCode, 200)
  const logged = parse(lines.join(''))
  t.equal(logged.length, 1, 'one line, not one as it arrives and another as it ends')
  const [line] = logged as [Line & { responseTime: number }]
  t.equal(line.msg, 'request completed')
  t.equal(line.reqId, 'trace-1', 'with the request id a client can quote')
  t.same(line.req, { method: 'GET', url: '/v1/instruments?economy=us' }, 'what was asked')
  t.same(line.res, { statusCode: 200 })
  t.ok(line.responseTime > 0, `and how long it took (${line.responseTime.toFixed(2)} ms)`)

  lines.length = 0
  await app.inject('/v1/instruments/no-such-entry')
  t.same(
    parse(lines.join('')).map((l) => l.res?.statusCode),
    [404],
    'a problem is logged once too',
  )
})

t.test('the real server writes its log asynchronously and loses no line when it shuts down', async (t) => {
  const port = await freePort()
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: await tempDir(t, 'atlas-log-'),
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  t.teardown(() => child.kill('SIGKILL'))
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  const base = `http://127.0.0.1:${port}`
  t.ok(await waitReady(`${base}/healthz`, Date.now() + 90_000), 'the server starts')
  const paths = Array.from({ length: 50 }, (_, i) => `/v1/instruments?limit=${i + 1}`)
  for (const path of paths) await (await fetch(`${base}${path}`)).arrayBuffer()
  // Asked again, a list is answered from memory, and logged as such.
  const again = '/v1/instruments?economy=us&limit=5'
  let etag = ''
  for (const id of ['first', 'again']) {
    const res = await fetch(`${base}${again}`, { headers: { 'x-request-id': id } })
    etag = res.headers.get('etag')!
    await res.arrayBuffer()
  }
  // Then revalidated: the same stored answer, another status, its line telling it.
  const revalidated = await fetch(`${base}${again}`, {
    headers: { 'x-request-id': 'revalidated', 'if-none-match': etag },
  })
  t.equal(revalidated.status, 304, 'revalidated from memory')
  // Node's parser lets quotes and backslashes through (fetch would percent-encode them).
  const awkward = ['/v1/instruments?q="quoted"', '/v1/instruments?q=back\\slash']
  for (const path of [...awkward, ...awkward]) await rawGet(port, path)
  child.kill('SIGTERM')
  t.equal(await exited(child), 0, 'it shuts down cleanly')
  const completed = parse(output).filter(
    (l) => l.msg === 'request completed' && l.req?.url.startsWith('/v1/') && !l.req.url.includes('?q='),
  )
  completed.pop() // the first of the two asked again
  t.same(
    completed.map((l) => l.req?.url),
    paths,
    'every request is in the log, in order, the last ones written just before the exit',
  )
  const fromMemory = parse(output).find((l) => l.msg === 'answered from memory' && l.reqId === 'again')
  t.match(
    fromMemory,
    {
      level: 30,
      time: Number,
      pid: child.pid,
      hostname: String,
      req: { method: 'GET', url: again },
      res: { statusCode: 200 },
    },
    'an answer from memory has a line of its own, as pino writes them',
  )
  t.match(
    parse(output).find((l) => l.reqId === 'revalidated'),
    { msg: 'answered from memory', req: { method: 'GET', url: again }, res: { statusCode: 304 } },
    'a 304 from memory is logged as one',
  )
  for (const msg of ['request completed', 'answered from memory'])
    t.same(
      parse(output)
        .filter((l) => l.msg === msg && l.req?.url.includes('?q='))
        .map((l) => l.req?.url),
      awkward,
      `a URL holding what JSON escapes is logged as it came (${msg})`,
    )
})

/** A GET sent as raw bytes, the path as written, read to its end. */
const rawGet = (port: number, path: string) =>
  new Promise<void>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.end(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`),
    )
    socket
      .on('error', reject)
      .on('close', () => resolve())
      .resume()
  })
