import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { COLLECTION_NAMES } from '@chain-atlas/types'
import { DEFAULT_DATASET_DIR, DatasetError, exportEntities, isEmpty, readDataset, seedFromFiles } from '@chain-atlas/db'
import { testDatabase } from '../../../tests/helpers/database.ts'
import { tempDir } from '../../../tests/helpers/temp-dir.ts'

const copyDataset = async (t: { teardown(fn: () => unknown): void }) => {
  const dir = await tempDir(t, 'atlas-dataset-')
  await cp(DEFAULT_DATASET_DIR, dir, { recursive: true })
  return dir
}

const editFile = async (path: string, edit: (records: any[]) => void) => {
  const records = JSON.parse(await readFile(path, 'utf8'))
  edit(records)
  await writeFile(path, JSON.stringify(records, null, 2))
}

t.test('seeding loads every entry, published, and a second run changes nothing', async (t) => {
  const database = await testDatabase(t, 'migrated')
  const { dataset } = await readDataset()
  const total = COLLECTION_NAMES.reduce((n, c) => n + dataset[c].length, 0)

  const first = await seedFromFiles(database.db)
  t.same(first, { inserted: total, updated: 0, unchanged: 0 }, 'the first run inserts every entry')
  const before = await exportEntities(database.db, ['draft', 'in_review', 'published', 'archived'])
  for (const c of COLLECTION_NAMES) {
    t.equal(before[c].length, dataset[c].length, `${c}: every entry is stored`)
    t.ok(
      before[c].every((e) => e.status === 'published'),
      `${c}: entries are published`,
    )
  }

  const second = await seedFromFiles(database.db)
  t.same(second, { inserted: 0, updated: 0, unchanged: total }, 'the second run inserts nothing')
  const againInUpdateMode = await seedFromFiles(database.db, undefined, 'update')
  t.same(againInUpdateMode, { inserted: 0, updated: 0, unchanged: total }, 'update mode finds nothing changed')
  t.same(
    await exportEntities(database.db, ['published']),
    before,
    'the stored data is identical, versions and times included',
  )
})

t.test('update mode overwrites a changed entry and raises its version', async (t) => {
  const database = await testDatabase(t, 'migrated')
  const dir = await copyDataset(t)
  const { inserted } = await seedFromFiles(database.db, dir)
  await editFile(join(dir, 'economies/economies.json'), (records) => {
    records.find((r) => r.id === 'jp').name.en = 'Japan (renamed)'
  })
  t.same(
    await seedFromFiles(database.db, dir),
    { inserted: 0, updated: 0, unchanged: inserted },
    'the default mode keeps curators’ edits',
  )
  t.same(
    await seedFromFiles(database.db, dir, 'update'),
    { inserted: 0, updated: 1, unchanged: inserted - 1 },
    'update mode changes that entry only',
  )
  const { economies } = await exportEntities(database.db, ['published'])
  const japan = economies.find((e) => e.id === 'jp')!
  t.equal((japan.name as { en: string }).en, 'Japan (renamed)')
  t.equal(japan.version, 2, 'its version went up by one')
})

t.test('a broken seed file is rejected whole, naming file, id and field', async (t) => {
  const database = await testDatabase(t, 'migrated')
  const dir = await copyDataset(t)
  await editFile(join(dir, 'instruments/national.json'), (records) => {
    records[records.length - 1].level = 'planetary'
  })
  const error = await seedFromFiles(database.db, dir).catch((e: unknown) => e)
  t.type(error, DatasetError)
  const { dataset } = await readDataset(dir)
  const broken = dataset.instruments.filter((e) => e.file === 'instruments/national.json').at(-1)!.record.id
  t.match(
    (error as Error).message,
    `instruments/national.json: ${broken}/level: must be one of`,
    'the message names file, id and field',
  )
  t.ok(await isEmpty(database.db), 'nothing was written')
})

t.test('a reference to an id that does not exist is rejected before anything is written', async (t) => {
  const database = await testDatabase(t, 'migrated')
  const dir = await copyDataset(t)
  await editFile(join(dir, 'doctrines/doctrines.json'), (records) => {
    records[0].source_ids.push('no-such-source')
  })
  const error = (await seedFromFiles(database.db, dir).catch((e: unknown) => e)) as DatasetError
  t.type(error, DatasetError)
  t.match(
    error.message,
    /doctrines\/doctrines\.json: [a-z-]+\/source_ids\/\d+: refers to sources\/no-such-source, which does not exist/,
  )
  t.ok(await isEmpty(database.db), 'nothing was written')
})

t.test('a file that is not JSON is named in the error', async (t) => {
  const database = await testDatabase(t, 'migrated')
  const dir = await copyDataset(t)
  await writeFile(join(dir, 'sectors/zz-broken.json'), '[{"id": "x",')
  const error = (await seedFromFiles(database.db, dir).catch((e: unknown) => e)) as DatasetError
  t.match(error.message, 'sectors/zz-broken.json: (file): is not valid JSON')
  t.ok(await isEmpty(database.db), 'nothing was written')
})
