import { join } from 'node:path'
import t from 'tap'
import type { Page } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import englishMessages from 'ra-language-english'
import { signIn } from '../../../tests/helpers/accounts.ts'
import {
  SCREENSHOTS_DIR,
  browserSkipReason,
  field,
  launchBrowser,
  serve,
  userOf,
} from '../../../tests/helpers/browser.ts'
import { raChinese } from '../src/i18n/ra-zh.ts'
import { audit, describe } from './axe.ts'
import { openAs, say, settle, type Lang } from './ui.ts'

const skip = browserSkipReason()
const ID = 'us-chips-and-science-act-2022'
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const

/** Screenshots of the page as it is, at 1280×720 and 1440×900, named by language and size. */
const shots = async (page: Page, name: string, lang: Lang) => {
  const before = page.viewportSize()
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-${lang}-${size.width}.png`) })
  }
  if (before) await page.setViewportSize(before)
}

/** Saves the entry at `url` through the API as the editor, as another tab would: If-Match on `version`. */
const saveAsEditor = async (app: FastifyInstance, url: string, version: number, patch: Record<string, unknown>) => {
  const editor = await signIn(app, userOf('editor').email, userOf('editor').password)
  return app.inject({
    method: 'PATCH',
    url,
    headers: { ...editor.headers, 'if-match': `"v${version}"`, 'content-type': 'application/merge-patch+json' },
    payload: patch,
  })
}

t.test(
  'signed out, the sign-in form shows within 1 s of the scripts loading; a 401 is not retried',
  { skip },
  async (t) => {
    const { address } = await serve(t, [])
    const page = await (await launchBrowser(t)).newPage()
    // When the form appears, by the page's own clock.
    await page.addInitScript(() => {
      const mark = () => {
        if (document.querySelector('input[name="username"]')) {
          ;(window as unknown as { formShownAt: number }).formShownAt = performance.now()
          return true
        }
        return false
      }
      new MutationObserver((_, observer) => mark() && observer.disconnect()).observe(document, {
        childList: true,
        subtree: true,
      })
    })
    const sessions: number[] = []
    page.on('request', (r) => r.url().endsWith('/v1/auth/session') && sessions.push(Date.now()))
    await page.goto(`${address}/admin/`)
    await page.locator('input[name="username"]').waitFor({ timeout: 20_000 })
    const timing = await page.evaluate(() => {
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' || e.name.endsWith('.js'))
      const scriptsLoadedAt = Math.max(...scripts.map((e) => (e as PerformanceResourceTiming).responseEnd))
      return { scriptsLoadedAt, formShownAt: (window as unknown as { formShownAt: number }).formShownAt }
    })
    const elapsed = Math.round(timing.formShownAt - timing.scriptsLoadedAt)
    t.comment(`sign-in form shown ${elapsed} ms after the scripts loaded (${sessions.length} session request(s))`)
    console.log(`sign-in form shown ${elapsed} ms after the page's scripts loaded`)
    // The goal is 1 s, printed above on every run; what fails here is the defect itself (a 401
    // retried with growing delays took 9 s), not a loaded CI machine's extra tenths.
    t.ok(elapsed < 3000, `the sign-in form shows at once after the scripts load (${elapsed} ms; goal 1 s)`)
    const asked = sessions.length
    await page.waitForTimeout(2000)
    t.equal(sessions.length, asked, 'the 401 is an answer: not asked again once the form shows')
    t.ok(asked <= 2, `asked once or twice (${asked}), not retried`)
    await shots(page, 'polish-login', 'en')
  },
)

const flatten = (node: unknown, path = ''): [string, string][] =>
  typeof node === 'string'
    ? [[path, node]]
    : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => flatten(v, path ? `${path}.${k}` : k))

/** JSON Schema's own words, which no curator should read. */
const RAW = /must match|must NOT|anyOf|must be (>=|<=|integer|number|null)|is required|is taken/

