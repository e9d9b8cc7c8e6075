import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { WebhookSettings } from '../../config.ts'
import { startDispatcher } from '../../webhooks/dispatcher.ts'

/**
 * Every API process sends webhook deliveries from the outbox (unless WEBHOOKS_DISPATCH=false): they
 * claim rows with SKIP LOCKED, so several processes never send one twice. Started once the app is
 * ready, stopped on close before the database is (the deliveries under way are finished and recorded).
 */
const webhooks = async (app: FastifyInstance, { settings }: { settings: WebhookSettings }) => {
  if (!settings.dispatch) return
  let dispatcher: Awaited<ReturnType<typeof startDispatcher>> | undefined
  app.addHook('onReady', async () => {
    dispatcher = await startDispatcher(app.database, settings, app.log)
  })
  app.addHook('onClose', async () => {
    await dispatcher?.stop()
  })
}

export default fp(webhooks, { name: 'webhooks', dependencies: ['database'] })
