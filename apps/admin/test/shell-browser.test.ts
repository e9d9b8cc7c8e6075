import { join } from 'node:path'
import t from 'tap'
import { sql } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { signIn } from '../../../tests/helpers/accounts.ts'
import {
  SCREENSHOTS_DIR,
  browserSkipReason,
  launchBrowser,
  serve,
  signInThroughUi,
  userOf,
} from '../../../tests/helpers/browser.ts'
import { shots } from './shots.ts'
import { act, openAs, say, settle, showColumn, signInWithEnter } from './ui.ts'

/** Whether the sign-in page says the session expired (within 5 s). */
const saysExpired = (page: Page, lang: 'en' | 'zh') =>
  page
    .getByText(say(lang, 'atlas.login.expired'))
    .waitFor({ timeout: 5000 })
    .then(
      () => true,
      () => false,
    )

t.test(
  'a first visit is in the browser’s language: the sign-in page says what it is, asks for an email, and switches language',
  { skip: browserSkipReason() },
  async (t) => {
    const { address } = await serve(t, [])
    for (const [locale, lang, name, label, other, otherLabel, tab, otherTab] of [
      ['zh-CN', 'zh-Hans', '中文', '电子邮箱', 'English', 'Email', /编辑后台/, /Curators/],
      ['en-US', 'en', 'English', 'Email', '中文', '电子邮箱', /Curators/, /编辑后台/],
    ] as const) {
      const page = await (await launchBrowser(t, { locale })).newPage()
      await page.setViewportSize({ width: 1280, height: 720 })
      await page.goto(`${address}/admin/`)
      const email = page.locator('input[name="username"]')
      await email.waitFor({ timeout: 20_000 })
      t.equal(await page.evaluate(() => document.documentElement.lang), lang, `${locale}: the document is in ${lang}`)
      t.ok(await page.getByRole('heading', { name: /Chain Atlas/ }).isVisible(), `${locale}: it says what it is`)
      t.match(await page.title(), tab, `${locale}: so does the browser tab`)
      t.ok(await page.getByLabel(label).isVisible(), `${locale}: the form asks for an email (${label})`)
      // With the keyboard alone: from the email field to the language switch, then the other language.
      await email.focus()
      const languageButton = page.getByRole('button', { name })
      for (let i = 0; i < 6 && !(await languageButton.evaluate((el) => el === document.activeElement)); i++)
        await page.keyboard.press('Tab')
      t.ok(await languageButton.evaluate((el) => el === document.activeElement), `${locale}: Tab reaches the switch`)
      await page.keyboard.press('Enter')
      await page.getByRole('menuitem', { name: other }).press('Enter')
      await page.getByLabel(otherLabel).waitFor({ timeout: 5000 })
      t.pass(`${locale}: switched to ${other} before signing in`)
      t.match(await page.title(), otherTab, `${locale}: the tab's title switched too`)
      await page.close()
    }
  },
)