t.test('the Chinese catalogue has every message of react-admin’s English one, in Chinese', async (t) => {
  const zh = Object.fromEntries(flatten(raChinese))
  const missing = flatten(englishMessages).filter(([key]) => typeof zh[key] !== 'string')
  t.same(missing, [], 'no key missing')
  const same = flatten(englishMessages).filter(
    ([key, text]) => /[A-Za-z]{2}/.test(text.replace(/%\{\w+\}/g, '')) && zh[key] === text,
  )
  t.same(same, [], 'none left in English')
})

for (const lang of ['en', 'zh'] as const) {
  t.test(`validation messages are sentences saying what to type, with the hint kept (${lang})`, { skip }, async (t) => {
    const { address } = await serve(t, ['curator'])
    const page = await openAs(t, address, 'curator', lang)
    await page.goto(`${address}/admin/#/sources/create`)
    await page.locator('[name="id"]').waitFor({ timeout: 20_000 })
    t.ok(await page.getByText(say(lang, 'atlas.help.id')).isVisible(), 'the id input says what an id looks like')
    await page.locator('[name="id"]').fill('Not A Slug')
    await page.locator('[name="url"]').fill('www.example.org/report')
    await page.locator('[name="published_on"]').fill('2022-13')
    await page.getByRole('button', { name: say(lang, 'ra.action.save') }).click()
    await field(page, 'id').getByText(say(lang, 'atlas.validation.slug')).waitFor({ timeout: 10_000 })
    t.ok(await field(page, 'url').getByText(say(lang, 'atlas.validation.url')).isVisible(), 'the url: a full address')
    t.ok(
      await field(page, 'published_on').getByText(say(lang, 'atlas.validation.partial_date')).isVisible(),
      'the date: as precise as the source gives it',
    )
    t.ok(
      await field(page, 'title.en').getByText(say(lang, 'atlas.validation.required')).isVisible(),
      'a missing title is named',
    )
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator: the text as shown
    const shown = await page.locator('main').innerText()
    t.notMatch(shown, RAW, 'no raw JSON Schema message anywhere')
    await shots(page, 'polish-validation', lang)

    await page.goto(`${address}/admin/#/instruments/create`)
    await page.locator('[name="year"]').fill('1800')
    await page.getByRole('button', { name: say(lang, 'ra.action.save') }).click()
    await field(page, 'year')
      .getByText(say(lang, 'atlas.validation.minimum', { limit: 1900 }))
      .waitFor({ timeout: 10_000 })
    t.pass('a nullable year below 1900 says "at least 1900", not "must match a schema in anyOf"')
    t.notMatch(await page.locator('main').textContent(), RAW, 'no raw message on the instrument form either')
  })

  t.test(`leaving a form with unsaved edits asks first (${lang})`, { skip }, async (t) => {
    const { address } = await serve(t, ['curator'])
    /** A curator's edit form with an edit not saved, the menu item that leaves it, and its question answered. */
    const editing = async () => {
      const page = await openAs(t, address, 'curator', lang)
      await page.goto(`${address}/admin/#/instruments/${ID}`)
      const title = page.locator('input[name="title.en"]')
      await title.waitFor({ timeout: 20_000 })
      await title.fill('An edit not saved')
      const menu = page.getByRole('menuitem', {
        name: lang === 'en' ? 'Sources' : say(lang, 'resources.sources.name'),
        exact: true,
      })
      // The question, answered as it comes (a confirm blocks the page until answered).
      const leaveAnswering = async (accept: boolean) => {
        const asked = new Promise<string>((resolve) =>
          page.once('dialog', (dialog) => {
            resolve(dialog.message())
            void (accept ? dialog.accept() : dialog.dismiss())
          }),
        )
        await menu.click({ noWaitAfter: true })
        return asked
      }
      return { page, title, leaveAnswering }
    }
    const { page, title, leaveAnswering } = await editing()
    t.equal(
      await leaveAnswering(false),
      say(lang, 'ra.message.unsaved_changes'),
      'the curator is asked, in the UI language',
    )
    await title.waitFor()
    t.equal(await title.inputValue(), 'An edit not saved', 'staying keeps the edit')
    t.ok(page.url().includes(`/instruments/${ID}`), 'and the form')
    // Right after "stay", on the same page: asked again (react-admin's own guard stopped asking).
    t.equal(await leaveAnswering(false), say(lang, 'ra.message.unsaved_changes'), 'asked again at once')
    t.equal(await leaveAnswering(true), say(lang, 'ra.message.unsaved_changes'), 'and a third time')
    await page.waitForURL((url) => url.hash.startsWith('#/sources'), { timeout: 20_000 })
    t.pass('leaving after saying so leaves')
  })

  t.test(
    `a conflicting save shows what changed meanwhile and lets the curator put theirs on top (${lang})`,
    { skip },
    async (t) => {
      const { app, address } = await serve(t, ['admin', 'editor'])
      const page = await openAs(t, address, 'admin', lang)
      const url = `/v1/instruments/${ID}`
      await page.goto(`${address}/admin/#/instruments/${ID}`)
      const title = page.locator('input[name="title.en"]')
      await title.waitFor({ timeout: 20_000 })
      const started = (await app.inject(url)).json()

      // Meanwhile an editor changes the summary through the API.
      const patched = await saveAsEditor(app, url, started.version, {
        summary: { ...started.summary, en: `${started.summary.en} Changed meanwhile.` },
      })
      t.equal(patched.statusCode, 200, 'the editor saved first')

      await title.fill(`${started.title.en} (mine)`)
      await page.getByRole('button', { name: say(lang, 'ra.action.save') }).click()
      const panel = page.locator('[data-conflict]')
      await panel
        .locator('[data-conflict-diff] [data-change="added"]', { hasText: 'Changed meanwhile' })
        .first()
        .waitFor({ timeout: 20_000 })
      t.ok(
        await panel
          .getByText(
            say(lang, 'atlas.conflicted.title_other', {
              name: 'A editor',
              from: started.version,
              to: patched.json().version,
            }),
          )
          .isVisible(),
        'it names who changed it, and the versions',
      )
      await shots(page, 'polish-conflict', lang)
      // Its Discard button is drawn in the warning colour: MUI's orange was 2.8:1 on the panel.
      const contrast = (await audit(page)).filter((v) => v.rule === 'color-contrast')
      t.same(describe(contrast), [], 'every text of the conflict panel is readable (axe: contrast)')
      await panel.getByRole('button', { name: say(lang, 'atlas.conflicted.keep') }).click()
      await panel.waitFor({ state: 'detached', timeout: 20_000 })
      t.equal(await title.inputValue(), `${started.title.en} (mine)`, 'my title stays in the form')
      t.match(
        await page.locator('textarea[name="summary.en"]').first().inputValue(),
        /Changed meanwhile\.$/,
        'with their summary',
      )
      await page.getByRole('button', { name: say(lang, 'ra.action.save') }).click()
      await page.waitForURL((u) => u.hash.endsWith('/show'), { timeout: 20_000 })
      const editor = await signIn(app, userOf('editor').email, userOf('editor').password)
      const draft = (await app.inject({ url: `${url}/draft`, headers: editor.headers })).json()
      t.equal(draft.title.en, `${started.title.en} (mine)`, 'saved: my change')
      t.match(draft.summary.en, /Changed meanwhile\.$/, 'and theirs')

      // The same user in another session: said so.
      await page.goto(`${address}/admin/#/instruments/${ID}`)
      await title.waitFor({ timeout: 20_000 })
      const admin = await signIn(app, userOf('admin').email, userOf('admin').password)
      await app.inject({
        method: 'PATCH',
        url,
        headers: {
          ...admin.headers,
          'if-match': `"v${draft.version}"`,
          'content-type': 'application/merge-patch+json',
        },
        payload: { summary: { ...draft.summary, en: `${draft.summary.en} Again.` } },
      })
      await title.fill('Mine again')
      await page.getByRole('button', { name: say(lang, 'ra.action.save') }).click()
      await panel
        .getByText(say(lang, 'atlas.conflicted.title_self', { from: draft.version, to: draft.version + 1 }))
        .waitFor({ timeout: 20_000 })
      await panel.getByRole('button', { name: say(lang, 'atlas.conflicted.discard') }).click()
      await panel.waitFor({ state: 'detached', timeout: 20_000 })
      t.equal(await title.inputValue(), draft.title.en, 'discarding mine loads the current version')
    },
  )

  t.test(
    `a conflict met at the bottom of a long form is brought into view, focused and announced (${lang})`,
    { skip },
    async (t) => {
      const { app, address } = await serve(t, ['admin', 'editor'])
      const page = await openAs(t, address, 'admin', lang)
      const long = 'eu-critical-raw-materials-act-2024'
      const url = `/v1/instruments/${long}`
      await page.goto(`${address}/admin/#/instruments/${long}`)
      const notes = page.locator('[name="notes.en"]')
      await notes.waitFor({ timeout: 20_000 })
      await settle(page)
      const started = (await app.inject(url)).json()

      // Another tab (an editor, through the API) saves first.
      const patched = await saveAsEditor(app, url, started.version, {
        title: { ...started.title, en: `${started.title.en} (theirs)` },
      })
      t.equal(patched.statusCode, 200, 'the other tab saved first')

      // Far down the form: the notes, then Save (in the sticky toolbar).
      await notes.scrollIntoViewIfNeeded()
      await notes.fill('A note typed at the bottom of the form')
      t.ok(await page.evaluate(() => window.scrollY > 1000), 'the curator is far down a long form when saving')
      await page.getByRole('button', { name: say(lang, 'ra.action.save') }).click()

      const panel = page.locator('[data-conflict]')
      await panel.waitFor({ timeout: 20_000 })
      t.ok(
        await page
          .locator('.MuiSnackbarContent-message', { hasText: say(lang, 'atlas.conflicted.notice') })
          .waitFor({ timeout: 10_000 })
          .then(
            () => true,
            () => false,
          ),
        'a notification says the save ran into a conflict',
      )
      await page
        .waitForFunction(
          () => {
            const box = document.querySelector('[data-conflict]')?.getBoundingClientRect()
            return Boolean(box && box.top >= 0 && box.top < window.innerHeight - 100)
          },
          undefined,
          { timeout: 5000 },
        )
        .catch(() => undefined)
      const where = await panel.evaluate((el) => {
        const box = el.getBoundingClientRect()
        const heading = el.querySelector('.MuiAlertTitle-root')!.getBoundingClientRect()
        // What is drawn at the heading's middle: the panel, not the app bar over it.
        const atHeading = document.elementFromPoint(heading.x + heading.width / 2, heading.y + heading.height / 2)
        return { top: Math.round(box.top), headingShows: Boolean(atHeading && el.contains(atHeading)) }
      })
      t.ok(where.top >= 0 && where.top < 620, `the panel is scrolled into view (its top at ${where.top} px)`)
      t.ok(where.headingShows, 'its heading is not hidden under the app bar')
      t.ok(
        await page.evaluate(() => Boolean(document.activeElement?.closest('[data-conflict]'))),
        'focus is in the panel (not dropped on the page)',
      )
      t.equal(
        await page.evaluate(() => document.activeElement?.textContent ?? ''),
        say(lang, 'atlas.conflicted.title_other', {
          name: 'A editor',
          from: started.version,
          to: patched.json().version,
        }),
        'on its heading, which says what happened',
      )
      t.equal(await notes.inputValue(), 'A note typed at the bottom of the form', 'the note typed is still there')
      await shots(page, 'polish-conflict-long', lang)
    },
  )

  t.test(
    `history names people, for a curator too (not an admin: no user list); dates read 2026-12-02 14:53 on lists and record pages (${lang})`,
    { skip },
    async (t) => {
      const { app, address } = await serve(t, ['curator', 'editor'])
      const url = `/v1/instruments/${ID}`
      const started = (await app.inject(url)).json()
      await saveAsEditor(app, url, started.version, {
        title: { ...started.title, en: `${started.title.en} (renamed)` },
      })
      const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/
      const page = await openAs(t, address, 'curator', lang)
      const userLists: string[] = []
      page.on('request', (r) => /\/v1\/(users|api-keys)\b/.test(r.url()) && userLists.push(r.url()))
      await page.goto(`${address}/admin/#/instruments/${ID}/show/history`)
      const row = page.locator(`tr[data-version="${started.version + 1}"]`)
      await row.waitFor({ timeout: 20_000 })
      t.equal((await row.locator('[data-actor]').textContent())?.trim(), 'A editor', 'the editor by name, not an id')
      t.equal(
        (await page.locator(`tr[data-version="${started.version}"] [data-actor]`).textContent())?.trim(),
        say(lang, 'atlas.actor.seed'),
        'the seed as such',
      )
      t.same(userLists, [], 'named from the revisions themselves: the curator lists no users or keys')
      t.match((await row.locator('td').nth(3).textContent())?.trim() ?? '', DATE, 'the history’s date')
      await shots(page, 'polish-history', lang)
      await page.goto(`${address}/admin/#/instruments`)
      await page.locator('[data-datetime]').first().waitFor({ timeout: 20_000 })
      for (const text of await page.locator('[data-datetime]').allInnerTexts())
        t.match(text.trim(), DATE, `list: ${text}`)
    },
  )

  t.test(
    `every page in ${lang === 'zh' ? 'Chinese shows no string of react-admin’s English catalogue' : 'English'}`,
    { skip: skip || lang === 'en' },
    async (t) => {
      const { address } = await serve(t, ['admin'])
      const page = await openAs(t, address, 'admin', lang)
      const english = flatten(englishMessages)
        .map(([, text]) => text.split(' |||| ')[0]!.trim())
        // Templates whose own words are English (`%{name} %{recordRepresentation}` has none: it would match anything).
        .filter((text) => /[A-Za-z]{2}/.test(text.replace(/%\{\w+\}/g, '')))
      const patterns = english.map(
        (text) => new RegExp(`^${text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/%\{\w+\}/g, '\\S+')}$`),
      )
      const pages = [
        '/',
        '/review-queue',
        ...['instruments', 'sources', 'economies', 'alliances', 'users', 'api-keys'].map((c) => `/${c}`),
        '/instruments/create',
        `/instruments/${ID}`,
        `/instruments/${ID}/show`,
        `/instruments/${ID}/show/history`,
        '/users/create',
        '/compare',
      ]
      for (const path of pages) {
        await page.goto(`${address}/admin/#${path}`)
        await settle(page)
        const strings = await page.evaluate(() => {
          // biome-ignore lint/performance/useDomNodeTextContent: what is shown, as shown (no hidden text)
          const texts = document.body.innerText.split('\n')
          for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
            if (!(el as HTMLElement).offsetParent) continue
            for (const a of ['placeholder', 'aria-label', 'title']) {
              const v = el.getAttribute(a)
              if (v) texts.push(v)
            }
          }
          return texts.map((s) => s.trim()).filter(Boolean)
        })
        const english = strings.filter((s) => patterns.some((p) => p.test(s)))
        t.same(english, [], `${path}: nothing from the English catalogue`)
        if (['/instruments', `/instruments/${ID}`, '/instruments/create'].includes(path))
          await shots(page, `polish-zh-${path.split('/').filter(Boolean).join('-').replace(ID, 'entry')}`, lang)
      }
    },
  )
}
