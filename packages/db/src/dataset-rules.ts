// Rules of evidence the seed dataset keeps beyond its schemas (issue 22): what an entry may assert
// follows from the documents it cites. Each rule returns the problems it finds, naming file, id and field.
import { COLLECTION_NAMES, referencesOf } from '@chain-atlas/types'
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

export const RULES: Rule[] = [
  unidentifiedLifecycle,
  allianceLeaders,
  paperRefsCiteThePaper,
  actsHaveParents,
  figuresOnce,
  sectorsLinked,
]

/** Every rule's problems, in the order of RULES. */
export const checkRules = (dataset: Dataset): DatasetProblem[] => RULES.flatMap((rule) => rule(dataset))
