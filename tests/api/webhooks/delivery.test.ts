import t from 'tap'
import { buildApp } from '@chain-atlas/api'
import { nextDeliveryDueIn, openDatabase } from '@chain-atlas/db'
import { loadConfig } from '../../../apps/api/src/config.ts'
import { startDispatcher } from '../../../apps/api/src/webhooks/dispatcher.ts'
import { testApp } from '../../helpers/app.ts'
import { adminSession, roleKeys, signIn, ADMIN } from '../../helpers/accounts.ts'
import { SERVER_URL, countRows, testDatabase, type TestDatabase } from '../../helpers/database.ts'
import { newInstrument } from '../../helpers/entities.ts'
import { startWebhookReceiver, verifyDelivery } from '../../helpers/webhook-receiver.ts'
import {
  FAST_WEBHOOKS,
  archiveAndRestore,
  createWebhook,
  deliveryLog,
  publishNewInstrument,
  settledLog,
} from '../../helpers/webhooks.ts'

type Teardown = Parameters<typeof testApp>[0]

/** A receiver, an app that delivers to it quickly, an admin session and an editor key. */
const setup = async (t: Teardown, env: Record<string, string> = {}) => {
  const receiver = await startWebhookReceiver()
  t.teardown(() => receiver.close())
  const { app, database } = await testApp(t, 'seeded', { ...FAST_WEBHOOKS, ...env })
  const admin = await adminSession(app)
  const { editor } = await roleKeys(app, admin)
  const { webhook, secret } = await createWebhook(app, admin.headers, {
    url: receiver.url,
    events: ['published', 'archived', 'restored'],
    collections: ['instruments'],
  })
  receiver.useSecret(secret)
  return { receiver, app, database, admin: admin.headers, editor: editor.headers, webhook, secret }
}

t.test('publish, archive and restore each reach the receiver once, signed, and the log shows them', async (t) => {
  const { receiver, app, database, admin, editor, webhook } = await setup(t)
  const sourcesOnly = await createWebhook(app, admin, {
    url: receiver.url,
    events: ['published'],
    collections: ['sources'],
  })
  const etag = await publishNewInstrument(app, editor, 'us-webhook-test-2025')
  await archiveAndRestore(app, editor, 'us-webhook-test-2025', etag)
  await receiver.waitForAccepted(3)

  t.same(
    receiver.accepted.map((e) => [e.type, e.collection, e.entry_id]),
    [
      ['published', 'instruments', 'us-webhook-test-2025'],
      ['archived', 'instruments', 'us-webhook-test-2025'],
      ['restored', 'instruments', 'us-webhook-test-2025'],
    ],
    'each change, in order',
  )
  t.same(receiver.refused, [], 'every request carried a valid signature and a fresh timestamp')
  const first = JSON.parse(receiver.requests[0]!.body)
  t.match(first, { id: String, version: Number, occurred_at: String, url: '/v1/instruments/us-webhook-test-2025' })
  t.equal(receiver.requests[0]!.headers['webhook-id'], first.id, 'Webhook-Id is the event id')

  const log = await settledLog(app, admin, webhook.id)
  t.same(
    log.map((d) => [d.event.type, d.state, d.attempts, d.next_attempt_at, d.log.map((a) => a.status_code)]),
    [
      ['restored', 'delivered', 1, null, [200]],
      ['archived', 'delivered', 1, null, [200]],
      ['published', 'delivered', 1, null, [200]],
    ],
    'the delivery log, newest first: one attempt each, answered 200',
  )
  t.same(await deliveryLog(app, admin, sourcesOnly.webhook.id), [], 'a webhook for another collection is sent nothing')

  // Archiving a draft the public never saw is no public change: no event.
  const events = await countRows(database, 'webhook_events')
  const draft = await app.inject({
    method: 'POST',
    url: '/v1/instruments',
    headers: editor,
    payload: newInstrument('us-webhook-draft-2025'),
  })
  const archived = await app.inject({
    method: 'POST',
    url: '/v1/instruments/us-webhook-draft-2025/archive',
    headers: { ...editor, 'if-match': draft.headers.etag as string },
  })
  t.equal(archived.statusCode, 200, 'a draft is archived')
  t.equal(await countRows(database, 'webhook_events'), events, 'with no event')
})

