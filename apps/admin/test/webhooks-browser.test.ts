import t from 'tap'
import { roleKeys, signIn } from '../../../tests/helpers/accounts.ts'
import { browserSkipReason, launchBrowser, serve, signInThroughUi, userOf } from '../../../tests/helpers/browser.ts'
import { startWebhookReceiver } from '../../../tests/helpers/webhook-receiver.ts'
import { FAST_WEBHOOKS, publishNewInstrument } from '../../../tests/helpers/webhooks.ts'
import { shots } from './shots.ts'
import { say, settle, toChinese } from './ui.ts'

const skip = browserSkipReason()

for (const lang of ['en', 'zh'] as const) {
  t.test(
    `webhooks (${lang}): an admin registers one, copies its secret once, and reads the delivery log`,
    { skip },
    async (t) => {
      const receiver = await startWebhookReceiver()
      t.teardown(() => receiver.close())
      const { app, address } = await serve(t, ['admin'], FAST_WEBHOOKS)
      const page = await (await launchBrowser(t)).newPage()
      await page.setViewportSize({ width: 1280, height: 720 })
      await signInThroughUi(page, address, userOf('admin'))
      if (lang === 'zh') await toChinese(page)

      await page.getByRole('menuitem', { name: say(lang, 'resources.webhooks.name') }).click()
      await page.getByRole('link', { name: say(lang, 'ra.action.create') }).click()
      await page.getByLabel(say(lang, 'atlas.webhooks.url')).fill(receiver.url)
      await page.getByLabel(say(lang, 'atlas.webhooks.description')).fill('Mirror')
      await page.getByRole('button', { name: say(lang, 'ra.action.save') }).click()

      const secretText = page.getByTestId('webhook-secret')
      await secretText.waitFor({ timeout: 20_000 })
      const secret = (await secretText.textContent()) ?? ''
      t.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/, 'the secret is shown')
      t.ok(
        await page.getByRole('button', { name: say(lang, 'atlas.api_keys.copy'), exact: true }).isVisible(),
        'with a copy button',
      )
      receiver.useSecret(secret)
      await page.getByRole('button', { name: say(lang, 'atlas.api_keys.close') }).click()
      await page.getByText(say(lang, 'atlas.webhooks.deliveries')).waitFor({ timeout: 20_000 })
      t.notOk((await page.content()).includes(secret), 'once closed, the secret is nowhere on the page')

      const admin = await signIn(app, userOf('admin').email, userOf('admin').password)
      const { editor } = await roleKeys(app, admin)
      await publishNewInstrument(app, editor.headers, `us-webhook-ui-${lang}-2025`)
      await receiver.waitForAccepted(1)
      t.same(receiver.refused, [], 'the receiver verified the delivery with the secret the page showed')

      const log = page.getByTestId('webhook-deliveries')
      for (let i = 0; i < 50 && !(await log.isVisible()); i++) {
        await page
          .getByTestId('webhook-delivery-log')
          .getByRole('button', { name: say(lang, 'atlas.audit.refresh') })
          .click()
        await settle(page)
      }
      const row = (await log.locator('tbody tr').first().textContent()) ?? ''
      t.match(row, say(lang, 'atlas.webhooks.events.published'), 'the event, named in the UI language')
      t.match(row, `instruments/us-webhook-ui-${lang}-2025`, 'the entry')
      t.match(row, /200/, 'the receiver’s answer')
      await shots(page, 'webhooks', lang)

      await page.goto(`${address}/admin/#/webhooks`)
      await page.getByText(receiver.url).waitFor({ timeout: 20_000 })
      t.ok(await page.getByText('Mirror').isVisible(), 'the list shows the webhook')
    },
  )
}
