import type { Entity } from '@chain-atlas/db'

type Text = { en?: string; zh?: string; original?: string }
type Amount = { value: number; currency: string; qualifier?: string; kind: string }

const list = (value: unknown) => ((value as string[] | undefined) ?? []).join('; ')
const text = (value: unknown, lang: keyof Text) => (value as Text | undefined)?.[lang] ?? ''
const amounts = (value: unknown) =>
  ((value as Amount[] | undefined) ?? [])
    .map(
      (a) => `${a.qualifier && a.qualifier !== 'exact' ? `${a.qualifier} ` : ''}${a.value} ${a.currency} (${a.kind})`,
    )
    .join('; ')

/** The instrument CSV: one row per instrument, bilingual texts in their own columns. */
export const CSV_COLUMNS: { header: string; value: (e: Entity) => unknown }[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'economy_id', value: (e) => e.economy_id },
  { header: 'level', value: (e) => e.level },
  { header: 'category', value: (e) => e.category },
  { header: 'kind', value: (e) => e.kind },
  { header: 'title_en', value: (e) => text(e.title, 'en') },
  { header: 'title_zh', value: (e) => text(e.title, 'zh') },
  { header: 'title_original', value: (e) => text(e.title, 'original') },
  { header: 'year', value: (e) => e.year ?? '' },
  { header: 'lifecycle', value: (e) => e.lifecycle },
  { header: 'amounts', value: (e) => amounts(e.amounts) },
  { header: 'sector_ids', value: (e) => list(e.sector_ids) },
  { header: 'partner_ids', value: (e) => list(e.partner_ids) },
  { header: 'parent_id', value: (e) => e.parent_id ?? '' },
  { header: 'summary_en', value: (e) => text(e.summary, 'en') },
  { header: 'summary_zh', value: (e) => text(e.summary, 'zh') },
  { header: 'source_ids', value: (e) => list(e.source_ids) },
  { header: 'version', value: (e) => e.version },
  { header: 'updated_at', value: (e) => e.updated_at },
]

const FORMULA = /^[=+\-@\t\r]/

/** One RFC 4180 line; cells that a spreadsheet would run as a formula are prefixed with `'`. */
export const csvLine = (cells: unknown[]) =>
  `${cells
    .map((cell) => {
      let s = String(cell ?? '')
      if (FORMULA.test(s)) s = `'${s}`
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
    })
    .join(',')}\r\n`