t.test('a tampered body, a stale timestamp and a replay are refused by the receiver', async (t) => {
  const { receiver, app, editor, secret } = await setup(t)
  await publishNewInstrument(app, editor, 'us-webhook-tamper-2025')
  await receiver.waitForAccepted(1)
  const { headers, body } = receiver.requests[0]!
  t.same(verifyDelivery(secret, headers, body), { ok: true }, 'the delivery as sent verifies')

  const tampered = body.replace('"published"', '"archived"')
  t.not(tampered, body)
  t.same(verifyDelivery(secret, headers, tampered), { ok: false, reason: 'bad-signature' }, 'a changed body does not')
  t.same(verifyDelivery('whsec_another', headers, body), { ok: false, reason: 'bad-signature' }, 'nor another secret')
  const later = Number(headers['webhook-timestamp']) + 6 * 60
  t.same(verifyDelivery(secret, headers, body, later), { ok: false, reason: 'stale-timestamp' }, 'nor six minutes on')

  const resend = (payload: string) =>
    fetch(receiver.url, {
      method: 'POST',
      headers: Object.fromEntries(
        ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type'].map((h) => [h, String(headers[h])]),
      ),
      body: payload,
    })
  t.equal((await resend(tampered)).status, 401, 'the receiver refuses the tampered request')
  t.equal((await resend(body)).status, 200, 'a replay as sent is acknowledged')
  t.same(receiver.replays, [JSON.parse(body).id], 'but recognised by its event id')
  t.equal(receiver.accepted.length, 1, 'and not taken twice')
})

t.test('a receiver that answers 500 is retried with backoff; the log shows both attempts', async (t) => {
  const { receiver, app, admin, editor, webhook } = await setup(t)
  receiver.failNext(500)
  await publishNewInstrument(app, editor, 'us-webhook-retry-2025')
  await receiver.waitForAccepted(1)
  t.same(receiver.answered, [500, 200], 'answered 500, then 200')
  t.equal(receiver.accepted[0]!.attempt, 2, 'the second attempt says so (Webhook-Attempt)')
  t.equal(
    receiver.requests[0]!.headers['webhook-id'],
    receiver.requests[1]!.headers['webhook-id'],
    'a retry carries the same event id',
  )
  const [delivery] = await settledLog(app, admin, webhook.id)
  t.match(delivery, { state: 'delivered', attempts: 2, next_attempt_at: null })
  t.match(delivery!.log, [
    { attempt: 1, status_code: 500, next_attempt_at: String },
    { attempt: 2, status_code: 200, error: null, next_attempt_at: null },
  ])
  const [first, second] = delivery!.log as unknown as { at: string; next_attempt_at: string }[]
  t.ok(Date.parse(second!.at) >= Date.parse(first!.next_attempt_at) - 5, 'the retry waited until it was due')
})

t.test('after the last attempt a delivery is failed, and a refused connection is logged as such', async (t) => {
  const { receiver, app, admin, editor, webhook } = await setup(t)
  receiver.failNext(503, 503, 503)
  await publishNewInstrument(app, editor, 'us-webhook-fails-2025')
  await receiver.waitForAnswers(3)
  const [delivery] = await settledLog(app, admin, webhook.id)
  t.match(delivery, { state: 'failed', attempts: 3, next_attempt_at: null }, 'WEBHOOK_MAX_ATTEMPTS=3, then failed')
  t.same(
    delivery!.log.map((a) => [a.attempt, a.status_code]),
    [
      [1, 503],
      [2, 503],
      [3, 503],
    ],
  )
  t.equal(delivery!.log[2]!.next_attempt_at, null, 'the last attempt schedules none')

  await receiver.close()
  await publishNewInstrument(app, editor, 'us-webhook-no-one-2025')
  for (let i = 0; i < 200; i++) {
    const [latest] = await deliveryLog(app, admin, webhook.id)
    if (latest!.log.length) {
      t.match(latest!.log[0], { status_code: null, error: 'ECONNREFUSED' }, 'no answer: the socket’s error code')
      break
    }
    await new Promise((r) => setTimeout(r, 50))
  }
})

/** A second API on the same database: another process's view of it (its own connections on PostgreSQL). */
const anotherApp = async (t: Teardown, database: TestDatabase, env: Record<string, string> = {}) => {
  const handle = database.url ? await openDatabase({ databaseUrl: database.url, maxConnections: 5 }) : database
  if (database.url) t.teardown(() => handle.close())
  const app = await buildApp(
    loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', ...FAST_WEBHOOKS, ...env }),
    { database: handle },
  )
  await app.ready()
  return app
}

t.test('stopped while deliveries are failing, a restarted app sends each event once', async (t) => {
  // Retried after a second or two: the stop comes first.
  const { receiver, app, database, editor, webhook } = await setup(t, {
    WEBHOOK_BACKOFF_MS: '2000',
    WEBHOOK_MAX_ATTEMPTS: '10',
  })
  receiver.answerAll(503)
  for (const n of [1, 2, 3]) await publishNewInstrument(app, editor, `us-webhook-restart-${n}-2025`)
  await receiver.waitForAnswers(3)
  await app.close() // the stop waits for the attempts under way and records them
  const failedBeforeStop = receiver.answered.length
  t.ok(
    receiver.answered.every((status) => status === 503),
    'every attempt before the stop failed',
  )
  t.same(receiver.accepted, [], 'nothing was taken yet')

  receiver.answerAll(null)
  const restarted = await anotherApp(t, database)
  t.teardown(() => restarted.close())
  await receiver.waitForAccepted(3)
  t.same(
    receiver.accepted.map((e) => e.entry_id).sort(),
    ['us-webhook-restart-1-2025', 'us-webhook-restart-2-2025', 'us-webhook-restart-3-2025'],
    'every event arrived after the restart',
  )
  t.same(receiver.replays, [], 'none twice')
  const admin = (await signIn(restarted, ADMIN.email, ADMIN.password)).headers
  const log = await settledLog(restarted, admin, webhook.id)
  t.same(
    log.map((d) => [d.state, d.log.at(-1)!.status_code]),
    [
      ['delivered', 200],
      ['delivered', 200],
      ['delivered', 200],
    ],
    'each delivered by its last attempt',
  )
  t.equal(
    log.flatMap((d) => d.log).filter((a) => a.status_code === 503).length,
    failedBeforeStop,
    'the log kept every attempt made before the restart',
  )
})

