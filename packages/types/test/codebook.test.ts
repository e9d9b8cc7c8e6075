import { execFile } from 'node:child_process'
import { copyFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import {
  CATEGORIES_BY_LEVEL,
  COLLECTION_NAMES,
  LIFECYCLES,
  collectionSpecs,
  describeCodebook,
  type CodebookField,
} from '@chain-atlas/types'
import * as DEFINITIONS from '../src/codebook/definitions.ts'
import { tempDir } from '../../../tests/helpers/temp-dir.ts'

const run = promisify(execFile)
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
  // As if the schema had gained `unknown`: the table's list no longer matches the schema's.
  const { problems } = describeCodebook({
    ...DEFINITIONS,
    FIELD_DEFINITIONS: {
      ...DEFINITIONS.FIELD_DEFINITIONS,
      'instruments.retired_field': { en: 'Gone.', zh: '已删除。' },
    },
    ENUMERATIONS: { ...DEFINITIONS.ENUMERATIONS, lifecycle: { ...lifecycle, values: [...LIFECYCLES, 'unknown'] } },
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
