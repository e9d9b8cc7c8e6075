import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { AxeResults, Result } from 'axe-core'

/** axe-core's browser bundle, read once. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The WCAG 2.0 and 2.1 rules of levels A and AA. */
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** What the test fails on: the impacts axe calls serious or critical. */
const BLOCKING = new Set(['serious', 'critical'])

export type Violation = {
  rule: string
  impact: string
  help: string
  nodes: { target: string; html: string; why: string }[]
}

/**
 * axe-core run on the page as it is, for WCAG 2.1 A and AA. It is evaluated through the DevTools
 * protocol, which the page's CSP does not govern, so the page keeps its own policy.
 */
export const audit = async (page: Page): Promise<Violation[]> => {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  // Colours are measured as they end, not halfway through a transition (a button becoming enabled).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  )
  const results = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    WCAG_AA,
  )) as AxeResults
  return results.violations.map((v: Result) => ({
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), why: reason(n) })),
  }))
}

/** For a contrast failure, the colours and their ratio; otherwise axe's first finding. */
const reason = (node: Result['nodes'][number]) => {
  const check = [...node.any, ...node.all, ...node.none][0]
  const data = check?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined
  return data?.fgColor ? `${data.fgColor} on ${data.bgColor} (${data.contrastRatio}:1)` : (check?.message ?? '')
}

/** The serious and critical violations: what fails the test. */
export const blocking = (violations: Violation[]) => violations.filter((v) => BLOCKING.has(v.impact))

/** One line per violation and element: rule, impact, selector and markup. */
export const describe = (violations: Violation[]) =>
  violations.flatMap((v) => v.nodes.map((n) => `${v.rule} (${v.impact}): ${n.target} ${n.html} [${n.why}]`))
