// Rules of evidence the seed dataset keeps beyond its schemas (issue 22): what an entry may assert
// follows from the documents it cites. Each rule returns the problems it finds, naming file, id and field.
import { COLLECTION_NAMES, TABLE_ROWS, referencesOf } from '@chain-atlas/types'
import type { Dataset, DatasetProblem, SeedEntry } from './dataset.ts'

export const PAPER_ID = 'paper-hao-ming-2024'

type Rule = (dataset: Dataset) => DatasetProblem[]

const problem = ({ file, record }: SeedEntry, pointer: string, detail: string): DatasetProblem => ({
  file,
  id: record.id,
  pointer,
  detail,
})

/** An entry the paper's name could not be matched to cannot say whether it is in force. */
const unidentifiedLifecycle: Rule = (dataset) =>
  dataset.instruments
    .filter((e) => e.record.identified === false && e.record.lifecycle !== 'unknown')
    .map((e) => problem(e, '/lifecycle', 'must be unknown: the instrument is not identified with certainty'))

/** A leader is one of the members, and a grouping of uncertain identity has none. */
const allianceLeaders: Rule = (dataset) =>
  dataset.alliances.flatMap((e) => {
    const { leader_id, member_ids, identified } = e.record
    if (!leader_id) return []
    if (identified === false)
      return [problem(e, '/leader_id', 'must be absent: the alliance is not identified with certainty')]
    if (!member_ids.includes(leader_id))
      return [problem(e, '/leader_id', `${leader_id} leads the alliance but is not among its member_ids`)]
    return []
  })

/** Places in the paper are cited only by entries that cite the paper. */
const paperRefsCiteThePaper: Rule = (dataset) =>
  (['economies', 'sectors'] as const).flatMap((collection) =>
    dataset[collection]
      .filter((e) => e.record.paper_refs?.length && !(e.record.source_ids ?? []).includes(PAPER_ID))
      .map((e) => problem(e, '/paper_refs', `names places in the paper but source_ids does not cite ${PAPER_ID}`)),
  )

/** The act an instrument's Chinese title names before a colon: 《…》：part → 《…》. */
const actNamed = (title: string | undefined) => /^(《[^》]+》)：/.exec(title ?? '')?.[1]

/**
 * Each act the paper splits across cells is one parent record (the act, titled by its name alone)
 * with its parts linked by `parent_id`, so that the act counts once.
 */
const actsHaveParents: Rule = (dataset) => {
  const byTitle = new Map(dataset.instruments.map((e) => [`${e.record.economy_id}|${e.record.title?.zh}`, e.record]))
  return dataset.instruments.flatMap((e) => {
    const act = actNamed(e.record.title?.zh)
    if (!act) return []
    const parent = byTitle.get(`${e.record.economy_id}|${act}`)
    if (!parent) return [problem(e, '/parent_id', `is a part of ${act}, which has no record of its own titled ${act}`)]
    if (e.record.parent_id !== parent.id)
      return [problem(e, '/parent_id', `must be ${parent.id}: the entry is a part of ${act}`)]
    return []
  })
}

/** Where figures and amounts live: collection and field. Group claims first, so a copy is named on the member. */
const FIGURE_FIELDS = [
  ['assessments', 'figures'],
  ['instruments', 'amounts'],
  ['instruments', 'figures'],
  ['china-strategies', 'evidence'],
  ['sector-focuses', 'figures'],
] as const

type Numbered = { value?: number; unit?: string; currency?: string; qualifier?: string; date?: string }

/**
 * A figure is stored once: the same number (value, unit or currency, qualifier and date) in two
 * places is one claim copied, and a sum or a count over entries would take it twice. A claim made
 * of several entries together lives on an assessment the entries name in `assessment_ids`.
 */
const figuresOnce: Rule = (dataset) => {
  const first = new Map<string, string>()
  const problems: DatasetProblem[] = []
  for (const [collection, field] of FIGURE_FIELDS) {
    for (const entry of dataset[collection]) {
      ;((entry.record[field] ?? []) as Numbered[]).forEach((f, i) => {
        if (f.value === undefined) return
        const key = JSON.stringify([f.value, f.currency ?? f.unit, f.qualifier ?? 'exact', f.date ?? null])
        const here = `${collection}/${entry.record.id}/${field}/${i}`
        const there = first.get(key)
        if (there) problems.push(problem(entry, `/${field}/${i}`, `repeats the figure stored at ${there}`))
        else first.set(key, here)
      })
    }
  }
  return problems
}

