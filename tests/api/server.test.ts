import { request } from 'node:http'
import t from 'tap'
import { signInOverHttp } from '../helpers/accounts.ts'
import { SERVER_URL, uniqueDatabaseName, withAdmin, withDatabaseName } from '../helpers/database.ts'
import { exited as exitOf, startServer, waitReady } from '../helpers/processes.ts'
import { tempDir } from '../helpers/temp-dir.ts'

/** A fresh database for the real server: an empty data folder, or an empty PostgreSQL database. */
const freshTarget = async (t: { teardown(fn: () => unknown): void }): Promise<Record<string, string>> => {
  if (!SERVER_URL) {
    return { DATA_DIR: await tempDir(t, 'atlas-server-') }
  }
  const name = uniqueDatabaseName()
  await withAdmin((sql) => sql.unsafe(`create database ${name}`))
  t.teardown(() => withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`)))
  return { DATABASE_URL: withDatabaseName(SERVER_URL, name) }
}

const ADMIN = { ADMIN_EMAIL: 'first@example.org', ADMIN_PASSWORD: 'a long first password' }

/** A PATCH whose body arrives in two halves, so the request is in flight for as long as the test holds the second half. */
const slowPatch = (base: string, path: string, headers: Record<string, string>, body: string) => {
  const bytes = Buffer.from(body)
  const req = request(base + path, {
    method: 'PATCH',
    headers: { ...headers, 'content-type': 'application/json', 'content-length': String(bytes.length) },
  })
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = ''
      res
        .setEncoding('utf8')
        .on('data', (chunk) => (text += chunk))
        .on('end', () => resolve({ status: res.statusCode!, body: text }))
    })
    req.on('error', reject)
  })
  req.write(bytes.subarray(0, bytes.length >> 1))
  return { finish: () => req.end(bytes.subarray(bytes.length >> 1)), response }
}

t.test(
  'the server starts on an empty database, migrates and seeds it; SIGTERM finishes in-flight requests and exits 0',
  async (t) => {
    const target = await freshTarget(t)
    const { base, port, child } = await startServer(t, { ...target, ...ADMIN })

    // Readiness, not speed, is what this asserts (the benchmark measures the cold start): a loaded CI machine gets time.
    t.ok(await waitReady(`${base}/readyz`, Date.now() + 90_000), '/readyz becomes 200 after the start')
    const economies = await (await fetch(`${base}/v1/economies?limit=200`)).json()
    const ids = economies.data.map((e: { id: string }) => e.id)
    for (const id of ['us', 'jp', 'eu', 'cn']) t.ok(ids.includes(id), `seeded on first start: ${id}`)

    const { status, session } = await signInOverHttp(base, ADMIN)
    t.equal(status, 200, 'the first admin from ADMIN_EMAIL signs in')
    const instruments = (await (await fetch(`${base}/v1/instruments?limit=200`)).json()).data.length
    const jp = await fetch(`${base}/v1/economies/jp`)
    const summary = { en: 'Changed while the server was stopping.', zh: '在服务器停止时修改。' }
    const write = slowPatch(
      base,
      '/v1/economies/jp',
      { ...session, 'if-match': jp.headers.get('etag')! },
      JSON.stringify({ summary }),
    )
    const answering = Array.from({ length: 10 }, () => fetch(`${base}/v1/instruments?limit=200`))
    const reads = answering.map((answer) =>
      answer.then(async (r) => ({ status: r.status, count: (await r.json()).data.length })),
    )
    // In flight: the server has the requests (a connection it has not read a request from yet is
    // idle, and closed at shutdown, as any HTTP server does); on a loaded machine that takes a while.
    await Promise.all([
      new Promise((r) => setTimeout(r, 300)),
      Promise.race([Promise.all(answering), new Promise((r) => setTimeout(r, 5000))]),
    ])

    const exited = exitOf(child)
    child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 500))
    t.equal(child.exitCode, null, 'with a request in flight the server waits')
    const refused = await fetch(`${base}/healthz`).then(
      () => 'answered',
      (error: Error) => (error.cause as { code?: string })?.code ?? error.message,
    )
    t.equal(refused, 'ECONNREFUSED', 'new connections are refused once SIGTERM arrives')
    write.finish()
    const written = await write.response
    t.equal(written.status, 200, 'the write in flight is finished and acknowledged')
    t.same(JSON.parse(written.body).summary, summary)
    for (const read of await Promise.all(reads))
      t.same(
        read,
        { status: 200, count: instruments },
        `a read in flight gets its whole answer (${instruments} instruments)`,
      )
    t.equal(await exited, 0, 'then exits with status 0')

    const { child: again } = await startServer(t, { ...target, ...ADMIN }, port)
    t.ok(await waitReady(`${base}/readyz`, Date.now() + 90_000), 'starts again on the same database')
    // An edit of a published entry is a working copy: read it as its author does.
    const after = await (await fetch(`${base}/v1/economies/jp/draft`, { headers: { cookie: session.cookie } })).json()
    t.same(after.summary, summary, 'the write acknowledged during the shutdown is there')
    const stopped = exitOf(again)
    again.kill('SIGTERM')
    t.equal(await stopped, 0, 'an idle server exits with status 0 on SIGTERM')
  },
)
