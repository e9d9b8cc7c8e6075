// Keeps `pnpm bench` working: its smoke mode (a second per scenario, a small synthetic set) must
// produce a results table with every scenario. Figures are never asserted: they depend on the machine.
import { execFileSync, spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { SERVER_URL } from '../helpers/database.ts'
import { tempDir } from '../helpers/temp-dir.ts'

const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' })
    return true
  } catch (error) {
    return (error as { code?: string }).code !== 'ENOENT' // `wrk --version` exits 1 when it is there
  }
})()

const skip = !SERVER_URL
  ? 'the benchmark measures the API on PostgreSQL: runs in the DATABASE_URL suite'
  : !hasWrk
    ? 'wrk is not installed (apt-get install -y wrk)'
    : false

t.test('pnpm bench --smoke writes a table with every scenario', { skip, timeout: 400_000 }, async (t) => {
  const out = join(await tempDir(t, 'atlas-bench-smoke-'), 'RESULTS.md')
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/perf/bench.ts', '--smoke', '--out', out], {
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    child.on('exit', resolve)
  })
  t.equal(code, 0, 'the benchmark finishes')
  const results = await readFile(out, 'utf8')
  const scenarios = [
    'list, filtered',
    'get by id',
    'search, Chinese',
    'search, English',
    'search across collections',
    'compare',
    'export',
    'conditional GET → 304',
    'first page',
    'by cursor',
    'sector=semiconductors',
    'sort=-year',
    'PATCH with If-Match, 1 curator',
    '20 concurrent curators',
  ]
  for (const scenario of scenarios)
    t.match(results, new RegExp(`^\\| [^|]*${scenario.replace(/[()?]/g, '\\$&')}[^|]*\\| [\\d,.]+ \\|`, 'm'), scenario)
  // Curators' writes must succeed: a bench whose every PATCH got a 412 once reported 0 writes/s.
  for (const curators of ['1 curator', '20 concurrent curators'])
    t.match(
      results,
      new RegExp(`^\\| PATCH with If-Match, ${curators} \\| [\\d,.]*[1-9][\\d,.]* \\|[^\\n]*[^)] \\|$`, 'm'),
      `${curators}: writes, no errors`,
    )
  t.match(results, /## Query plans/)
  t.match(results, /## Cold start/)
})
