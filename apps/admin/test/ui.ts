import type { Page } from 'playwright-core'
import { COLLECTION_NAMES } from '@chain-atlas/types'
import { signIn } from '../../../tests/helpers/accounts.ts'
import { type serve, launchBrowser, signInThroughUi, userOf } from '../../../tests/helpers/browser.ts'
import { MESSAGES } from '../src/i18n/messages.ts'

export type Lang = 'en' | 'zh'

/** A message of the admin UI as the page shows it in `lang`: the singular form, placeholders filled. */
export const say = (lang: Lang, key: string, args: Record<string, string | number> = {}) => {
  const text = key.split('.').reduce<any>((node, part) => node?.[part], MESSAGES[lang]) as string | undefined
  if (typeof text !== 'string') throw new Error(`no message ${key}`)
  return Object.entries(args).reduce(
    (s, [name, value]) => s.replaceAll(`%{${name}}`, String(value)),
    text.split(' |||| ')[0]!,
  )
}

/** Switches the UI to Chinese with the language menu of the top bar (the choice is kept). */
export const toChinese = async (page: Page) => {
  await page.getByRole('button', { name: 'English' }).click()
  await page.getByRole('menuitem', { name: '中文' }).click()
}

/**
 * A workflow action through its dialog: the button of the toolbar, the comment if any, then the
 * dialog's own button (the same name), waiting until the dialog is gone.
 */
export const act = async (page: Page, label: string, comment?: string) => {
  await page.getByRole('button', { name: label, exact: true }).click()
  const dialog = page.getByRole('dialog')
  if (comment) await dialog.locator('textarea[name="comment"]').fill(comment)
  await dialog.getByRole('button', { name: label, exact: true }).click()
  await dialog.waitFor({ state: 'detached', timeout: 20_000 })
}

/** A page at 1280×720 signed in as `role` (a user `serve` created), in `lang`. */
export const openAs = async (
  t: Parameters<typeof launchBrowser>[0],
  address: string,
  role: Parameters<typeof userOf>[0],
  lang: Lang,
) => {
  const page = await (await launchBrowser(t)).newPage()
  await page.setViewportSize({ width: 1280, height: 720 })
  await signInThroughUi(page, address, userOf(role))
  if (lang === 'zh') await toChinese(page)
  return page
}

/** Signs `role` in on the sign-in form the page shows, sent from the keyboard (Enter), and waits to leave it. */
export const signInWithEnter = async (page: Page, role: Parameters<typeof userOf>[0]) => {
  await page.locator('input[name="username"]').fill(userOf(role).email)
  await page.locator('input[name="password"]').fill(userOf(role).password)
  await page.keyboard.press('Enter')
  await page.waitForURL((url) => !url.hash.includes('login'), { timeout: 20_000 })
}

/** Waits until the page has its data: no request in flight and no progress indicator left. */
export const settle = async (page: Page) => {
  await page.waitForLoadState('networkidle')
  await page
    .locator('[role="progressbar"]')
    .first()
    .waitFor({ state: 'detached', timeout: 20_000 })
    .catch(() => undefined)
}

/** Adds a column left out by default (the id, say) to a list with its column chooser, in `lang`. */
export const showColumn = async (page: Page, label: string, lang: Lang = 'en') => {
  await page.getByRole('button', { name: say(lang, 'ra.action.select_columns') }).click()
  await page.locator('.MuiPopover-paper').last().getByText(label, { exact: true }).click()
  await page.keyboard.press('Escape')
}

/**
 * Every page of the admin UI an admin reaches, as hash paths: the home page, the review queue, the
 * views, the audit log, each collection's list, record, edit and create pages (of its first entry;
 * the CHIPS act for instruments), a history tab, users and API keys. `serve` must have made an admin.
 */
export const everyAdminPage = async (app: Awaited<ReturnType<typeof serve>>['app']) => {
  const admin = await signIn(app, userOf('admin').email, userOf('admin').password)
  const firstId = async (collection: string) =>
    (await app.inject({ url: `/v1/${collection}?limit=1`, headers: admin.headers })).json().data[0].id as string
  const user = (await app.inject({ url: '/v1/users', headers: admin.headers })).json().data[0].id as string
  const chips = 'us-chips-and-science-act-2022'
  const pages = ['/', '/review-queue', '/compare', '/network', '/timeline', '/audit-log']
  for (const collection of COLLECTION_NAMES) {
    const id = collection === 'instruments' ? chips : await firstId(collection)
    pages.push(`/${collection}`, `/${collection}/create`, `/${collection}/${id}`, `/${collection}/${id}/show`)
  }
  pages.push(
    `/instruments/${chips}/show/history`,
    '/users',
    '/users/create',
    `/users/${user}`,
    '/api-keys',
    '/api-keys/create',
    '/webhooks',
    '/webhooks/create',
  )
  return pages
}
