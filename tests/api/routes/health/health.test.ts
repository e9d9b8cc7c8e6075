import t from 'tap'
import { expectedMigrations } from '@chain-atlas/db'
import { testApp } from '../../../helpers/app.ts'

t.test('healthz answers while the process is up', async (t) => {
  const { app } = await testApp(t)
  const res = await app.inject('/healthz')
  t.equal(res.statusCode, 200)
  t.same(res.json(), { status: 'ok' })
})

t.test('readyz is 200 on a migrated database', async (t) => {
  const { app, database } = await testApp(t)
  const res = await app.inject('/readyz')
  t.equal(res.statusCode, 200)
  t.same(
    res.json(),
    {
      status: 'ok',
      database: database.kind,
      migrations: await expectedMigrations(),
      mode: 'read-write',
    },
    'read-write, and no replicas to report without DATABASE_REPLICA_URLS',
  )
})

t.test('readyz is 503 problem+json on a database without migrations', async (t) => {
  const { app } = await testApp(t, 'fresh')
  const res = await app.inject('/readyz')
  t.equal(res.statusCode, 503)
  t.match(res.headers['content-type'], 'application/problem+json')
  t.match(res.json(), {
    status: 503,
    detail: `The database has 0 of ${await expectedMigrations()} migrations applied.`,
  })
})

t.test('readyz is 503 once the database is gone, and reads answer 503 quickly', async (t) => {
  const { app, database } = await testApp(t)
  await database.close()
  const started = Date.now()
  const ready = await app.inject('/readyz')
  t.equal(ready.statusCode, 503)
  t.match(ready.headers['content-type'], 'application/problem+json')
  t.match(ready.json(), { type: 'urn:chain-atlas:problem:service-unavailable', status: 503 })

  const list = await app.inject('/v1/economies')
  t.equal(list.statusCode, 503, 'a read answers 503, not 500')
  t.ok(list.headers['retry-after'], 'with Retry-After')
  t.notMatch(list.body, /select|stack|at /i, 'no SQL or stack trace leaks')
  t.ok(Date.now() - started < 5000, 'without hanging')
})