for (const [lang, locale] of [
  ['en', 'en-US'],
  ['zh', 'zh-CN'],
] as const)
  t.test(
    `the sign-in form marks an email that is none at its field, sending nothing, and says a refusal in the page's language (${lang})`,
    { skip: browserSkipReason() },
    async (t) => {
      const { address } = await serve(t, ['editor'])
      const page = await (await launchBrowser(t, { locale })).newPage()
      await page.setViewportSize({ width: 1280, height: 720 })
      const sent: string[] = []
      page.on('request', (r) => r.url().endsWith('/v1/auth/login') && sent.push(r.url()))
      await page.goto(`${address}/admin/`)
      const email = page.locator('input[name="username"]')
      await email.waitFor({ timeout: 20_000 })

      await email.fill('not-an-email')
      await page.locator('input[name="password"]').fill('some password')
      await page.keyboard.press('Enter')
      await page.getByText(say(lang, 'ra.validation.email')).waitFor({ timeout: 5000 })
      t.equal(await email.getAttribute('aria-invalid'), 'true', 'the email field is marked')
      t.same(sent, [], 'nothing is sent')

      await email.fill(userOf('editor').email)
      await page.locator('input[name="password"]').fill('not the password at all')
      await page.keyboard.press('Enter')
      await page.getByText(say(lang, 'atlas.login.refused')).waitFor({ timeout: 10_000 })
      t.equal(sent.length, 1, 'a wrong password is sent once')
      t.pass('a wrong password is said in the page’s language')
      t.match(page.url(), /#\/login/, 'and the form stays')
    },
  )

t.test('a curator signs in to the admin UI and browses the instruments', { skip: browserSkipReason() }, async (t) => {
  const { address } = await serve(t, ['admin'])
  const browser = await launchBrowser(t)
  const page = await browser.newPage()

  await page.goto(`${address}/admin/`)
  await page.locator('input[name="username"]').waitFor({ timeout: 20_000 })
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'login.png') })
  await signInThroughUi(page, address, userOf('admin'))
  t.notOk(await page.getByText('Sign in or send an API key').isVisible(), 'no error once signed in')

  await page.goto(`${address}/admin/#/instruments`)
  await showColumn(page, 'Id')
  await page.getByText('eu-chips-act-2023').first().waitFor({ timeout: 20_000 })
  t.ok(
    await page.getByText('European Chips Act').first().isVisible(),
    'the list shows the instruments with their titles',
  )
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'instruments-list.png') })

  await page.getByPlaceholder('Search').fill('芯片')
  await page.getByText('us-chips-and-science-act-2022').first().waitFor({ timeout: 20_000 })
  t.notOk(
    await page.getByText('eu-critical-raw-materials-act-2024').isVisible(),
    'a search in Chinese narrows the list',
  )
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'instruments-search.png') })

  await page.goto(`${address}/admin/#/instruments/us-chips-and-science-act-2022/show`)
  await page.getByText('US$52,700,000,000 · Appropriation').first().waitFor({ timeout: 20_000 })
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'instrument-show.png'), fullPage: true })
  t.ok(
    await page.getByText('Semiconductors').first().isVisible(),
    'references show by name (the sector embedded with include)',
  )
})

t.test(
  'an edit in the UI goes to the working copy while the public API keeps the published version; a conflicting edit gets the conflict message and loses nothing',
  { skip: browserSkipReason() },
  async (t) => {
    const { app, address } = await serve(t, ['admin'])
    const browser = await launchBrowser(t)
    const first = await browser.newPage()
    await signInThroughUi(first, address, userOf('admin'))

    const published = (await app.inject('/v1/instruments/us-chips-and-science-act-2022')).json()
    const editUrl = `${address}/admin/#/instruments/us-chips-and-science-act-2022`
    const second = await browser.newPage() // a second tab opened on the same version, for the conflict
    await first.goto(editUrl)
    await second.goto(editUrl)
    const titleOf = (page: typeof first) => page.locator('input[name="title.en"]')
    await titleOf(first).waitFor({ timeout: 20_000 })
    await titleOf(second).waitFor({ timeout: 20_000 })

    await titleOf(first).fill('CHIPS and Science Act of 2022 (edited in the UI)')
    await first.screenshot({ path: join(SCREENSHOTS_DIR, 'instrument-edit.png'), fullPage: true })
    await first.getByRole('button', { name: 'Save' }).click()
    await first.waitForURL((url) => !url.hash.endsWith('us-chips-and-science-act-2022'), { timeout: 20_000 })
    const session = await signIn(app, userOf('admin').email, userOf('admin').password)
    const draftOf = async () =>
      (
        await app.inject({ url: '/v1/instruments/us-chips-and-science-act-2022/draft', headers: session.headers })
      ).json()
    const draft = await draftOf()
    t.equal(draft.title.en, 'CHIPS and Science Act of 2022 (edited in the UI)', 'the working copy has the edit')
    t.same(
      (await app.inject('/v1/instruments/us-chips-and-science-act-2022')).json(),
      published,
      'the public API keeps the published version',
    )

    await titleOf(second).fill('A conflicting title')
    await second.getByRole('button', { name: 'Save' }).click()
    // The same user in another tab: "another session", with what changed meanwhile.
    await second.getByText('You saved this entry in another session').waitFor({ timeout: 20_000 })
    await second
      .locator('[data-conflict-diff] [data-change="added"]', { hasText: 'edited in the UI' })
      .first()
      .waitFor()
    await second.screenshot({ path: join(SCREENSHOTS_DIR, 'edit-conflict.png') })
    const after = await draftOf()
    t.equal(after.title.en, 'CHIPS and Science Act of 2022 (edited in the UI)', 'the first edit is not overwritten')
    t.equal(after.version, draft.version, 'nothing was written')
  },
)

