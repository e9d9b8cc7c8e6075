import type { Page } from 'playwright-core'
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
