import { join } from 'node:path'
import t from 'tap'
import { testApp } from './helpers/app.ts'
import { ADMIN } from './helpers/accounts.ts'
import { SCREENSHOTS_DIR, browserSkipReason, launchBrowser } from './helpers/browser.ts'
import { createUser } from '../apps/api/src/routes/admin.ts'

t.test('a curator signs in to the admin UI and browses the instruments', { skip: browserSkipReason() }, async (t) => {
  const { app } = await testApp(t)
  await createUser(app, { ...ADMIN, display_name: 'Admin', role: 'admin' }, null)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const browser = await launchBrowser(t)
  const page = await browser.newPage()

  await page.goto(`${address}/admin/`)
  await page.locator('input[name="username"]').fill(ADMIN.email)
  await page.locator('input[name="password"]').fill(ADMIN.password)
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'login.png') })
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.hash.includes('login'), { timeout: 20_000 })
  t.notOk(await page.getByText('Sign in or send an API key').isVisible(), 'no error once signed in')

  await page.goto(`${address}/admin/#/instruments`)
  await page.getByText('eu-chips-act-2023').first().waitFor({ timeout: 20_000 })
  t.ok(await page.getByText('European Chips Act').first().isVisible(), 'the list shows the instruments with their titles')
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'instruments-list.png') })

  await page.getByPlaceholder('Search').fill('芯片')
  await page.getByText('us-chips-and-science-act-2022').first().waitFor({ timeout: 20_000 })
  t.notOk(await page.getByText('eu-critical-raw-materials-act-2024').isVisible(), 'a search in Chinese narrows the list')
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'instruments-search.png') })

  await page.goto(`${address}/admin/#/instruments/us-chips-and-science-act-2022/show`)
  await page.getByText('52700000000').first().waitFor({ timeout: 20_000 })
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'instrument-show.png'), fullPage: true })
  t.pass('the show page shows the appropriation')
})