t.test(
  'workflow buttons by role: a curator submits but cannot publish; an editor publishes',
  { skip: browserSkipReason() },
  async (t) => {
    const { app, address } = await serve(t, ['curator', 'editor'])
    const [curator, editor] = [userOf('curator'), userOf('editor')]
    const session = await signIn(app, curator.email, curator.password)
    const source = {
      id: 'test-2026-ui-draft',
      kind: 'report',
      title: { en: 'A draft report', zh: '一份草稿报告' },
      language: 'en',
    }
    t.equal(
      (await app.inject({ method: 'POST', url: '/v1/sources', headers: session.headers, payload: source })).statusCode,
      201,
    )

    const openAs = async (user: { email: string; password: string }) => {
      const page = await (await launchBrowser(t)).newPage()
      await signInThroughUi(page, address, user)
      await page.goto(`${address}/admin/#/sources/${source.id}/show`)
      await page.getByText('A draft report').first().waitFor({ timeout: 20_000 })
      return page
    }

    const asCurator = await openAs(curator)
    await asCurator.getByRole('button', { name: 'Submit for review' }).waitFor({ timeout: 20_000 })
    t.notOk(await asCurator.getByRole('button', { name: 'Publish' }).isVisible(), 'a curator sees no Publish button')
    await act(asCurator, 'Submit for review')
    await asCurator.locator('[data-status="in_review"]').waitFor({ timeout: 20_000 })
    t.notOk(await asCurator.getByRole('button', { name: 'Publish' }).isVisible(), 'not even once it is in review')
    await asCurator.screenshot({ path: join(SCREENSHOTS_DIR, 'workflow-curator.png') })

    const asEditor = await openAs(editor)
    await act(asEditor, 'Publish')
    await asEditor.locator('[data-status="published"]').waitFor({ timeout: 20_000 })
    const published = await app.inject(`/v1/sources/${source.id}`)
    t.equal(published.statusCode, 200, 'the public API serves it once an editor published it')
    t.equal(published.json().status, 'published')
  },
)

/** Every notification the page shows, as it shows it, kept in `window.toasts` (they hide after a while). */
const recordToasts = (page: Page) =>
  page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { toasts: string[] }).toasts = seen
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('.MuiSnackbarContent-message')) {
        const text = el.textContent ?? ''
        if (text && seen.at(-1) !== text) seen.push(text)
      }
    }).observe(document, { childList: true, subtree: true, characterData: true })
  })
const toastsOf = (page: Page) => page.evaluate(() => (window as unknown as { toasts: string[] }).toasts)

