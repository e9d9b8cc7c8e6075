import t from 'tap'
import type { Page } from 'playwright-core'
import { join } from 'node:path'
import { SCREENSHOTS_DIR, browserSkipReason, serve } from '../../../tests/helpers/browser.ts'
import { openAs, say, settle } from './ui.ts'

const skip = browserSkipReason()
const ID = 'us-chips-and-science-act-2022'

/** A 1280×720 window at 200% zoom: 640×360 CSS pixels. */
const ZOOMED = { width: 640, height: 360 }

/** How far the page scrolls sideways (0 when it fits). */
const sideways = (page: Page) =>
  page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth)

/** The outermost elements reaching past the window's right edge: what makes the page scroll sideways. */
const stickingOut = (page: Page) =>
  page.evaluate((width) => {
    const past = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 1)
    return past
      .filter((e) => !past.includes(e.parentElement!))
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 3).join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`,
      )
  }, ZOOMED.width)

/** Whether an element lies wholly inside the window as it is. */
const inView = async (locator: ReturnType<Page['locator']>) => {
  const box = await locator.boundingBox({ timeout: 10_000 })
  return Boolean(
    box && box.x >= 0 && box.y >= 0 && box.x + box.width <= ZOOMED.width && box.y + box.height <= ZOOMED.height,
  )
}

for (const lang of ['en', 'zh'] as const) {
  t.test(
    `at 200% zoom the list, record and edit pages fit the width and Save stays in reach (${lang})`,
    { skip },
    async (t) => {
      const { address } = await serve(t, ['editor'])
      const page = await openAs(t, address, 'editor', lang)
      await page.setViewportSize(ZOOMED)
      for (const path of ['/instruments', `/instruments/${ID}/show`, `/instruments/${ID}`]) {
        await page.goto(`${address}/admin/#${path}`)
        await settle(page)
        t.equal(await sideways(page), 0, `${path}: no sideways scrolling`, { sticking_out: await stickingOut(page) })
        const name = path.endsWith('/show') ? 'record' : path === '/instruments' ? 'list' : 'edit'
        await page.screenshot({ path: join(SCREENSHOTS_DIR, `zoom-200-${name}-${lang}.png`) })
      }
      const save = page.getByRole('button', { name: say(lang, 'ra.action.save') })
      t.ok(await inView(save), 'Save is in view at the top of the form')
      await page.locator('input[name="title.en"]').fill('A title edited at 200%')
      await page.mouse.wheel(0, 5000)
      t.ok(await inView(save), 'and after scrolling down the form')
      t.equal(await sideways(page), 0, 'still no sideways scrolling')
    },
  )
}