t.test(
  'two API processes on one PostgreSQL database send each event exactly once',
  { skip: SERVER_URL ? false : 'needs PostgreSQL: PGlite is one process’s database' },
  async (t) => {
    const { receiver, app, database, editor } = await setup(t)
    const second = await anotherApp(t, database)
    t.teardown(() => second.close())
    const events = 12
    await Promise.all([
      (async () => {
        for (let n = 0; n < events / 2; n++) await publishNewInstrument(app, editor, `us-webhook-a${n}-2025`)
      })(),
      (async () => {
        for (let n = 0; n < events / 2; n++) await publishNewInstrument(second, editor, `us-webhook-b${n}-2025`)
      })(),
    ])
    await receiver.waitForAccepted(events)
    // Both dispatchers woke on every NOTIFY and polled meanwhile; give a double send time to show.
    await new Promise((r) => setTimeout(r, 500))
    t.equal(receiver.accepted.length, events, 'every event arrived')
    t.same(receiver.replays, [], 'none twice')
    t.equal(receiver.requests.length, events, 'one request per event: nothing was sent twice')
  },
)

t.test('a server that does not allow private hosts never calls one, by address or by name', async (t) => {
  // Registered where private hosts are allowed; sent by a process where they are not.
  const { receiver, app, database, admin, editor, webhook } = await setup(t, { WEBHOOKS_DISPATCH: 'false' })
  const byName = await createWebhook(app, admin, {
    url: receiver.url.replace('127.0.0.1', 'localhost'),
    events: ['published'],
  })
  await publishNewInstrument(app, editor, 'us-webhook-private-2025')
  const strict = await anotherApp(t, database, { WEBHOOKS_ALLOW_PRIVATE_HOSTS: 'false', WEBHOOK_MAX_ATTEMPTS: '1' })
  t.teardown(() => strict.close())
  for (const id of [webhook.id, byName.webhook.id]) {
    const [delivery] = await settledLog(app, admin, id)
    t.match(
      delivery,
      { state: 'failed', log: [{ status_code: null, error: 'EPRIVATEADDRESS' }] },
      'refused before any request',
    )
  }
  t.same(receiver.requests, [], 'the receiver was never called')
})

t.test(
  'with nothing to send, a dispatcher waits for its poll instead of asking the outbox again at once',
  async (t) => {
    const database = await testDatabase(t, 'seeded')
    t.equal(await nextDeliveryDueIn(database.db), null, 'no pending delivery: nothing is due (not "due now")')

    // Counts the statements the dispatcher sends; the database under it is the real one.
    let statements = 0
    const db = new Proxy(database.db, {
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver)
        if (key !== 'execute' && key !== 'transaction') return value
        return (...args: unknown[]) => {
          statements++
          return (value as (...a: unknown[]) => unknown).apply(target, args)
        }
      },
    })
    const settings = loadConfig({ ...FAST_WEBHOOKS, WEBHOOK_POLL_MS: '60000' }).webhooks
    const silent = { warn: () => {} } as unknown as Parameters<typeof startDispatcher>[2]
    const dispatcher = await startDispatcher({ ...database, db }, settings, silent)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await dispatcher.stop()
    // A start looks at the outbox (twice when its LISTEN and its start both wake it) and asks for the
    // next due time; a dispatcher that re-polled at once sent hundreds a second.
    t.ok(statements <= 4, `a few statements in a second, then quiet until the poll (${statements})`)
  },
)

t.test('a failed delivery is due again after its backoff, not before', async (t) => {
  const { receiver, app, database, editor } = await setup(t, {
    WEBHOOK_BACKOFF_MS: '20000',
    WEBHOOK_BACKOFF_MAX_MS: '20000',
  })
  receiver.answerAll(503)
  await publishNewInstrument(app, editor, 'us-webhook-backoff-2025')
  await receiver.waitForAnswers(1)
  await waitUntil(async () => (await nextDeliveryDueIn(database.db)) !== 0)
  const dueIn = await nextDeliveryDueIn(database.db)
  t.ok(dueIn !== null && dueIn > 5000 && dueIn <= 20000, `the retry is due in 10–20 s with jitter (${dueIn} ms)`)
})

/** Polls `check` until it holds (the attempt is recorded just after the receiver answers). */
const waitUntil = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 20))
}
