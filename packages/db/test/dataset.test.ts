import t, { type Test } from 'tap'
import { COLLECTION_NAMES } from '@chain-atlas/types'
import { checkDataset, formatProblem, lawsByParent, readDataset, type Dataset } from '@chain-atlas/db'

const load = async () => {
  const { dataset, problems } = await readDataset()
  return { dataset, problems }
}

const clone = (dataset: Dataset): Dataset => structuredClone(dataset)

const firstOf = (dataset: Dataset, collection: keyof Dataset, id?: string) =>
  (id ? dataset[collection].find((e) => e.record.id === id) : dataset[collection][0])!.record

t.test(
  'the seed dataset is valid: schemas, references, sources, languages, currencies, unique ids and titles',
  async (t) => {
    const { dataset, problems } = await load()
    const all = [...problems, ...checkDataset(dataset)]
    t.same(all.map(formatProblem), [], 'no problem')
    for (const collection of COLLECTION_NAMES) t.ok(dataset[collection].length > 0, `${collection} has entries`)
  },
)

t.test('the paper itself is a source with its DOI, and every citing entry cites it or a footnote', async (t) => {
  const { dataset } = await load()
  const paper = firstOf(dataset, 'sources', 'paper-hao-ming-2024')
  t.match(paper, { doi: '10.13851/j.cnki.gjzw.202404003', kind: 'academic', language: 'zh' })
  for (const collection of ['instruments', 'doctrines', 'china-strategies'] as const) {
    t.ok(
      dataset[collection].every((e) => e.record.source_ids.length > 0),
      `every ${collection} entry cites a source`,
    )
  }
})

t.test('the checker catches each kind of slip', async (t) => {
  const { dataset } = await load()
  const expectProblem = (label: string, mutate: (d: Dataset) => void, pattern: RegExp) => {
    const broken = clone(dataset)
    mutate(broken)
    const problems = checkDataset(broken).map(formatProblem)
    t.ok(
      problems.some((p) => pattern.test(p)),
      `${label}: ${problems[0] ?? 'no problem found'}`,
    )
  }
  expectProblem(
    'an entity that does not match its schema',
    (d) => {
      firstOf(d, 'instruments').lifecycle = 'eternal'
    },
    /\/lifecycle: must be one of/,
  )
  expectProblem(
    'an unknown field',
    (d) => {
      firstOf(d, 'economies').colour = 'red'
    },
    /\/colour: is not a known field/,
  )
  expectProblem(
    'a reference to an id that does not exist',
    (d) => {
      firstOf(d, 'instruments').sector_ids.push('warp-drives')
    },
    /refers to sectors\/warp-drives/,
  )
  expectProblem(
    'a published instrument without a source',
    (d) => {
      firstOf(d, 'instruments').source_ids = []
    },
    /\/source_ids: must cite at least one source/,
  )
  expectProblem(
    'a doctrine without a source',
    (d) => {
      firstOf(d, 'doctrines').source_ids = []
    },
    /\/source_ids: must cite at least one source/,
  )
  expectProblem(
    'a China strategy without a source',
    (d) => {
      firstOf(d, 'china-strategies').source_ids = []
    },
    /\/source_ids: must cite at least one source/,
  )
  expectProblem(
    'an empty English text',
    (d) => {
      firstOf(d, 'doctrines').summary.en = ''
    },
    /\/summary\/en: must NOT have fewer than 1 characters/,
  )
  expectProblem(
    'an empty Chinese text',
    (d) => {
      firstOf(d, 'economies').name.zh = ''
    },
    /\/name\/zh: must NOT have fewer than 1 characters/,
  )
  expectProblem(
    'an unknown currency',
    (d) => {
      firstOf(d, 'instruments').amounts.push({ value: 1, currency: 'XYZ', kind: 'funding' })
    },
    /\/amounts\/\d+\/currency: must be one of/,
  )
  expectProblem(
    'a category of another level',
    (d) => {
      Object.assign(firstOf(d, 'instruments'), { level: 'global', category: 'nearshoring' })
    },
    /\/category: is not a global category/,
  )
  expectProblem(
    'duplicate ids',
    (d) => {
      d.sectors.push(structuredClone(d.sectors[0]!))
    },
    /duplicate id in sectors/,
  )
  expectProblem(
    'duplicate titles within an economy',
    (d) => {
      const [a, b] = d.instruments.filter((e) => e.record.economy_id === 'us').map((e) => e.record)
      b!.title = { ...a!.title }
    },
    /same title as/,
  )
})

