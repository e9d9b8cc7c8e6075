import t from 'tap'
import type { Page } from 'playwright-core'
import { browserSkipReason, serve } from '../../../tests/helpers/browser.ts'
import { shots } from './shots.ts'
import { everyAdminPage, openAs, say, settle } from './ui.ts'

/** What the test reads of an economy from the API. */
type EconomyRow = { id: string; name: { en: string; zh: string } }

const skip = browserSkipReason()
const ID = 'us-chips-and-science-act-2022'

/** How far the page scrolls sideways (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

/** Whether an element lies wholly inside the viewport, as it is (no scrolling). */
const inViewport = async (page: Page, selector: ReturnType<Page['locator']>) => {
  const box = await selector.boundingBox({ timeout: 5000 }).catch(() => null)
  const size = page.viewportSize()!
  return Boolean(
    box && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height,
  )
}

for (const lang of ['en', 'zh'] as const) {
  t.test(`at 1280×720 no page scrolls sideways (${lang})`, { skip }, async (t) => {
    const { app, address } = await serve(t, ['admin', 'curator'])
    const page = await openAs(t, address, 'admin', lang)
    const pages = await everyAdminPage(app)
    const wide: string[] = []
    for (const path of pages) {
      await page.goto(`${address}/admin/#${path}`)
      await settle(page)
      const by = await overflow(page)
      if (by > 0) wide.push(`${path} (${by} px too wide)`)
    }
    t.same(wide, [], `${pages.length} pages, none wider than the window`)
  })

  t.test(
    `the instruments list fits a laptop: chosen columns, no long wrapping, bulk actions in view (${lang})`,
    { skip },
    async (t) => {
      const { address } = await serve(t, ['editor'])
      const page = await openAs(t, address, 'editor', lang)
      await page.goto(`${address}/admin/#/instruments`)
      await page.locator('.RaDatagrid-table tbody tr').first().waitFor({ timeout: 20_000 })
      await settle(page)
      t.equal(await overflow(page), 0, 'the page does not scroll sideways')
      const grid = page.locator('.RaDatagrid-tableWrapper').first()
      t.ok(
        await grid.evaluate((el) => el.scrollWidth <= el.clientWidth),
        'the table fits its place: no column hidden off to the right',
      )
      for (const action of ['ra.action.export', 'ra.action.create', 'ra.action.select_columns', 'ra.action.add_filter'])
        t.ok(
          await inViewport(
            page,
            page.getByRole(action === 'ra.action.create' ? 'link' : 'button', { name: say(lang, action) }).first(),
          ),
          `${action}: in view`,
        )
      const headers = (await page.locator('.RaDatagrid-table thead th').allInnerTexts())
        .map((s) => s.trim())
        .filter(Boolean)
      const expected = ['title', 'economy_id', 'kind', 'level', 'category', 'year', 'status', 'updated_at']
      t.same(
        headers,
        expected.map((name) => say(lang, `atlas.fields.${name}`)),
        'the default columns, headed in the UI language',
      )
      // The economy column names each economy in the UI language, never by its id.
      const names = new Map(
        ((await (await fetch(`${address}/v1/economies?limit=100`)).json()) as { data: EconomyRow[] }).data.map((e) => [
          e.id,
          e.name[lang],
        ]),
      )
      const economyCells = await page
        .locator(`.RaDatagrid-table tbody tr td:nth-child(${expected.indexOf('economy_id') + 2})`)
        .allInnerTexts()
      t.ok(economyCells.length > 0, 'the list has rows')
      t.same(
        economyCells.filter((text) => names.has(text.trim()) || ![...names.values()].includes(text.trim())),
        [],
        `every economy by its name (${economyCells[0]?.trim()})`,
      )
      // A category is one line (or two): rows are at most the two-line title tall.
      const rows = await page
        .locator('.RaDatagrid-table tbody tr')
        .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).getBoundingClientRect().height))
      t.ok(Math.max(...rows) <= 90, `rows stay short (tallest ${Math.round(Math.max(...rows))} px)`)
      await shots(page, 'layout-instruments', lang)

      // The column chooser: a column left out by default is added, one shown is taken away.
      await page.getByRole('button', { name: say(lang, 'ra.action.select_columns') }).click()
      const chooser = page.locator('[role="menu"], .MuiPopover-paper').last()
      const lifecycle = say(lang, 'atlas.fields.lifecycle')
      const version = say(lang, 'atlas.fields.version')
      const header = page.locator('.RaDatagrid-table thead')
      t.notOk(await header.getByText(lifecycle, { exact: true }).isVisible(), 'lifecycle is not shown by default')
      await chooser.getByText(lifecycle, { exact: true }).click()
      await header.getByText(lifecycle, { exact: true }).waitFor({ timeout: 10_000 })
      t.pass('the chooser adds a column')
      await shots(page, 'layout-columns', lang)
      await page.keyboard.press('Escape')
      await page.reload()
      await header.getByText(lifecycle, { exact: true }).waitFor({ timeout: 20_000 })
      t.pass('the choice is kept over a reload')
      await page.getByRole('button', { name: say(lang, 'ra.action.select_columns') }).click()
      await chooser.getByText(lifecycle, { exact: true }).click()
      await header.getByText(lifecycle, { exact: true }).waitFor({ state: 'detached', timeout: 10_000 })
      t.notOk(await header.getByText(version, { exact: true }).isVisible(), 'version is left to the record page')
      await page.keyboard.press('Escape')

      // Bulk actions: all of them in view once rows are selected.
      await page.locator('.RaDatagrid-table thead input[type="checkbox"]').first().check()
      const bulk = page.locator('.RaBulkActionsToolbar-toolbar, [data-test="bulk-actions-toolbar"]').first()
      await bulk.waitFor({ timeout: 10_000 })
      const buttons = bulk.getByRole('button')
      await bulk.getByRole('button', { name: say(lang, 'atlas.workflow.archive') }).waitFor({ timeout: 10_000 })
      t.pass('the workflow’s bulk action is offered (archive, for published entries)')
      for (const button of await buttons.all()) {
        // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator: the label as shown
        const name = (await button.innerText()).trim() || (await button.getAttribute('aria-label'))
        t.ok(await inViewport(page, button), `bulk action "${name}" in view`)
      }
      t.equal(await overflow(page), 0, 'still no sideways scroll with the selection')
      await page.mouse.wheel(0, 1200)
      await page.waitForTimeout(500)
      t.ok(await page.evaluate(() => window.scrollY > 600), 'scrolled down the selection')
      for (const button of await buttons.all()) t.ok(await inViewport(page, button), 'the bulk actions stay in view')
      await shots(page, 'layout-bulk', lang)
    },
  )

  t.test(`a long form keeps Save in view: a sticky toolbar (${lang})`, { skip }, async (t) => {
    const { address } = await serve(t, ['curator'])
    const page = await openAs(t, address, 'curator', lang)
    await page.goto(`${address}/admin/#/instruments/${ID}`)
    await page.locator('input[name="title.en"]').waitFor({ timeout: 20_000 })
    await settle(page)
    const save = page.getByRole('button', { name: say(lang, 'ra.action.save') })
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    t.ok(height > 720 * 2, `the form is long (${height} px)`)
    t.ok(await inViewport(page, save), 'Save is in view on opening, without scrolling to the bottom')
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2))
    t.ok(await inViewport(page, save), 'and halfway down')
    t.equal(await overflow(page), 0, 'the form does not scroll sideways')
    await page.locator('input[name="title.en"]').fill('A changed title')
    await save.click()
    await page.waitForURL((u) => u.hash.endsWith('/show'), { timeout: 20_000 })
    t.pass('the sticky Save saves')
    await page.goto(`${address}/admin/#/instruments/create`)
    await page.locator('input[name="id"]').waitFor({ timeout: 20_000 })
    t.ok(await inViewport(page, save), 'Save is in view on the create form too')
    await page.goto(`${address}/admin/#/instruments/${ID}`)
    await page.locator('input[name="title.en"]').waitFor({ timeout: 20_000 })
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 3))
    await shots(page, 'layout-sticky-save', lang)
  })
}
