import { execFile } from 'node:child_process'
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { testApp } from '../../../tests/helpers/app.ts'
import { adminSession, roleKeys } from '../../../tests/helpers/accounts.ts'
import { userEnvironment } from '../../../tests/helpers/processes.ts'
import { tempDir } from '../../../tests/helpers/temp-dir.ts'

const runFile = promisify(execFile)

type Run = { code: number; stdout: string; stderr: string }

/** Runs `chain-atlas` as a user would, through its bin, in a process of its own. */
const cli = (env: Record<string, string>, ...args: string[]) =>
  new Promise<Run>((resolve) => {
    execFile(
      process.execPath,
      ['apps/cli/bin/chain-atlas.js', ...args],
      { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })

t.test('chain-atlas end to end against a listening API', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const env = { CHAIN_ATLAS_URL: await app.listen({ port: 0, host: '127.0.0.1' }) }
  const run = (...args: string[]) => cli(env, ...args)

  await t.test('search every collection, in Chinese, as a table and as JSON', async (t) => {
    const table = await run('search', 'CHIPS and Science Act', '--limit', '5')
    t.equal(table.code, 0, table.stderr)
    t.match(table.stdout, /│ collection\s+│ id\s+│ title\s+│ matched/)
    t.match(table.stdout, /instruments\s+│ us-chips-and-science-act-2022 .* CHIPS and Science Act of 2022/)
    t.notMatch(table.stdout, '\u001b[', 'no colour codes in a pipe')
    const zh = await run('search', '芯片与科学法案', '--lang', 'zh')
    t.match(zh.stdout, '《2022年芯片与科学法案》', '--lang zh shows the Chinese titles')
    const json = await run('--json', 'search', 'security', '--limit', '25')
    const found = JSON.parse(json.stdout)
    t.equal(found.length, 25, '--limit across pages')
    t.ok(new Set(found.map((h: { collection: string }) => h.collection)).size > 1, 'hits from several collections')
  })

  await t.test('compare economies by level', async (t) => {
    const national = await run('compare', 'us,jp,eu', '--level', 'national')
    t.equal(national.code, 0, national.stderr)
    t.match(national.stdout, /│ category\s+│ United States\s+│ Japan\s+│ European Union/)
    t.match(national.stdout, '• CHIPS and Science Act of 2022 (2022)')
    const json = JSON.parse((await run('compare', 'us,jp', '--level', 'regional', '--json')).stdout)
    t.equal(json.level, 'regional')
    t.same(
      json.economies.map((e: { id: string }) => e.id),
      ['us', 'jp'],
    )
  })

  await t.test('export streams every format to stdout; the progress bar goes to stderr', async (t) => {
    const ndjson = await run('export', '--format', 'ndjson')
    const lines = ndjson.stdout.trim().split('\n')
    const json = await run('export', '--format', 'json')
    t.same(
      JSON.parse(json.stdout),
      lines.map((l) => JSON.parse(l)),
      'JSON and NDJSON hold the same instruments',
    )
    const csv = await run('export', '--format', 'csv', '--economy', 'jp', '--progress')
    t.equal(csv.code, 0, csv.stderr)
    t.ok(csv.stdout.startsWith('\uFEFFid,'), 'the CSV with its byte-order mark and header, untouched')
    const rows = csv.stdout.trim().split('\n').length - 1
    t.match(csv.stderr, `${rows}/${rows} instruments`, 'the progress bar reaches the total, on stderr')
    t.notMatch(csv.stdout, 'instruments ', 'nothing of it in the data')
    t.equal((await run('export', '--format', 'csv')).stderr, '', 'no bar when stderr is not a terminal')
  })

  await t.test('list and get, drafts with an API key', async (t) => {
    const list = await run('list', 'economies', '--limit', '3')
    t.equal(list.stdout.match(/│ published │/g)?.length, 3)
    const one = JSON.parse((await run('get', 'instruments', 'us-chips-and-science-act-2022', '--json')).stdout)
    t.match(one, { id: 'us-chips-and-science-act-2022', economy_id: 'us' })
    t.match((await run('get', 'economies', 'jp', '--lang', 'zh')).stdout, /│ name\s+│ 日本/)
    const withKey = await cli(
      { ...env, CHAIN_ATLAS_API_KEY: keys.viewer.headers.authorization!.replace('Bearer ', '') },
      'list',
      'sources',
      '--status',
      'draft,published',
      '--json',
    )
    t.equal(withKey.code, 0, withKey.stderr)
  })

  await t.test('list takes every filter of its collection; one it has not is named', async (t) => {
    const jp = JSON.parse(
      (await run('list', 'instruments', '--economy', 'jp', '--year-from', '2022', '--level', 'national', '--json'))
        .stdout,
    )
    t.ok(jp.length > 0, 'Japanese national instruments since 2022')
    t.ok(
      jp.every((i: { economy_id: string; year: number; level: string }) => i.economy_id === 'jp' && i.year >= 2022),
      'each matches every filter',
    )
    const members = JSON.parse((await run('list', 'alliances', '--member', 'jp', '--json')).stdout)
    t.ok(
      members.some((a: { id: string }) => a.id === 'chip-4'),
      'another collection, its own filter',
    )
    const wrong = await run('list', 'economies', '--level', 'national')
    t.equal(wrong.code, 1)
    t.match(wrong.stderr, '--level does not filter economies; it takes --kind, --region, --role')
    const unknown = await run('list', 'instruments', '--economy', 'usa')
    t.match(unknown.stderr, '"usa" is not an economy id: did you mean "us"?', 'the API’s suggestion is passed on')
  })

  await t.test('facets, used-by, network and timeline', async (t) => {
    const facets = JSON.parse((await run('facets', 'instruments', '--economy', 'jp', '--json')).stdout)
    t.ok(facets.total > 0 && facets.facets.level.length > 0, 'counts per value')
    const named = await run('facets', 'instruments', '--economy', 'jp', '--lang', 'zh')
    t.match(named.stdout, /│ economy\s+│ jp\s+│ 日本\s+│/, 'each value with its name, in the language asked')
    const used = await run('used-by', 'sources', 'paper-hao-ming-2024', '--limit', '3')
    t.equal(used.stdout.match(/source_ids/g)?.length, 3, 'three entries citing the paper, with the field')
    const network = await run('network', '--economy', 'jp', '--kind', 'china_stance', '--lang', 'zh')
    t.match(network.stdout, /│ china_stance │ 日本\s+│ 中国\s+│ hedging/, 'Japan’s stance toward China, in Chinese')
    const timeline = JSON.parse((await run('timeline', '--economy', 'eu', '--year-from', '2023', '--json')).stdout)
    t.ok(
      timeline.years.length > 0 && timeline.years.every((y: { year: number }) => y.year >= 2023),
      'the years asked for',
    )
  })

  await t.test('changes: the feed page by page, resumable from the cursor it prints', async (t) => {
    const first = JSON.parse((await run('changes', '--limit', '3', '--json')).stdout)
    t.same(
      first.data.map((c: { seq: number }) => c.seq),
      [1, 2, 3],
    )
    const next = JSON.parse((await run('changes', '--cursor', first.next_cursor, '--limit', '2', '--json')).stdout)
    t.same(
      next.data.map((c: { seq: number }) => c.seq),
      [4, 5],
      'resumes right after',
    )
    const table = await run('changes', '--cursor', next.next_cursor, '--limit', '2')
    t.match(table.stdout, /│ seq │ at\s+│ action/)
    t.match(table.stderr, /^resume with: --cursor \S+\n$/)
  })

  await t.test('dataset and codebook: how to cite the data, what a field or value means', async (t) => {
    const dataset = await run('dataset')
    t.equal(dataset.code, 0, dataset.stderr)
    t.match(dataset.stdout, /Version \d+\.\d+\.\d+, released \d{4}-\d{2}-\d{2}\. Licence: .*\(CC-BY-4\.0\)/)
    t.match(dataset.stdout, /│ instruments\s+│ \d+/, 'the published counts')
    t.match(
      dataset.stdout,
      /Cite the paper:\n {2}Hao Yubiao and Ming Ying\. 2024\..*https:\/\/doi\.org\/10\.13851\/j\.cnki\.gjzw\.202404003/,
    )
    const bibtex = await run('dataset', '--bibtex')
    t.match(
      bibtex.stdout,
      /^@article\{hao_2024,[\s\S]*\n\n@misc\{chain_atlas_/,
      'the paper’s entry, then the dataset’s',
    )
    const zh = await run('dataset', '--lang', 'zh')
    t.match(zh.stdout, '《国际展望》2024年第4期', 'the paper’s reference as printed, in Chinese')

    const fields = await run('codebook', 'instruments')
    t.equal(fields.code, 0, fields.stderr)
    t.match(fields.stdout, /│ sector_ids\s+│ list of slug → sectors\s+│ yes\s+│ Sectors the instrument targets\./)
    const values = await run('codebook', 'instrument_category', '--lang', 'zh')
    t.match(values.stdout, /│ trade_protection\s+│ national\s+│ 贸易保护/, 'a category with its level, in Chinese')
    const all = await run('codebook')
    t.match(all.stdout, /│ enumeration\s+│ lifecycle\s+│/, 'with no name: every collection, type and enumeration')
    const unknown = await run('codebook', 'planets')
    t.match(unknown, { code: 1, stderr: /no collection, value type or enumeration is named planets/ })
  })

  await t.test('errors: the problem’s title and detail, and a non-zero exit', async (t) => {
    const missing = await run('get', 'instruments', 'no-such-instrument')
    t.equal(missing.code, 1)
    t.equal(missing.stderr, 'Error 404: Not found – instrument "no-such-instrument" does not exist\n')
    t.equal(missing.stdout, '')
    const drafts = await run('list', 'sources', '--status', 'draft')
    t.match(drafts, { code: 1, stderr: /^Error 401: / }, 'drafts need an API key')
    const invalid = await run('list', 'instruments', '--economy', 'NOT AN ID')
    t.match(invalid, { code: 1, stderr: /Error 400: .*\n {2}\/query\/economy\/0: / }, 'each offending parameter named')
    const unreachable = await cli({ CHAIN_ATLAS_URL: 'http://127.0.0.1:9' }, 'search', 'x')
    t.match(unreachable, { code: 1, stderr: /cannot reach the API/ })
    const usage = await run('list', 'planets')
    t.match(usage, { code: 1, stderr: /must be one of economies/ })
  })
})

t.test('the CLI packs into a tarball that npm installs as a working chain-atlas command', async (t) => {
  const { app } = await testApp(t)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const env = userEnvironment()
  const packed = await tempDir(t, 'atlas-cli-pack-')
  await runFile('pnpm', ['--filter', '@chain-atlas/cli', 'pack', '--pack-destination', packed], { env })
  const [tarball] = (await readdir(packed)).filter((f) => f.endsWith('.tgz'))
  const project = await tempDir(t, 'atlas-cli-user-')
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'user', private: true }))
  await runFile('npm', ['install', '--no-audit', '--no-fund', '--offline', join(packed, tarball!)], {
    cwd: project,
    env,
  })
  const { stdout } = await runFile(
    join(project, 'node_modules/.bin/chain-atlas'),
    ['--base-url', url, 'list', 'economies', '--role', 'partner', '--json'],
    { cwd: project, env },
  )
  t.ok(
    JSON.parse(stdout).some((e: { id: string }) => e.id === 'jp'),
    'the installed bin answers from the API',
  )
})