/** Plants a slip in a copy of the dataset and expects the checker to name it. */
const plants = async (t: Test) => {
  const { dataset } = await load()
  return (label: string, mutate: (d: Dataset) => void, pattern: RegExp) => {
    const broken = clone(dataset)
    mutate(broken)
    const problems = checkDataset(broken).map(formatProblem)
    t.ok(
      problems.some((p) => pattern.test(p)),
      `${label}: ${problems.find((p) => pattern.test(p)) ?? problems[0] ?? 'no problem found'}`,
    )
  }
}

t.test('the rules of evidence: nothing is asserted that the evidence does not say', async (t) => {
  const expectProblem = await plants(t)
  expectProblem(
    'an unidentified instrument said to be in force',
    (d) => {
      firstOf(d, 'instruments', 'eu-gcc-cooperation').lifecycle = 'in_force'
    },
    /eu-gcc-cooperation\/lifecycle: must be unknown/,
  )
  expectProblem(
    'a leader for a grouping of uncertain identity',
    (d) => {
      firstOf(d, 'alliances', '6g-alliance').leader_id = 'us'
    },
    /6g-alliance\/leader_id: must be absent/,
  )
  expectProblem(
    'a leader that is not a member',
    (d) => {
      firstOf(d, 'alliances', 'chip-4').leader_id = 'cn'
    },
    /chip-4\/leader_id: cn leads the alliance but is not among its member_ids/,
  )
  expectProblem(
    'an economy pointing at the paper without citing it',
    (d) => {
      firstOf(d, 'economies', 'cd').paper_refs = ['table-3']
    },
    /cd\/paper_refs: names places in the paper/,
  )
})

t.test('each act split across table cells is one parent record, and counts once', async (t) => {
  const expectProblem = await plants(t)
  expectProblem(
    'a part of an act without its parent',
    (d) => {
      delete firstOf(d, 'instruments', 'us-ira-ev-green-tech-2022').parent_id
    },
    /us-ira-ev-green-tech-2022\/parent_id: must be us-inflation-reduction-act-2022/,
  )
  expectProblem(
    'a part of an act that has no record',
    (d) => {
      d.instruments = d.instruments.filter((e) => e.record.id !== 'jp-economic-security-promotion-act-2022')
    },
    /jp-espa-basic-capacity-2022\/parent_id: is a part of 《经济安全保障推进法》, which has no record/,
  )

  const { dataset } = await load()
  const records = dataset.instruments.map((e) => e.record)
  const parts = (act: string) => records.filter((r) => r.parent_id === act).map((r) => r.id)
  t.equal(parts('jp-economic-security-promotion-act-2022').length, 3, 'the ESPA fills three cells')
  t.equal(parts('us-inflation-reduction-act-2022').length, 2, 'the IRA two')
  t.equal(parts('us-infrastructure-investment-and-jobs-act-2021').length, 2, 'the IIJA two')
  t.equal(parts('us-national-standards-strategy-cet-2023').length, 2, 'the standards strategy two')
  const laws = lawsByParent(records)
  t.ok(laws.parts >= 8, 'ESPA ×3, IRA ×2, IIJA ×2 and USICA fold into their acts')
  const unlinked = lawsByParent(records.map(({ parent_id: _, ...r }) => r as (typeof records)[number]))
  t.equal(unlinked.total, laws.total + laws.parts, 'without parents every part would count as a law of its own')
})

t.test('a claim made of several entries together is stored once, and no figure twice', async (t) => {
  const { dataset } = await load()
  const group = firstOf(dataset, 'assessments', 'finding-global-rules-contest')
  t.match(group.figures, [{ value: 99, unit: 'percent', qualifier: 'about' }], 'the 99% lives on the assessment')
  const members = dataset.instruments.filter((e) => e.record.assessment_ids?.includes(group.id)).map((e) => e.record)
  t.same(
    members.map((r) => r.id).sort(),
    ['eu-japan-epa-2019', 'eu-ttip-2013', 'jp-cptpp-2018', 'us-usmca-2020'],
    'the four agreements name it',
  )
  t.ok(
    members.every((r) => !r.components && !(r.figures ?? []).some((f: { value?: number }) => f.value === 99)),
    'none holds a copy of the figure or the components',
  )

  const expectProblem = await plants(t)
  expectProblem(
    'the group figure copied to a member',
    (d) => {
      const usmca = firstOf(d, 'instruments', 'us-usmca-2020')
      usmca.figures = [structuredClone(group.figures[0])]
    },
    /us-usmca-2020\/figures\/0: repeats the figure stored at assessments\/finding-global-rules-contest\/figures\/0/,
  )
  expectProblem(
    'an amount entered twice',
    (d) => {
      const chips = firstOf(d, 'instruments', 'us-chips-and-science-act-2022')
      chips.amounts.push(structuredClone(chips.amounts[0]))
    },
    /us-chips-and-science-act-2022\/amounts\/1: repeats the figure stored at instruments\/us-chips-and-science-act-2022\/amounts\/0/,
  )
})

