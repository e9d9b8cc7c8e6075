import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { ARTIFACTS_DIR } from '../setup/templates.ts'

export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots')
export const CHROMIUM = '/usr/bin/chromium'

/**
 * Browser tests need Debian's Chromium (`apt-get install chromium fonts-noto-cjk`). CI installs it
 * and fails without it; elsewhere the tests are skipped with that advice.
 */
export const browserSkipReason = (): string | false =>
  existsSync(CHROMIUM) || process.env.CI ? false : `no ${CHROMIUM}: apt-get install chromium fonts-noto-cjk to run the browser tests`

/** Debian's Chromium, headless, in a fresh profile, with no traffic off this machine. */
export const launchBrowser = async (t: { teardown(fn: () => unknown): void }): Promise<BrowserContext> => {
  const profile = await mkdtemp(join(tmpdir(), 'atlas-chromium-'))
  await mkdir(SCREENSHOTS_DIR, { recursive: true })
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
