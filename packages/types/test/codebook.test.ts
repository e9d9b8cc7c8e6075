import { execFile } from 'node:child_process'
import { copyFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import {
  CATEGORIES_BY_LEVEL,
  CLAIM_FIELDS,
  COLLECTION_NAMES,
  LIFECYCLES,
  collectionSpecs,
  describeCodebook,
  type CodebookField,
} from '@chain-atlas/types'
import * as DEFINITIONS from '../src/codebook/definitions.ts'
import { tempDir } from '../../../tests/helpers/temp-dir.ts'

const run = promisify(execFile)
const sameList = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join()
const SCRIPT = 'packages/types/src/cli/write-codebook.ts'
const runScript = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', SCRIPT, ...args])
    .then(({ stdout }) => ({ code: 0, stdout, stderr: '' }))
    .catch((error: { code: number; stdout: string; stderr: string }) => error)

t.test('every collection, field, type and enumeration value is defined in English and Chinese', async (t) => {
  const { codebook, problems } = describeCodebook()
  t.same(problems, [], 'nothing lacks a definition, and the table defines nothing that does not exist')
  t.same(
    codebook.collections.map((c) => c.name),
    [...COLLECTION_NAMES],
  )
  for (const collection of codebook.collections)
    t.same(
      collection.fields.map((f) => f.name),
      Object.keys(collectionSpecs[collection.name].fields),
      `${collection.name}: every field of its schema, in order`,
    )
  const lifecycle = codebook.enumerations.find((e) => e.name === 'lifecycle')
  t.same(
    lifecycle?.values.map((v) => v.value),
    [...LIFECYCLES],
    'an enumeration holds the values of the schema',
  )
  const categories = codebook.enumerations.find((e) => e.name === 'instrument_category')!
  t.equal(categories.grouped_by, 'level')
  for (const [level, values] of Object.entries(CATEGORIES_BY_LEVEL))
    for (const value of values)
      t.equal(categories.values.find((v) => v.value === value)?.group, level, `category ${value} is of level ${level}`)
  const currency = codebook.enumerations.find((e) => e.name === 'currency')
  t.equal(currency?.standard, 'ISO 4217', 'an enumeration a standard defines says which')
  const usd = currency?.values.find((v) => v.value === 'USD')
  t.same(usd?.definition, { en: 'US Dollar', zh: '美元' }, 'currency codes are named in both languages')
})

t.test('a field, type reference and enumeration are described as the schema has them', async (t) => {
  const { codebook } = describeCodebook()
  const instruments = codebook.collections.find((c) => c.name === 'instruments')!
  const field = (name: string) => instruments.fields.find((f) => f.name === name) as CodebookField
  t.match(field('economy_id'), { type: 'slug', list: false, required: true, references: 'economies' })
  t.match(field('sector_ids'), { type: 'slug', list: true, required: true, references: 'sectors' })
  t.match(field('year'), { type: 'year', nullable: true, required: true })
  t.match(field('lifecycle'), { type: 'enumeration', enumeration: 'lifecycle' })
  t.match(field('figures'), { type: 'fact', list: true, required: false })
  t.equal(
    field('sector_ids').definition.en,
    'Sectors the instrument targets.',
    'the English is the schema’s own description',
  )
  const fact = codebook.types.find((t) => t.name === 'fact')!
  t.match(
    fact.fields?.find((f) => f.name === 'source_ids'),
    { references: 'sources', list: true },
    'a reference inside a value type names its collection',
  )
})

t.test('an enumeration of field names points at the fields; a reused value keeps its one definition', async (t) => {
  const { codebook, problems } = describeCodebook()
  const claimFields = codebook.enumerations.filter((e) =>
    sameList(
      e.values.map((v) => v.value),
      CLAIM_FIELDS,
    ),
  )
  t.same(
    claimFields.map((e) => e.name),
    ['claim_field'],
    'the claims of every collection share one enumeration',
  )
  t.same(claimFields[0]!.values.find((v) => v.value === 'start_date')?.definition, {
    en: 'The entry’s field `start_date` (Start), as its collection defines it.',
    zh: '条目的字段 `start_date`（开始日期），定义见其所属集合。',
  })
  const instruments = codebook.collections.find((c) => c.name === 'instruments')!
  const row = instruments.fields.find((f) => f.name === 'table_cells')?.fields?.find((f) => f.name === 'row')
  t.equal(row?.enumeration, 'table_row')
  const rows = codebook.enumerations.find((e) => e.name === 'table_row')!
  const categories = codebook.enumerations.find((e) => e.name === 'instrument_category')!
  t.same(
    rows.values.find((v) => v.value === 'risk_management')?.definition,
    categories.values.find((v) => v.value === 'risk_management')?.definition,
    'a category row is defined by the category',
  )
  t.equal(rows.values.find((v) => v.value === 'transport')?.group, '3', 'a row is grouped by its table')
  t.same(problems, [])

  // As if `unit` were declared an enumeration of field names: its values name no field.
  const notFields = describeCodebook({
    ...DEFINITIONS,
    ENUMERATIONS: {
      ...DEFINITIONS.ENUMERATIONS,
      unit: { ...DEFINITIONS.ENUMERATIONS.unit!, meanings: {}, fieldNames: true },
    },
  }).problems
  t.ok(notFields.includes("enumeration unit: percent is no collection's field"), 'a value that names no field')
  t.ok(notFields.includes('enumeration unit: percent: no English definition'), 'is left undefined')
  const { table_row: tableRow, ...others } = DEFINITIONS.ENUMERATIONS
  const unreused = describeCodebook({
    ...DEFINITIONS,
    ENUMERATIONS: { ...others, table_row: { ...tableRow!, reuses: [] } },
  })
  t.ok(
    unreused.problems.includes('enumeration table_row: risk_management: no English definition'),
    'without the reuse the category rows are undefined',
  )
})

t.test('a missing definition is named, in either language', async (t) => {
  const { 'instruments.lifecycle': _dropped, ...fields } = DEFINITIONS.FIELD_DEFINITIONS
  const lifecycle = DEFINITIONS.ENUMERATIONS.lifecycle!
  const { in_force: _inForce, ...meanings } = lifecycle.meanings as Record<string, { en: string; zh: string }>
  const { problems } = describeCodebook({
    ...DEFINITIONS,
    FIELD_DEFINITIONS: { ...fields, 'concepts.term': { en: 'The term.', zh: '' } },
    ENUMERATIONS: { ...DEFINITIONS.ENUMERATIONS, lifecycle: { ...lifecycle, meanings } },
  })
  for (const expected of [
    'instruments.lifecycle: no English definition',
    'instruments.lifecycle: no Chinese definition',
    'enumeration lifecycle: in_force: no English definition',
    'enumeration lifecycle: in_force: no Chinese definition',
    'concepts.term: no Chinese definition',
  ])
    t.ok(problems.includes(expected), expected)
})

t.test('a value the schema gains, and a definition of nothing, are problems', async (t) => {
  const lifecycle = DEFINITIONS.ENUMERATIONS.lifecycle!
  // As if the table listed a value the schema lacks (`paused`): the lists no longer match.
  const { problems } = describeCodebook({
    ...DEFINITIONS,
    FIELD_DEFINITIONS: {
      ...DEFINITIONS.FIELD_DEFINITIONS,
      'instruments.retired_field': { en: 'Gone.', zh: '已删除。' },
    },
    ENUMERATIONS: { ...DEFINITIONS.ENUMERATIONS, lifecycle: { ...lifecycle, values: [...LIFECYCLES, 'paused'] } },
  })
  t.ok(
    problems.includes('enumeration instruments.lifecycle: in_force: no Chinese definition'),
    'its values are undefined',
  )
  t.ok(problems.includes('enumeration lifecycle: defined, but no schema has its values'))
  t.ok(problems.includes('field instruments.retired_field: defined, but no schema has it'))
  const sourceUrl = describeCodebook({
    ...DEFINITIONS,
    FIELD_DEFINITIONS: { ...DEFINITIONS.FIELD_DEFINITIONS, 'sources.url': { en: 'Again.', zh: '网址。' } },
  }).problems
  t.ok(
    sourceUrl.some((p) => p.startsWith('sources.url: the schema')),
    'an English definition is written once: in the schema or in the table',
  )
})

t.test('docs/codebook.md is what `pnpm codebook:generate` writes; --check fails on any other', async (t) => {
  const committed = await runScript('--check')
  t.equal(committed.code, 0, committed.stderr || 'up to date (else run `pnpm codebook:generate` and commit it)')
  const dir = await tempDir(t, 'codebook-')
  const copy = join(dir, 'codebook.md')
  await copyFile('docs/codebook.md', copy)
  t.equal((await runScript('--check', `--file=${copy}`)).code, 0, 'an identical copy passes')
  await writeFile(copy, (await readFile(copy, 'utf8')).replace('Increases by one on every change.', 'Edited by hand.'))
  const edited = await runScript('--check', `--file=${copy}`)
  t.equal(edited.code, 1, 'a copy edited by hand fails')
  t.match(edited.stderr, /is out of date: run `pnpm codebook:generate`/)
  t.equal((await runScript(`--file=${copy}`)).code, 0, 'generate writes it anew')
  t.equal(await readFile(copy, 'utf8'), await readFile('docs/codebook.md', 'utf8'))
})