t.test('every sector is linked to an entry, as the paper links it', async (t) => {
  const { dataset } = await load()
  const names = (collection: 'instruments' | 'china-strategies' | 'assessments', id: string) =>
    firstOf(dataset, collection, id).sector_ids as string[]
  t.ok(names('china-strategies', 'us-china-strategy').includes('basic-research'), 'small yard: basic research')
  t.ok(names('instruments', 'eu-critical-raw-materials-act-2024').includes('strategic-raw-materials'), 'the 65% rule')
  t.ok(names('assessments', 'finding-national-node-security').includes('quantum-computing'), 'subsidised R&D')
  t.ok(names('instruments', 'eu-global-gateway-2021').includes('blockchain'), 'new infrastructure fields')
  t.ok(names('instruments', 'jp-cptpp-2018').includes('digital-trade'), 'trade agreements: digital trade')

  const expectProblem = await plants(t)
  expectProblem(
    'a sector nothing names',
    (d) => {
      d.sectors.push({
        file: 'sectors/sectors.json',
        record: { ...structuredClone(firstOf(d, 'sectors', 'blockchain')), id: 'warp-drives' },
      })
    },
    /warp-drives\/id: no entry names this sector/,
  )
  expectProblem(
    'a sector whose only link is removed',
    (d) => {
      for (const e of d.instruments) e.record.sector_ids = e.record.sector_ids.filter((s: string) => s !== 'blockchain')
    },
    /blockchain\/id: no entry names this sector/,
  )
})

t.test('claims name their own sources, and a source cannot support a fact it predates', async (t) => {
  const { dataset } = await load()
  const chips = firstOf(dataset, 'instruments', 'eu-chips-act-2023')
  t.match(chips.claims, [{ field: 'start_date', source_ids: ['eurlex-2023-1781-chips-act'] }], 'the date cites EUR-Lex')
  t.match(firstOf(dataset, 'sources', 'eurlex-2023-1781-chips-act'), {
    published_on: '2023-09-13',
    url: 'https://eur-lex.europa.eu/eli/reg/2023/1781/oj',
  })
  t.match(
    firstOf(dataset, 'instruments', 'us-chips-and-science-act-2022').amounts,
    [{ value: 52_700_000_000, source_ids: ['paper-hao-ming-2024'], locator: 'Table 1, row 3, US' }],
    'an amount names its source and cell',
  )
  t.notOk(
    dataset.alliances.some((e) => e.record.source_ids.includes('yin-liu-2021-biden-tech-alliance-strategy')),
    'no alliance cites the 2021 article',
  )

  const expectProblem = await plants(t)
  expectProblem(
    'a 2024 package dated by 2023 remarks only',
    (d) => {
      firstOf(d, 'china-strategies', 'eu-china-strategy').evidence[3].source_ids = [
        'ec-2023-economic-security-strategy-press-remarks',
      ]
    },
    /eu-china-strategy\/evidence\/3\/date: 2024-01: no source of this fact is dated on or after it/,
  )
  expectProblem(
    'a founding year claimed from an article published before it',
    (d) => {
      firstOf(d, 'alliances', 'minerals-security-partnership').claims[0].source_ids = [
        'yin-liu-2021-biden-tech-alliance-strategy',
      ]
    },
    /minerals-security-partnership\/claims\/0: founded_year 2022: no source of the claim is dated on or after it/,
  )
  expectProblem(
    'a founding year the paper does not give, without a claim',
    (d) => {
      firstOf(d, 'alliances', 'chip-4').founded_year = 2022
    },
    /chip-4\/founded_year: the paper does not give it/,
  )
  expectProblem(
    'a claim citing a source that does not exist',
    (d) => {
      firstOf(d, 'instruments', 'eu-chips-act-2023').claims[0].source_ids = ['eurlex-nowhere']
    },
    /eu-chips-act-2023\/claims\/0\/source_ids\/0: refers to sources\/eurlex-nowhere/,
  )
  expectProblem(
    'a claim about a field that is not a date or a membership',
    (d) => {
      firstOf(d, 'instruments', 'eu-chips-act-2023').claims[0].field = 'summary'
    },
    /eu-chips-act-2023\/claims\/0\/field: must be one of/,
  )
  expectProblem(
    'an amount citing a source that does not exist',
    (d) => {
      firstOf(d, 'instruments', 'us-chips-and-science-act-2022').amounts[0].source_ids = ['nowhere']
    },
    /us-chips-and-science-act-2022\/amounts\/0\/source_ids\/0: refers to sources\/nowhere/,
  )
})

