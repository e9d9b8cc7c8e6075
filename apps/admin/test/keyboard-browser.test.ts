import t from 'tap'
import type { Page } from 'playwright-core'
import { signIn } from '../../../tests/helpers/accounts.ts'
import { browserSkipReason, launchBrowser, serve, userOf } from '../../../tests/helpers/browser.ts'
import { say, settle, signInWithEnter } from './ui.ts'

const skip = browserSkipReason()
const ID = 'us-chips-and-science-act-2022'

/** Whether the focused element matches `selector` (and, when given, shows `text`). */
const focusedOn = (page: Page, selector: string, text = '') =>
  page.evaluate(
    ([selector, text]) => {
      const element = document.activeElement
      return Boolean(element?.matches(selector) && (element.textContent ?? '').includes(text))
    },
    [selector, text] as const,
  )

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element matches, as a keyboard user moves
 * through the page; fails after `max` presses.
 */
const tabTo = async (page: Page, selector: string, { text = '', back = false, max = 250 } = {}) => {
  for (let presses = 0; presses < max; presses++) {
    if (await focusedOn(page, selector, text)) return presses
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`${selector} ${text} not reached in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`)
}

/** Whether the focused element draws a focus indicator: an outline or a box shadow. */
const focusShows = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!)
    return (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
  })

t.test(
  'with the keyboard alone an editor signs in, finds an instrument, edits its title and saves it; focus always shows',
  { skip },
  async (t) => {
    const { app, address } = await serve(t, ['editor'])
    const page = await (await launchBrowser(t)).newPage()
    await page.setViewportSize({ width: 1280, height: 720 })
    const { email, password } = userOf('editor')

    await page.goto(`${address}/admin/#/login`)
    await page.locator('input[name="username"]').waitFor({ timeout: 20_000 })
    await tabTo(page, 'input[name="username"]')
    t.ok(await focusShows(page), 'the email input shows its focus')
    await page.keyboard.type(email)
    await tabTo(page, 'input[name="password"]')
    await page.keyboard.type(password)
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => !url.hash.includes('login'), { timeout: 20_000 })

    await tabTo(page, 'a[href="#/instruments"]')
    t.ok(await focusShows(page), 'the menu item shows its focus')
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.hash.startsWith('#/instruments'), { timeout: 20_000 })
    await settle(page)
    await tabTo(page, 'input[name="q"]')
    await page.keyboard.type('CHIPS and Science')
    const record = `a[href="#/instruments/${ID}/show"]`
    await page.locator(record).waitFor({ timeout: 20_000 })
    await settle(page)
    await tabTo(page, record)
    t.ok(await focusShows(page), 'the entry’s link in the list shows its focus')
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.hash === `#/instruments/${ID}/show`, { timeout: 20_000 })
    await settle(page)

    await tabTo(page, `a[href="#/instruments/${ID}"]`)
    t.ok(await focusShows(page), 'Edit shows its focus')
    await page.keyboard.press('Enter')
    await page.locator('input[name="title.en"]').waitFor({ timeout: 20_000 })
    await settle(page)
    await tabTo(page, 'input[name="title.en"]')
    t.ok(await focusShows(page), 'the title input shows its focus')
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('CHIPS and Science Act, edited by keyboard')
    const presses = await tabTo(page, 'button[type="submit"]')
    t.comment(`Save reached from the title in ${presses} presses of Tab`)
    t.ok(await focusShows(page), 'Save shows its focus')
    const saved = page.waitForResponse(
      (r) => r.url().includes(`/v1/instruments/${ID}`) && r.request().method() !== 'GET',
    )
    await page.keyboard.press('Enter')
    t.equal((await saved).status(), 200, 'the edit is sent')
    await page.waitForURL((url) => url.hash === `#/instruments/${ID}/show`, { timeout: 20_000 })

    const editor = await signIn(app, email, password)
    const draft = (await app.inject({ url: `/v1/instruments/${ID}/draft`, headers: editor.headers })).json()
    t.equal(draft.title.en, 'CHIPS and Science Act, edited by keyboard', 'the API has the new title (in the draft)')
  },
)

