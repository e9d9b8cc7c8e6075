import { join } from 'node:path'
import t from 'tap'
import { signIn } from '../../../tests/helpers/accounts.ts'
import { SCREENSHOTS_DIR, browserSkipReason, choose, signedInPage, userOf } from '../../../tests/helpers/browser.ts'
import { shots } from './shots.ts'
import { say, toChinese } from './ui.ts'

const skip = browserSkipReason()

t.test(
  'the comparison page shows the paper’s Table 1 from /v1/compare, in English and then in Chinese',
  { skip },
  async (t) => {
    const { app, address, page } = await signedInPage(t, 'viewer')
    await page.goto(`${address}/admin/#/compare`)

    await page.getByLabel('The paper’s table').click()
    await page.getByRole('option', { name: 'Table 1' }).click()
    const cell = (category: string, economy: string) =>
      page.locator(`tr[data-category="${category}"] td[data-economy="${economy}"]`)
    await cell('high_end_capacity', 'us').getByText('CHIPS and Science Act of 2022').waitFor({ timeout: 20_000 })
    const table = (await app.inject('/v1/compare?table=1&economy=us,jp,eu')).json()
    // The table shown before the choice may still be on the page a moment: each cell is read
    // until it holds what the API says, or 10 s have passed.
    const linksIn = async (category: string, economy: string, expected: number) => {
      const links = cell(category, economy).locator('a')
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await page.waitForTimeout(100))
        if ((await links.count()) === expected) break
      return links.count()
    }
    for (const row of table.rows) {
      for (const c of row.cells) {
        t.equal(
          await linksIn(row.category, c.economy_id, c.instruments.length),
          c.instruments.length,
          `${row.category} × ${c.economy_id}: as the API says`,
        )
      }
    }
    t.ok(await cell('high_end_capacity', 'us').getByText('US$52,700,000,000').isVisible(), 'amounts show as money')
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'compare-table-1.png'), fullPage: true })

    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('menuitem', { name: '中文' }).click()
    await cell('high_end_capacity', 'us').getByText('《2022年芯片与科学法案》').waitFor({ timeout: 20_000 })
    t.ok(await page.getByText('经济体对比').first().isVisible(), 'the page title is in Chinese')
    t.ok(await page.getByRole('menuitem', { name: '政策工具' }).isVisible(), 'the menu is in Chinese')
    t.ok(await page.getByText('贸易保护措施').isVisible(), 'the rows are named in Chinese')
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'compare-table-1-zh.png'), fullPage: true })

    await page.reload()
    await page.getByRole('menuitem', { name: '政策工具' }).waitFor({ timeout: 20_000 })
    t.pass('the language choice survives a reload')
    await page.goto(`${address}/admin/#/instruments/us-chips-and-science-act-2022/show`)
    await page.getByText('实施状态').waitFor({ timeout: 20_000 })
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'instrument-show-zh.png'), fullPage: true })
  },
)

t.test(
  'an admin adds a user and an API key in the UI; the key works once and stops when revoked',
  { skip },
  async (t) => {
    const { app, address, page } = await signedInPage(t, 'admin')

    await page.goto(`${address}/admin/#/users/create`)
    await page.locator('[name="email"]').fill('new.curator@example.org')
    await page.locator('[name="display_name"]').fill('New Curator')
    await choose(page, 'role', 'Curator')
    await page.locator('[name="password"]').fill('too short')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText(say('en', 'atlas.validation.min_length', { limit: 12 })).waitFor({ timeout: 10_000 })
    const admin = await signIn(app, userOf('admin').email, userOf('admin').password)
    const emails = async () =>
      (await app.inject({ url: '/v1/users', headers: admin.headers }))
        .json()
        .data.map((u: { email: string }) => u.email)
    t.notOk((await emails()).includes('new.curator@example.org'), 'a rejected form creates nobody')
    await page.locator('[name="password"]').fill('a long enough password')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('new.curator@example.org').waitFor({ timeout: 20_000 })
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'users.png') })
    const session = await signIn(app, 'new.curator@example.org', 'a long enough password')
    t.equal(
      (await app.inject({ url: '/v1/auth/session', headers: session.headers })).json().user.role,
      'curator',
      'the new user signs in as a curator',
    )

    await page.goto(`${address}/admin/#/api-keys/create`)
    await page.locator('[name="name"]').fill('Research dashboard')
    await choose(page, 'role', 'Viewer')
    await page.getByRole('button', { name: 'Save' }).click()
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node: the text as shown
    const secret = (await page.getByTestId('api-key-secret').innerText({ timeout: 20_000 })).trim()
    t.match(secret, /^ca_/, 'the secret is shown once')
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'api-key-created.png') })
    const withKey = () =>
      app.inject({ url: '/v1/instruments?status=draft', headers: { authorization: `Bearer ${secret}` } })
    t.equal((await withKey()).statusCode, 200, 'the key reads drafts')

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: address })
    await page.getByRole('button', { name: 'Copy', exact: true }).click()
    await page.getByText('Copied to the clipboard').waitFor({ timeout: 10_000 })
    t.equal(
      await page.evaluate(() => navigator.clipboard.readText()),
      secret,
      'the copy button puts the secret on the clipboard',
    )
    await page.getByRole('button', { name: 'I have copied it' }).click()
    await page.locator('tr', { hasText: 'Research dashboard' }).getByRole('button', { name: 'Revoke' }).click()
    await page.getByText('Key revoked').waitFor({ timeout: 20_000 })
    t.equal((await withKey()).statusCode, 401, 'a revoked key is refused')
    t.notOk(await page.content().then((html) => html.includes(secret)), 'the list never shows the secret')
  },
)

