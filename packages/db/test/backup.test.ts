import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { importBackup, isEmpty, type Backup } from '@chain-atlas/db'
import { testApp } from '../../../tests/helpers/app.ts'
import { adminSession } from '../../../tests/helpers/accounts.ts'
import { SERVER_URL, testDatabase } from '../../../tests/helpers/database.ts'
import { tempDir } from '../../../tests/helpers/temp-dir.ts'

const run = promisify(execFile)

t.test('an export imported into an empty database gives the same export, curators’ changes included', async (t) => {
  const { app } = await testApp(t)
  const admin = await adminSession(app)
  const write = (method: 'POST' | 'PATCH', url: string, payload?: object, version?: number) =>
    app.inject({
      method,
      url,
      payload,
      headers: {
        ...admin.headers,
        ...(version ? { 'if-match': `"v${version}"` } : {}),
        ...(method === 'PATCH' ? { 'content-type': 'application/merge-patch+json' } : {}),
      },
    })
  const source = {
    id: 'test-2026-backup-report',
    kind: 'report',
    title: { en: 'A report', zh: '一份报告' },
    language: 'en',
  }
  t.equal((await write('POST', '/v1/sources', source)).statusCode, 201, 'a new source')
  t.equal((await write('POST', `/v1/sources/${source.id}/submit`, undefined, 1)).statusCode, 200, 'submitted')
  t.equal((await write('POST', `/v1/sources/${source.id}/publish`, undefined, 2)).statusCode, 200, 'published')
  t.equal((await write('PATCH', '/v1/instruments/eu-chips-act-2023', { acronym: 'ECA' }, 1)).statusCode, 200, 'an edit')
  t.equal((await write('POST', '/v1/instruments/eu-chips-act-2023/submit', undefined, 2)).statusCode, 200, 'submitted')
  t.equal((await write('POST', '/v1/instruments/eu-chips-act-2023/publish', undefined, 3)).statusCode, 200, 'published')
  const before = (await app.inject('/v1/export')).json() as Backup

  const { app: restored } = await testApp(t, 'migrated')
  const { imported } = await importBackup(restored.database.db, before)
  t.equal(
    imported,
    Object.values(before).reduce((n, list) => n + list.length, 0),
    'every entry imported',
  )
  const after = (await restored.inject('/v1/export')).json()
  t.same(after, before, 'the same export: ids, versions, states, times and content')
  t.equal(
    (await restored.inject('/v1/instruments/eu-chips-act-2023')).headers.etag,
    '"v4"',
    'versions carry over, so clients’ ETags stay valid',
  )
})

t.test('an import refuses a database with entries, and a broken backup, writing nothing', async (t) => {
  const { app } = await testApp(t)
  const backup = (await app.inject('/v1/export')).json() as Backup
  await t.rejects(importBackup(app.database.db, backup), /already holds entries/, 'not over existing data')

  const empty = await testDatabase(t, 'migrated')
  const broken = structuredClone(backup)
  broken.instruments[0]!.economy_id = 'atlantis'
  broken.sources.pop()
  await t.rejects(
    importBackup(empty.db, broken),
    /refers to economies\/atlantis, which does not exist/,
    'a dangling reference is named',
  )
  t.ok(await isEmpty(empty.db), 'nothing was written')
})

t.test('pnpm data:export and pnpm data:import round-trip through a file', async (t) => {
  const dir = await tempDir(t, 'atlas-backup-')
  const source: Record<string, string> = SERVER_URL
    ? { DATABASE_URL: (await testDatabase(t, 'seeded')).url! }
    : { DATA_DIR: join(dir, 'source') }
  const target: Record<string, string> = SERVER_URL
    ? { DATABASE_URL: (await testDatabase(t, 'migrated')).url! }
    : { DATA_DIR: join(dir, 'target') }
  const cli = (script: string, env: Record<string, string>, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', `packages/db/src/cli/${script}.ts`, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
    })
  if (!SERVER_URL) await cli('seed', source)

  await cli('export', source, '--out', join(dir, 'backup.json'))
  const { stdout } = await cli('import', target, join(dir, 'backup.json'))
  t.match(stdout, /imported \d+ entries/, 'the import reports what it did')
  await cli('export', target, '--out', join(dir, 'again.json'))
  t.same(
    JSON.parse(await readFile(join(dir, 'again.json'), 'utf8')),
    JSON.parse(await readFile(join(dir, 'backup.json'), 'utf8')),
    'the same export',
  )

  await writeFile(join(dir, 'bad.json'), '{"instruments": "nope"')
  const failed = await cli('import', target, join(dir, 'bad.json')).then(
    () => null,
    (error) => error,
  )
  t.equal(failed?.code, 1, 'a broken file fails the command')
  t.match(failed?.stderr, /cannot read/, 'saying why')
})