t.test(
  'a dialog opens from the keyboard, keeps focus inside, closes with Escape and gives focus back',
  { skip },
  async (t) => {
    const { address } = await serve(t, ['editor'])
    const page = await (await launchBrowser(t)).newPage()
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.goto(`${address}/admin/#/login`)
    await signInWithEnter(page, 'editor')
    await page.goto(`${address}/admin/#/instruments/${ID}/show`)
    await settle(page)

    const archive = say('en', 'atlas.workflow.archive')
    await tabTo(page, 'button', { text: archive })
    t.ok(await focusShows(page), 'the workflow button shows its focus')
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor({ timeout: 10_000 })
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab')
      t.ok(
        await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]'))),
        'focus stays in the dialog',
      )
      t.ok(await focusShows(page), 'and shows')
    }
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached', timeout: 10_000 })
    t.ok(await focusedOn(page, 'button', archive), 'Escape closes it and focus is back on the button that opened it')
  },
)

t.test(
  'after a workflow action from the keyboard, focus lands on the entry’s new state, not on the page',
  { skip },
  async (t) => {
    const { app, address } = await serve(t, ['editor'])
    const editor = await signIn(app, userOf('editor').email, userOf('editor').password)
    const source = {
      id: 'test-2026-focus-draft',
      kind: 'report',
      title: { en: 'A draft report', zh: '一份草稿报告' },
      language: 'en',
    }
    t.equal(
      (await app.inject({ method: 'POST', url: '/v1/sources', headers: editor.headers, payload: source })).statusCode,
      201,
      'a draft to act on',
    )
    const page = await (await launchBrowser(t)).newPage()
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.goto(`${address}/admin/#/login`)
    await signInWithEnter(page, 'editor')
    await page.goto(`${address}/admin/#/sources/${source.id}/show`)
    await page.locator('[data-status="draft"]').waitFor({ timeout: 20_000 })
    await settle(page)

    /** A workflow action with the keyboard: its button, then the dialog's; `shown` is where the new state shows. */
    const actAndCheck = async (action: 'submit' | 'publish', shown: string, status: string) => {
      const label = say('en', `atlas.workflow.${action}`)
      await tabTo(page, 'button', { text: label })
      await page.keyboard.press('Enter')
      const dialog = page.getByRole('dialog')
      await dialog.waitFor({ timeout: 10_000 })
      await tabTo(page, '[role="dialog"] button', { text: label })
      await page.keyboard.press('Enter')
      await dialog.waitFor({ state: 'detached', timeout: 20_000 })
      await page.locator(`[${shown}="${status}"]`).waitFor({ timeout: 20_000 })
      await settle(page)
      t.notOk(
        await page.getByRole('button', { name: label, exact: true }).isVisible(),
        `${label}: its button is gone once done`,
      )
      const focused = await page.evaluate(
        (shown) => ({
          tag: document.activeElement?.tagName ?? '',
          status: document.activeElement?.getAttribute(shown) ?? '',
          text: document.activeElement?.textContent ?? '',
        }),
        shown,
      )
      t.not(focused.tag, 'BODY', `${label}: focus is not dropped on the page`)
      t.same(
        { status: focused.status, text: focused.text },
        { status, text: say('en', `atlas.values.${status}`) },
        `${label}: focus is on the new state (${shown})`,
      )
      // From there the keyboard goes on from the entry, not from the top of the page.
      await page.keyboard.press('Shift+Tab')
      t.ok(
        await page.evaluate(() => Boolean(document.activeElement?.closest('#main-content'))),
        `${label}: and Shift+Tab moves on from it, within the page’s content`,
      )
    }
    await actAndCheck('submit', 'data-status', 'in_review')
    await actAndCheck('publish', 'data-status', 'published')

    // A working copy of the published entry: its state shows in the banner, until it is published.
    const published = (await app.inject(`/v1/sources/${source.id}`)).json()
    const patched = await app.inject({
      method: 'PATCH',
      url: `/v1/sources/${source.id}`,
      headers: {
        ...editor.headers,
        'if-match': `"v${published.version}"`,
        'content-type': 'application/merge-patch+json',
      },
      payload: { title: { ...published.title, en: 'A report, retitled' } },
    })
    t.equal(patched.statusCode, 200, 'a working copy')
    await page.reload()
    await page.locator('[data-working-status="draft"]').waitFor({ timeout: 20_000 })
    await settle(page)
    await actAndCheck('submit', 'data-working-status', 'in_review')
    await actAndCheck('publish', 'data-status', 'published')
    t.equal(await page.locator('[data-working-copy]').count(), 0, 'the working copy is published: no banner left')
  },
)