t.test(
  'the comparison is linkable: the economies, level and table are in the URL, and a reload or a link shows the same table; the UI has a favicon',
  { skip },
  async (t) => {
    const { app, address, page } = await signedInPage(t, 'viewer')
    const links = (economy: string) => page.locator(`td[data-economy="${economy}"] a`)
    const expectTable = async (query: string, what: string) => {
      const table = (await app.inject(`/v1/compare?${query}`)).json()
      const count = (economy: string) =>
        table.rows.reduce(
          (n: number, row: { cells: { economy_id: string; instruments: unknown[] }[] }) =>
            n + row.cells.find((c) => c.economy_id === economy)!.instruments.length,
          0,
        )
      const heads = ['Category', ...table.economies.map((e: { name: { en: string } }) => e.name.en)]
      await page.locator('td[data-economy]').first().waitFor({ timeout: 20_000 })
      // A link followed inside the page (a hash change), or another table picked, shows the table
      // before until the new one comes: wait for the columns and the links the API's table has.
      const want = { heads: heads.join('|'), links: table.economies.map((e: { id: string }) => [e.id, count(e.id)]) }
      await page
        .waitForFunction(
          ({ heads, links }) =>
            [...document.querySelectorAll('thead th')].map((th) => th.textContent?.trim()).join('|') === heads &&
            links.every(
              ([economy, n]: [string, number]) =>
                document.querySelectorAll(`td[data-economy="${economy}"] a`).length === n,
            ),
          want,
          { timeout: 20_000 },
        )
        .catch(() => undefined) // the assertions below say what was shown instead
      t.same(await page.locator('thead th').allInnerTexts(), heads, `${what}: the economies asked for`)
      for (const e of table.economies)
        t.equal(await links(e.id).count(), count(e.id), `${what}: ${e.id} as the API says`)
    }

    await page.goto(`${address}/admin/#/compare`)
    await page.getByLabel('The paper’s table').click()
    await page.getByRole('option', { name: 'Table 2' }).click()
    await page.waitForURL(/#\/compare\?economy=us,jp,eu&table=2&level=regional/)
    await expectTable('economy=us,jp,eu&table=2', 'table 2 picked')
    await page.reload()
    await expectTable('economy=us,jp,eu&table=2', 'after a reload')
    t.equal(await page.getByLabel('The paper’s table').textContent(), 'Table 2', 'the table choice survives the reload')

    await page.goto(`${address}/admin/#/compare?economy=us,jp&level=global`)
    await expectTable('economy=us,jp&level=global', 'a link')
    t.equal(await page.getByLabel('Level').textContent(), 'Global', 'the level from the link')
    await shots(page, 'compare-linked', 'en')
    await toChinese(page)
    await page.getByText('经济体对比').first().waitFor({ timeout: 20_000 })
    await shots(page, 'compare-linked', 'zh')

    const icon = await page.locator('link[rel="icon"]').getAttribute('href')
    const served = await app.inject(icon!)
    t.equal(served.statusCode, 200, 'the favicon is served')
    t.match(served.headers['content-type'], /image\/svg\+xml/, 'as SVG')
  },
)
