import { readFile } from 'node:fs/promises'
import t from 'tap'
import { parse } from 'yaml'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { Release } from '@chain-atlas/types'
import { release } from '@chain-atlas/db'
import { testApp } from '../../../helpers/app.ts'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

const cff = parse(await readFile(new URL('../../../../CITATION.cff', import.meta.url), 'utf8'))

/** The keys CFF 1.2.0 allows at the root, and those this file uses in a reference. */
const ROOT_KEYS = [
  'abstract',
  'authors',
  'cff-version',
  'commit',
  'contact',
  'date-released',
  'doi',
  'identifiers',
  'keywords',
  'license',
  'license-url',
  'message',
  'preferred-citation',
  'references',
  'repository',
  'repository-artifact',
  'repository-code',
  'title',
  'type',
  'url',
  'version',
]
const REFERENCE_KEYS = [
  'type',
  'title',
  'notes',
  'authors',
  'journal',
  'year',
  'issue',
  'start',
  'end',
  'doi',
  'languages',
]
const PERSON_KEYS = ['family-names', 'given-names', 'alias']

t.test('CITATION.cff is valid CFF 1.2.0 for a dataset citing a paper', async (t) => {
  t.equal(cff['cff-version'], '1.2.0')
  t.same(
    Object.keys(cff).filter((key) => !ROOT_KEYS.includes(key)),
    [],
    'only keys CFF 1.2.0 defines at the root',
  )
  for (const key of ['cff-version', 'message', 'title', 'authors']) t.ok(cff[key], `the required ${key}`)
  t.equal(cff.type, 'dataset')
  t.match(cff['date-released'], /^\d{4}-\d{2}-\d{2}$/, 'date-released is a YYYY-MM-DD string')
  t.match(cff.version, /^\d+\.\d+\.\d+$/, 'version is a string')
  const reference = cff['preferred-citation']
  for (const key of ['type', 'title', 'authors']) t.ok(reference[key], `preferred-citation has the required ${key}`)
  t.same(
    Object.keys(reference).filter((key) => !REFERENCE_KEYS.includes(key)),
    [],
  )
  for (const person of reference.authors)
    t.same(
      Object.keys(person).filter((key) => !PERSON_KEYS.includes(key)),
      [],
    )
  t.match(reference.doi, /^10\.\d{4,9}\/\S+$/)
})

t.test('packages/dataset/release.json is a release: a semantic version, a date, a licence, the paper', async (t) => {
  const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(Release)
  t.ok(validate(release), validate.errors ? JSON.stringify(validate.errors) : 'valid')
  t.notOk(validate({ ...release, version: 'v1' }), 'a version that is not semantic is refused')
  t.notOk(validate({ ...release, released_on: '2026-13-01' }), 'so is a date that is not one')
})

t.test('CITATION.cff says what GET /v1/dataset says', async (t) => {
  const { app } = await testApp(t)
  const dataset = (await app.inject('/v1/dataset')).json()
  t.equal(cff.version, dataset.version, 'the version')
  t.equal(cff['date-released'], dataset.released_on, 'the release date')
  t.equal(cff.license, dataset.licence.id, 'the licence')
  t.equal(cff.title, dataset.title.en, 'the title')
  t.same(cff.authors, [{ name: dataset.authors }], 'the team as author')

  const reference = cff['preferred-citation']
  const { paper } = dataset
  t.equal(reference.doi, paper.doi, 'the paper’s DOI')
  t.equal(reference.title, paper.title.zh, 'its title, as published')
  t.match(reference.notes, paper.title.en, 'and in English')
  t.same(
    reference.authors.map((a: Record<string, string>) => `${a['family-names']} ${a['given-names']}`),
    paper.authors_latin,
    'its authors in Latin script',
  )
  t.same(
    reference.authors.map((a: Record<string, string>) => a.alias),
    paper.authors,
    'and as printed',
  )
  t.equal(reference.journal, paper.container, 'its journal')
  t.equal(String(reference.year), paper.year, 'its year')
  t.equal(reference.issue, paper.issue, 'its issue')
  t.equal(`${reference.start}-${reference.end}`, paper.pages, 'its pages')
})