for (const lang of ['en', 'zh'] as const) {
  t.test(
    `a session that expired meanwhile: Save and a workflow action claim nothing, the sign-in page says why, and the edit is offered back after signing in (${lang})`,
    { skip: browserSkipReason() },
    async (t) => {
      const { app, address } = await serve(t, ['curator'])
      const ID = 'us-chips-and-science-act-2022'
      const url = `/v1/instruments/${ID}`
      const page = await openAs(t, address, 'curator', lang)
      await recordToasts(page)
      await page.reload()
      const expire = () =>
        app.database.db.execute(
          sql`update sessions set expires_at = now() - interval '1 second' where revoked_at is null`,
        )
      // The test's own session through the API, signed in anew after each expiry (which ends them all).
      const asCurator = async () => (await signIn(app, userOf('curator').email, userOf('curator').password)).headers
      const draftOf = async () => (await app.inject({ url: `${url}/draft`, headers: await asCurator() })).json()
      /** The title the curators' next edit starts from: the working copy's, or the published one's when there is none. */
      const draftTitle = async () => {
        const draft = await app.inject({ url: `${url}/draft`, headers: await asCurator() })
        return (draft.statusCode === 200 ? draft.json() : (await app.inject(url)).json()).title.en as string
      }
      const before = await draftTitle()
      const successes = [
        say(lang, 'ra.notification.updated', { smart_count: 1 }),
        say(lang, 'atlas.working.saved'),
        say(lang, 'atlas.form.uncited'),
      ]

      // Save, with the session expired while the form was open.
      await page.goto(`${address}/admin/#/instruments/${ID}`)
      const title = page.locator('input[name="title.en"]')
      await title.waitFor({ timeout: 20_000 })
      await settle(page)
      await title.fill('Typed before the session expired')
      await expire()
      const put = page.waitForResponse((r) => r.url().includes(url) && r.request().method() === 'PUT')
      await page.getByRole('button', { name: say(lang, 'ra.action.save') }).click()
      t.equal((await put).status(), 401, 'the save is refused: the session expired')
      await page.locator('input[name="username"]').waitFor({ timeout: 20_000 })
      t.ok(await saysExpired(page, lang), 'the sign-in page says the session expired')
      await page.waitForTimeout(1000)
      const afterSave = await toastsOf(page)
      t.same(
        afterSave.filter((text) => successes.some((s) => text.startsWith(s))),
        [],
        `no notification says it was saved (${JSON.stringify(afterSave)})`,
      )
      t.equal(await draftTitle(), before, 'and nothing was')
      await shots(page, 'session-expired', lang)

      // Signed in again: back where the curator was.
      await signInWithEnter(page, 'curator')
      await page.waitForURL((u) => u.hash === `#/instruments/${ID}`, { timeout: 20_000 })
      await title.waitFor({ timeout: 20_000 })

      // A workflow action on a working copy, with the session expired while the page was open.
      const published = (await app.inject(url)).json()
      const patched = await app.inject({
        method: 'PATCH',
        url,
        headers: {
          ...(await asCurator()),
          'if-match': `"v${published.version}"`,
          'content-type': 'application/merge-patch+json',
        },
        payload: { summary: { ...published.summary, en: `${published.summary.en} Meanwhile.` } },
      })
      t.equal(patched.statusCode, 200, 'a working copy to submit')
      await page.goto(`${address}/admin/#/instruments/${ID}/show`)
      const submit = page.getByRole('button', { name: say(lang, 'atlas.workflow.submit'), exact: true })
      await submit.waitFor({ timeout: 20_000 })
      await settle(page)
      await expire()
      const submitted = page.waitForResponse((r) => r.url().endsWith(`${url}/submit`))
      const toastsBefore = (await toastsOf(page)).length
      await submit.click()
      await page
        .getByRole('dialog')
        .getByRole('button', { name: say(lang, 'atlas.workflow.submit'), exact: true })
        .click()
      t.equal((await submitted).status(), 401, 'the action is refused: the session expired')
      await page.locator('input[name="username"]').waitFor({ timeout: 20_000 })
      t.ok(await saysExpired(page, lang), 'the sign-in page says the session expired')
      await page.waitForTimeout(1000)
      const afterAction = (await toastsOf(page)).slice(toastsBefore)
      const done = say(lang, 'atlas.workflow.done', { action: say(lang, 'atlas.workflow.submit') })
      t.notOk(afterAction.includes(done), `no notification says it was done (${JSON.stringify(afterAction)})`)
      t.equal((await draftOf()).status, 'draft', 'and it was not')

      // Signed in again, the form offers back the edit its save could not send.
      await signInWithEnter(page, 'curator')
      await page.goto(`${address}/admin/#/instruments/${ID}`)
      await title.waitFor({ timeout: 20_000 })
      const offer = page.locator('[data-kept-edits]')
      await offer.waitFor({ timeout: 20_000 })
      t.equal(await title.inputValue(), before, 'the form shows the saved version')
      await shots(page, 'session-expired-kept', lang)
      await offer.getByRole('button', { name: say(lang, 'atlas.kept.restore') }).click()
      await offer.waitFor({ state: 'detached', timeout: 10_000 })
      t.equal(await title.inputValue(), 'Typed before the session expired', 'the edit is back in the form')
      t.match(
        await page.locator('textarea[name="summary.en"]').first().inputValue(),
        /Meanwhile\.$/,
        'on top of the current version',
      )
      await page.getByRole('button', { name: say(lang, 'ra.action.save') }).click()
      await page.waitForURL((u) => u.hash === `#/instruments/${ID}/show`, { timeout: 20_000 })
      const saved = await draftOf()
      t.equal(saved.title.en, 'Typed before the session expired', 'saved this time')
      t.match(saved.summary.en, /Meanwhile\.$/, 'with the change made meanwhile kept')
    },
  )
}
