import Table from 'cli-table3'
import type { Text } from '@chain-atlas/types'

export type Lang = 'en' | 'zh'

const isText = (value: unknown): value is Text =>
  typeof value === 'object' && value !== null && 'en' in value && 'zh' in value

/** A bilingual text in the language asked for; anything else as it is. */
export const text = (value: unknown, lang: Lang): string => {
  if (isText(value)) return value[lang] || value.en
  if (value === null || value === undefined) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** What names an entry: its title, name or label, or else its first bilingual text. */
export const nameOf = (entry: Record<string, unknown>, lang: Lang) => {
  const field =
    ['title', 'name', 'label'].find((f) => isText(entry[f])) ?? Object.keys(entry).find((f) => isText(entry[f]))
  return field ? text(entry[field], lang) : ''
}

/**
 * A table for people. On a terminal the columns share its width (long texts wrap; CJK counts
 * double); piped, nothing is cut.
 */
export const table = (head: string[], rows: unknown[][], widths?: number[]) => {
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined
  let colWidths: (number | null)[] = []
  if (columns && widths) {
    // `widths` are shares of the terminal; borders take 3 characters per column.
    const room = columns - 1 - 3 * head.length
    const total = widths.reduce((a, b) => a + b, 0)
    colWidths = widths.map((w) => Math.max(6, Math.floor((room * w) / total)) + 2)
  }
  const style = process.stdout.isTTY ? { head: ['cyan'] } : { head: [], border: [] } // no colour codes in a file or a pipe
  const t = new Table({ head, colWidths, wordWrap: Boolean(colWidths.length), style })
  t.push(...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell)))))
  return t.toString()
}

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
