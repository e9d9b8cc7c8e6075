import { join } from 'node:path'
import t from 'tap'
import { SCREENSHOTS_DIR, browserSkipReason, signedInPage } from '../../../tests/helpers/browser.ts'

const skip = browserSkipReason()
const SECTOR = '/sectors/semiconductors'

t.test(
  'an editor sees what uses a sector, and an archive it would break is refused with links to the citing entries, in English and Chinese',
  { skip },
  async (t) => {
    const { app, address, page } = await signedInPage(t, 'editor')
    const citing = (await app.inject(`/v1${SECTOR}/used-by?limit=200`)).json().data as {
      collection: string
      id: string
      title: { en: string; zh: string }
    }[]
    const before = (await app.inject(`/v1${SECTOR}`)).json()

    await page.goto(`${address}/admin/#${SECTOR}/show/used-by`)
    const rows = page.locator('tr[data-used-by]')
    await rows.first().waitFor({ timeout: 20_000 })
    t.equal(await rows.count(), Math.min(citing.length, 200), 'one row per citing entry')
    const first = citing[0]!
    const row = page.locator(`tr[data-used-by="${first.collection}/${first.id}"]`)
    t.ok(await row.getByRole('link', { name: first.title.en }).isVisible(), 'each named, as a link')
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'sector-used-by.png'), fullPage: true })

    await page.getByRole('button', { name: 'Archive' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Not archived: these published entries cite it').waitFor({ timeout: 20_000 })
    t.ok(
      (await dialog.locator('[data-blocking]').count()) >= Math.min(citing.length, 50),
      'the refusal lists the citing entries',
    )
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'archive-refused.png') })
    t.same((await app.inject(`/v1${SECTOR}`)).json(), before, 'the sector is unchanged')

    await dialog.locator(`[data-blocking="${first.collection}/${first.id}"] a`).first().click()
    await page.waitForURL(new RegExp(`#/${first.collection}/${first.id}/show`), { timeout: 20_000 })
    t.pass('a listed entry opens from the refusal')

    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('menuitem', { name: '中文' }).click()
    await page.goto(`${address}/admin/#${SECTOR}/show/used-by`)
    await page.getByRole('link', { name: first.title.zh }).first().waitFor({ timeout: 20_000 })
    t.ok(await page.getByRole('tab', { name: '被引用' }).isVisible(), 'the tab is named in Chinese')
    t.ok(await page.getByText('引用位置').isVisible(), 'so are the columns')
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'sector-used-by-zh.png'), fullPage: true })
    await page.getByRole('button', { name: '归档' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '归档' }).click()
    await page.getByRole('dialog').getByText('未归档').waitFor({ timeout: 20_000 })
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'archive-refused-zh.png') })
    t.pass('the refusal says so in Chinese')
  },
)
