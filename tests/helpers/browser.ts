import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { ARTIFACTS_DIR } from '../setup/templates.ts'
import { createUser } from '../../apps/api/src/routes/admin/users.ts'
import { testApp } from './app.ts'

export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots')
export const CHROMIUM = '/usr/bin/chromium'

/**
 * Browser tests need Debian's Chromium (`apt-get install chromium fonts-noto-cjk`). CI installs it
 * and fails without it; elsewhere the tests are skipped with that advice.
 */
export const browserSkipReason = (): string | false =>
  process.env.ATLAS_SKIP_BROWSER ||
  (existsSync(CHROMIUM) || process.env.CI
    ? false
    : `no ${CHROMIUM}: apt-get install chromium fonts-noto-cjk to run the browser tests`)

/** Debian's Chromium, headless, in a fresh profile, with no traffic off this machine. */
export const launchBrowser = async (
  t: { teardown(fn: () => unknown): void },
  { locale }: { locale?: string } = {},
): Promise<BrowserContext> => {
  const profile = await mkdtemp(join(tmpdir(), 'atlas-chromium-'))
  await mkdir(SCREENSHOTS_DIR, { recursive: true })
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    ...(locale ? { locale } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  t.teardown(async () => {
    await context.close()
    await rm(profile, { recursive: true, force: true })
  })
  return context
}

/** Signs in through the admin UI's login page and waits until the app shows. */
export const signInThroughUi = async (page: Page, address: string, user: { email: string; password: string }) => {
  await page.goto(`${address}/admin/#/login`)
  await page.locator('input[name="username"]').fill(user.email)
  await page.locator('input[name="password"]').fill(user.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.hash.includes('login'), { timeout: 20_000 })
}

/**
 * The input of a form field or a list filter, by its full source (`level`, `amounts.0.kind`): the
 * innermost react-admin input holding an element of that name.
 */
export const field = (page: Page, source: string) =>
  page.locator(`[data-source="${source}"], .ra-input:has([name="${source}"])`).last()

/** Picks an option of a select (single or multiple) by its visible name. */
export const choose = async (page: Page, source: string, option: string) => {
  await field(page, source).locator('[role="combobox"]').first().click()
  await page.getByRole('option', { name: option, exact: true }).click()
  if (await page.getByRole('listbox').isVisible()) await page.keyboard.press('Escape')
}

/** Types into an autocomplete (a reference: it searches the API) and picks the first option containing `option`. */
export const pick = async (page: Page, source: string, search: string, option: string | RegExp) => {
  await field(page, source).locator('input').first().fill(search)
  await page.getByRole('option', { name: option }).first().click()
}

/** A user of a role the test creates, with a password long enough for the rules. */
export const userOf = (role: 'viewer' | 'curator' | 'editor' | 'admin') => ({
  email: `${role}@example.org`,
  password: `the ${role}'s long password`,
  role,
  display_name: `A ${role}`,
})

/** A seeded API listening on loopback, with a user (`userOf`) of each role the test names. */
export const serve = async (
  t: Parameters<typeof testApp>[0],
  roles: Parameters<typeof userOf>[0][],
  env: Record<string, string> = {},
) => {
  const { app } = await testApp(t, 'seeded', env)
  for (const role of roles) await createUser(app, userOf(role), null)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, address }
}

/** `serve` with one user of `role`, and a browser page signed in as that user through the UI. */
export const signedInPage = async (t: Parameters<typeof testApp>[0], role: Parameters<typeof userOf>[0]) => {
  const served = await serve(t, [role])
  const page = await (await launchBrowser(t)).newPage()
  await signInThroughUi(page, served.address, userOf(role))
  return { ...served, page }
}
