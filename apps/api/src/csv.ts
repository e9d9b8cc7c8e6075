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

type Column = { header: string; field: string; value: (e: Entity) => unknown }

/** The instrument CSV: one row per instrument, bilingual texts in their own columns. */
export const CSV_COLUMNS: Column[] = [
  { header: 'id', field: 'id', value: (e) => e.id },
  { header: 'economy_id', field: 'economy_id', value: (e) => e.economy_id },
  { header: 'level', field: 'level', value: (e) => e.level },
  { header: 'category', field: 'category', value: (e) => e.category },
  { header: 'kind', field: 'kind', value: (e) => e.kind },
  { header: 'title_en', field: 'title', value: (e) => text(e.title, 'en') },
  { header: 'title_zh', field: 'title', value: (e) => text(e.title, 'zh') },
  { header: 'title_original', field: 'title', value: (e) => text(e.title, 'original') },
  { header: 'year', field: 'year', value: (e) => e.year ?? '' },
  { header: 'lifecycle', field: 'lifecycle', value: (e) => e.lifecycle },
  { header: 'amounts', field: 'amounts', value: (e) => amounts(e.amounts) },
  { header: 'sector_ids', field: 'sector_ids', value: (e) => list(e.sector_ids) },
  { header: 'partner_ids', field: 'partner_ids', value: (e) => list(e.partner_ids) },
  { header: 'parent_id', field: 'parent_id', value: (e) => e.parent_id ?? '' },
  { header: 'summary_en', field: 'summary', value: (e) => text(e.summary, 'en') },
  { header: 'summary_zh', field: 'summary', value: (e) => text(e.summary, 'zh') },
  { header: 'source_ids', field: 'source_ids', value: (e) => list(e.source_ids) },
  { header: 'version', field: 'version', value: (e) => e.version },
  { header: 'updated_at', field: 'updated_at', value: (e) => e.updated_at },
]

/** The columns of the fields asked for (`fields=title` → id, title_en, title_zh, title_original), or all. */
export const csvColumns = (fields?: string[]): Column[] =>
  fields ? CSV_COLUMNS.filter((c) => c.field === 'id' || fields.includes(c.field)) : CSV_COLUMNS

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
