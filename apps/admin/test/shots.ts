import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { SCREENSHOTS_DIR } from '../../../tests/helpers/browser.ts'
import type { Lang } from './ui.ts'

export const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const

/**
 * Screenshots of the page at 1280×720 and 1440×900, named by language and size
 * (`network-en-1280.png`); `ready` waits for what a resize redraws before each one.
 */
export const shots = async (page: Page, name: string, lang: Lang, ready?: () => Promise<unknown>) => {
  const before = page.viewportSize()
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await ready?.()
    await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-${lang}-${size.width}.png`) })
  }
  if (before) await page.setViewportSize(before)
}