t.test('each entry says which cell of Tables 1–3 it fills', async (t) => {
  const { dataset } = await load()
  t.match(firstOf(dataset, 'instruments', 'eu-chips-act-2023').table_cells, [
    { table: 1, row: 'high_end_capacity', column: 'eu', position: 1 },
  ])
  t.equal(
    dataset.instruments.filter((e) => e.record.table_cells?.some((c: { table: number }) => c.table === 1)).length,
    27,
    'Table 1 holds 27 entries (its 12 cells, each act’s part once per cell)',
  )
  const expectProblem = await plants(t)
  expectProblem(
    'a row of another table',
    (d) => {
      firstOf(d, 'instruments', 'eu-chips-act-2023').table_cells[0].row = 'transport'
    },
    /eu-chips-act-2023\/table_cells\/0\/row: transport is not a row of Table 1/,
  )
  expectProblem(
    'another economy’s column',
    (d) => {
      firstOf(d, 'instruments', 'eu-chips-act-2023').table_cells[0].column = 'us'
    },
    /eu-chips-act-2023\/table_cells\/0\/column: must be eu/,
  )
  expectProblem(
    'a cell of a table the entry does not cite',
    (d) => {
      firstOf(d, 'instruments', 'eu-chips-act-2023').paper_refs = ['part-3.1']
    },
    /eu-chips-act-2023\/paper_refs: must include table-1/,
  )
  expectProblem(
    'an empty cell of Table 1',
    (d) => {
      delete firstOf(d, 'instruments', 'jp-foreign-exchange-foreign-trade-act-2020').table_cells
    },
    /\(table 1\)\/trade_protection\/jp: no instrument fills this cell of Table 1/,
  )
})

t.test('every economy cites a source, and every month or day names the document that states it', async (t) => {
  const { dataset } = await load()
  t.ok(
    dataset.economies.every((e) => (e.record.source_ids ?? []).length > 0),
    'no economy without a source',
  )
  t.match(
    firstOf(dataset, 'economies', 'cd'),
    { source_ids: ['state-2023-lobito-corridor-mou'] },
    'the DRC: the Lobito note',
  )
  t.match(
    firstOf(dataset, 'instruments', 'us-usmca-2020').claims,
    [{ field: 'start_date', source_ids: ['state-2020-usmca-entry-into-force'] }],
    'the USMCA’s entry into force cites the State Department, not the paper',
  )
  t.match(
    firstOf(dataset, 'concepts', 'alliance-of-techno-democracies').claims,
    [{ field: 'coined_on', source_ids: ['paper-hao-ming-2024'], locator: /2021年1月/ }],
    'a date the paper states cites the paper where it states it',
  )

  const expectProblem = await plants(t)
  expectProblem(
    'an economy without a source',
    (d) => {
      delete firstOf(d, 'economies', 'fj').source_ids
    },
    /fj\/source_ids: must cite a source/,
  )
  expectProblem(
    'an entry-into-force date with no claim',
    (d) => {
      delete firstOf(d, 'instruments', 'us-usmca-2020').claims
    },
    /us-usmca-2020\/start_date: 2020-07-01: a month or a day must name its source/,
  )
  expectProblem(
    'a date cited to the paper without saying where the paper states it',
    (d) => {
      firstOf(d, 'instruments', 'us-usmca-2020').claims = [{ field: 'start_date', source_ids: ['paper-hao-ming-2024'] }]
    },
    /us-usmca-2020\/start_date: 2020-07-01: cited to the paper alone/,
  )
})