/** A sector the paper names is linked to what the paper says of it: some entry (other than a sub-sector) names it or one of its sub-sectors. */
const sectorsLinked: Rule = (dataset) => {
  const named = new Set<string>()
  for (const collection of COLLECTION_NAMES) {
    if (collection === 'sectors') continue
    for (const { record } of dataset[collection])
      for (const use of referencesOf(collection, record)) if (use.collection === 'sectors') named.add(use.id)
  }
  const children = new Map<string, string[]>()
  for (const { record } of dataset.sectors)
    if (record.parent_id) children.set(record.parent_id, [...(children.get(record.parent_id) ?? []), record.id])
  const linked = (id: string, seen = new Set<string>()): boolean =>
    named.has(id) || (!seen.has(id) && (children.get(id) ?? []).some((c) => linked(c, seen.add(id))))
  return dataset.sectors
    .filter((e) => !linked(e.record.id))
    .map((e) => problem(e, '/id', 'no entry names this sector or a sub-sector of it: link it where the paper does'))
}

/** Whether a document of date `published` can state a fact of date `fact`: not if it came out before it. */
export const publishedBy = (published: string | undefined, fact: string) => {
  if (!published) return false
  const n = Math.min(published.length, fact.length)
  return published.slice(0, n) >= fact.slice(0, n)
}

/** Fact kinds whose date is when the fact arose (a deadline's or a threshold's date lies ahead of the source). */
const DATED_KINDS = new Set(['figure', 'document', 'statement', 'criterion'])

const FACT_FIELDS = [
  ['instruments', 'figures'],
  ['china-strategies', 'evidence'],
  ['sector-focuses', 'figures'],
  ['assessments', 'figures'],
] as const

type Dated = { kind?: string; date?: string; source_ids?: string[] }
type ClaimRecord = { field: string; source_ids: string[] }

/**
 * A dated claim needs a document of the right date among its sources: a source published before
 * the fact cannot support it. A fact's sources are its own `source_ids`, else the entry's; a
 * claim's are its own.
 */
const claimsDated: Rule = (dataset) => {
  const published = new Map(dataset.sources.map((e) => [e.record.id, e.record.published_on as string | undefined]))
  const unsupported = (date: string, ids: string[]) => !ids.some((id) => publishedBy(published.get(id), date))
  const problems: DatasetProblem[] = []
  for (const [collection, field] of FACT_FIELDS)
    for (const entry of dataset[collection])
      ((entry.record[field] ?? []) as Dated[]).forEach((f, i) => {
        if (
          f.date &&
          DATED_KINDS.has(f.kind ?? '') &&
          unsupported(f.date, f.source_ids ?? entry.record.source_ids ?? [])
        )
          problems.push(
            problem(entry, `/${field}/${i}/date`, `${f.date}: no source of this fact is dated on or after it`),
          )
      })
  for (const collection of COLLECTION_NAMES)
    for (const entry of dataset[collection])
      ((entry.record.claims ?? []) as ClaimRecord[]).forEach((c, i) => {
        const value = entry.record[c.field]
        if ((typeof value === 'string' && /^\d{4}/.test(value)) || typeof value === 'number')
          if (unsupported(String(value), c.source_ids))
            problems.push(
              problem(entry, `/claims/${i}`, `${c.field} ${value}: no source of the claim is dated on or after it`),
            )
      })
  return problems
}

/** Fields the paper never states: an outside fact there must name its own source in `claims`. */
const OUTSIDE_FIELDS = [['alliances', 'founded_year']] as const

const outsideFactsClaimed: Rule = (dataset) =>
  OUTSIDE_FIELDS.flatMap(([collection, field]) =>
    dataset[collection]
      .filter((e) => e.record[field] != null)
      .filter((e) => !((e.record.claims ?? []) as ClaimRecord[]).some((c) => c.field === field))
      .map((e) => problem(e, `/${field}`, `the paper does not give it: a claim in claims must name its source`)),
  )

