import t from 'tap'
import type { Page } from 'playwright-core'
import { browserSkipReason, launchBrowser, serve } from '../../../tests/helpers/browser.ts'
import { audit, blocking, describe, type Violation } from './axe.ts'
import { everyAdminPage, openAs, say, settle, type Lang } from './ui.ts'

const skip = browserSkipReason()

/** Every page of the admin UI, and the network and timeline as tables (their pictures' text alternative). */
const adminPages = async (app: Awaited<ReturnType<typeof serve>>['app']) => [
  ...(await everyAdminPage(app)),
  '/network?view=table',
  '/timeline?view=table',
]

/** Audits the page open now, records its violations under `name`, and prints what it found. */
const check = async (
  t: { comment(message: string): void },
  page: Page,
  name: string,
  found: Map<string, Violation[]>,
) => {
  const violations = await audit(page)
  found.set(name, violations)
  const count = (list: Violation[]) => list.reduce((n, v) => n + v.nodes.length, 0)
  t.comment(`${name}: ${count(blocking(violations))} serious/critical, ${count(violations)} in all`)
  for (const line of describe(blocking(violations))) t.comment(`  ${line}`)
}

/** What failed, per page: every serious or critical violation, with its rule and element. */
const failures = (found: Map<string, Violation[]>) =>
  [...found].flatMap(([name, violations]) => describe(blocking(violations)).map((line) => `${name}: ${line}`))

for (const lang of ['en', 'zh'] as const satisfies Lang[]) {
  t.test(`axe finds no serious or critical WCAG 2.1 AA violation on any admin page (${lang})`, { skip }, async (t) => {
    const { app, address } = await serve(t, ['admin'])
    const found = new Map<string, Violation[]>()

    const signedOut = await (await launchBrowser(t)).newPage()
    await signedOut.setViewportSize({ width: 1280, height: 720 })
    await signedOut.goto(`${address}/admin/#/login`)
    if (lang === 'zh') {
      await signedOut.evaluate(() => localStorage.setItem('RaStore.locale', '"zh"'))
      await signedOut.reload()
    }
    await signedOut.locator('input[name="username"]').waitFor({ timeout: 20_000 })
    await check(t, signedOut, '/login', found)
    const htmlLang = lang === 'zh' ? 'zh-Hans' : 'en'
    t.equal(
      await signedOut.evaluate(() => document.documentElement.lang),
      htmlLang,
      'the sign-in page says its language',
    )

    const page = await openAs(t, address, 'admin', lang)
    for (const path of await adminPages(app)) {
      await page.goto(`${address}/admin/#${path}`)
      await settle(page)
      // The audit log's Refresh is disabled while it loads: measured once enabled, not mid-transition.
      if (path === '/audit-log')
        await page
          .locator('#main-content')
          .getByRole('button', { name: say(lang, 'atlas.audit.refresh') })
          .and(page.locator(':enabled'))
          .waitFor()
      await check(t, page, path, found)
    }
    t.equal(await page.evaluate(() => document.documentElement.lang), htmlLang, 'the document says its language')
    t.same(failures(found), [], `${found.size} pages, no serious or critical violation`)
  })
}

for (const lang of ['en', 'zh'] as const satisfies Lang[]) {
  t.test(
    `the not-found page (${lang}): readable contrast (axe) and its message punctuated once`,
    { skip },
    async (t) => {
      const { address } = await serve(t, ['curator'])
      const page = await openAs(t, address, 'curator', lang)
      await page.goto(`${address}/admin/#/no-such-page`)
      await page.getByRole('heading', { name: say(lang, 'ra.page.not_found') }).waitFor({ timeout: 20_000 })
      await settle(page)
      const message = say(lang, 'ra.message.not_found')
      const main = page.locator('#main-content')
      // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator: the text as shown
      const shown = await main.innerText()
      t.ok(shown.includes(message), 'the message is shown')
      t.notMatch(shown, /[.。][.。]/, 'its final punctuation is not doubled')
      const found = new Map<string, Violation[]>()
      await check(t, page, '/no-such-page', found)
      t.same(failures(found), [], 'no serious or critical violation (the message had 3.17:1)')
      t.ok(await page.getByRole('button', { name: say(lang, 'ra.action.back') }).isVisible(), 'a way back is offered')
    },
  )
}

t.test('axe finds no serious or critical WCAG 2.1 AA violation on the API reference at /docs', { skip }, async (t) => {
  const { address } = await serve(t, [])
  const page = await (await launchBrowser(t)).newPage()
  await page.setViewportSize({ width: 1280, height: 720 })
  const found = new Map<string, Violation[]>()
  const tags = ((await (await fetch(`${address}/docs/json`)).json()) as { tags: unknown[] }).tags.length
  await page.goto(`${address}/docs`)
  const tagHeadings = page.locator('.opblock-tag')
  await tagHeadings.nth(tags - 1).waitFor({ timeout: 30_000 })
  t.equal(await tagHeadings.count(), tags, `every tag of the contract is listed (${tags})`)
  await check(t, page, '/docs', found)
  // A tag opened, then an operation, with its parameters, example answers and "Try it out".
  await page.locator('#operations-tag-instruments').click()
  await page.locator('.opblock-summary').first().click()
  await page.locator('.opblock-body').first().waitFor({ timeout: 10_000 })
  await check(t, page, '/docs (an operation open)', found)
  // Tried out (the reference opens operations ready to try), then the answer: curl, request URL, body.
  await page.locator('.opblock-body .execute').first().click()
  await page.locator('.opblock-body .responses-table.live-responses-table').first().waitFor({ timeout: 10_000 })
  await check(t, page, '/docs (an operation tried out)', found)
  t.same(failures(found), [], 'no serious or critical violation')
})
