import t from 'tap'
import { buildApp } from '@chain-atlas/api'
import { loadConfig } from '../../../apps/api/src/config.ts'
import { adminSession, roleKeys } from '../../helpers/accounts.ts'
import { SERVER_URL, testDatabase } from '../../helpers/database.ts'
import { exited, startServer, waitReady } from '../../helpers/processes.ts'
import { startWebhookReceiver } from '../../helpers/webhook-receiver.ts'
import { FAST_WEBHOOKS, createWebhook, publishNewInstrument, settledLog } from '../../helpers/webhooks.ts'

// Several processes share one PostgreSQL database: the PostgreSQL suite runs this; PGlite is one process's.
const skip = SERVER_URL ? false : 'needs PostgreSQL: PGlite is one process’s database'

t.test(
  'two API server processes send each event exactly once, one of them stopped and started again meanwhile',
  { skip },
  async (t) => {
    const database = await testDatabase(t, 'seeded')
    const receiver = await startWebhookReceiver()
    t.teardown(() => receiver.close())
    // Changes are made through an API in this process that sends nothing: the two servers do the sending.
    const writer = await buildApp(
      loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', ...FAST_WEBHOOKS, WEBHOOKS_DISPATCH: 'false' }),
      { database },
    )
    t.teardown(() => writer.close())
    await writer.ready()
    const admin = await adminSession(writer)
    const { editor } = await roleKeys(writer, admin)
    const { webhook, secret } = await createWebhook(writer, admin.headers, { url: receiver.url, events: ['published'] })
    receiver.useSecret(secret)

    const env = { ...FAST_WEBHOOKS, DATABASE_URL: database.url! }
    const servers = [await startServer(t, env), await startServer(t, env)]
    for (const s of servers) t.ok(await waitReady(`${s.base}/readyz`, Date.now() + 60_000), `server on ${s.port} ready`)

    const publish = async (from: number, to: number) => {
      for (let n = from; n < to; n++) await publishNewInstrument(writer, editor.headers, `us-webhook-p${n}-2025`)
    }
    await publish(0, 8)
    await receiver.waitForAccepted(4)
    servers[0]!.child.kill('SIGTERM') // a graceful stop: the attempts under way are finished and recorded
    t.equal(await exited(servers[0]!.child), 0, 'the first server stopped cleanly')
    await publish(8, 12)
    const restarted = await startServer(t, env, servers[0]!.port)
    t.ok(await waitReady(`${restarted.base}/readyz`, Date.now() + 60_000), 'and started again')
    await publish(12, 16)

    await receiver.waitForAccepted(16)
    const log = await settledLog(writer, admin.headers, webhook.id)
    t.equal(log.length, 16, 'sixteen deliveries')
    t.ok(
      log.every((d) => d.state === 'delivered' && d.attempts === 1),
      'each delivered at its first attempt',
    )
    t.same(receiver.replays, [], 'no event arrived twice')
    t.equal(receiver.requests.length, 16, 'one request per event')
    t.same(receiver.refused, [], 'every one signed')
  },
)