/** Every economy is traceable: it cites the paper (with the sections that name it) or the document that names it. */
const economiesCited: Rule = (dataset) =>
  dataset.economies
    .filter((e) => !(e.record.source_ids ?? []).length)
    .map((e) =>
      problem(
        e,
        '/source_ids',
        'must cite a source: the paper, with the sections that name it, or the document that does',
      ),
    )

/** Date fields whose value can be finer than a year (a month or a day), in any collection. */
const DATE_FIELDS = ['start_date', 'end_date', 'coined_on', 'period_start', 'period_end'] as const

type ClaimWithLocator = ClaimRecord & { locator?: string }

/**
 * A month or a day is a precise fact: it names its source in a claim. Where that source is the paper
 * alone, the claim says where the paper states it (a locator), so that a reader can check it there;
 * a date the paper does not state must cite the document that does.
 */
const preciseDatesClaimed: Rule = (dataset) =>
  COLLECTION_NAMES.flatMap((collection) =>
    dataset[collection].flatMap((entry) =>
      DATE_FIELDS.flatMap((field) => {
        const value = entry.record[field]
        if (typeof value !== 'string' || value.length <= 4) return []
        const claim = ((entry.record.claims ?? []) as ClaimWithLocator[]).find((c) => c.field === field)
        if (!claim) return [problem(entry, `/${field}`, `${value}: a month or a day must name its source in claims`)]
        if (claim.source_ids.every((id) => id === PAPER_ID) && !claim.locator)
          return [
            problem(
              entry,
              `/${field}`,
              `${value}: cited to the paper alone, the claim must say where the paper states it`,
            ),
          ]
        return []
      }),
    ),
  )

type TableCell = { table: 1 | 2 | 3; row: string; column: string }

/** The paper's tables are data: each cell an instrument fills lies in its table and column, and is cited. */
const tableCellsValid: Rule = (dataset) =>
  dataset.instruments.flatMap((e) =>
    ((e.record.table_cells ?? []) as TableCell[]).flatMap((c, i) => {
      const at = `/table_cells/${i}`
      if (!(TABLE_ROWS[c.table] as readonly string[]).includes(c.row))
        return [problem(e, `${at}/row`, `${c.row} is not a row of Table ${c.table}`)]
      if (c.column !== e.record.economy_id)
        return [
          problem(e, `${at}/column`, `must be ${e.record.economy_id}: an instrument fills its own economy’s column`),
        ]
      if (!(e.record.paper_refs ?? []).includes(`table-${c.table}`))
        return [problem(e, '/paper_refs', `must include table-${c.table}: the entry fills a cell of it`)]
      return []
    }),
  )

/** The cells of Tables 1 and 2, every one of which the paper fills for each of the three economies. */
const FULL_TABLES = [1, 2] as const
const SUBJECTS = ['us', 'jp', 'eu']

const tablesFilled: Rule = (dataset) => {
  const filled = new Set(
    dataset.instruments.flatMap((e) =>
      ((e.record.table_cells ?? []) as TableCell[]).map((c) => `${c.table}|${c.row}|${c.column}`),
    ),
  )
  const home = dataset.instruments[0]
  if (!home) return []
  return FULL_TABLES.flatMap((n) =>
    TABLE_ROWS[n].flatMap((row) =>
      SUBJECTS.filter((economy) => !filled.has(`${n}|${row}|${economy}`)).map((economy) => ({
        file: home.file,
        id: `(table ${n})`,
        pointer: `/${row}/${economy}`,
        detail: `no instrument fills this cell of Table ${n}`,
      })),
    ),
  )
}

export const RULES: Rule[] = [
  tableCellsValid,
  tablesFilled,
  claimsDated,
  outsideFactsClaimed,
  preciseDatesClaimed,
  economiesCited,
  unidentifiedLifecycle,
  allianceLeaders,
  paperRefsCiteThePaper,
  actsHaveParents,
  figuresOnce,
  sectorsLinked,
]

/** Every rule's problems, in the order of RULES. */
export const checkRules = (dataset: Dataset): DatasetProblem[] => RULES.flatMap((rule) => rule(dataset))
