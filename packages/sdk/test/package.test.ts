import { execFile } from 'node:child_process'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import t from 'tap'
import { testApp } from '../../../tests/helpers/app.ts'
import { userEnvironment } from '../../../tests/helpers/processes.ts'
import { tempDir } from '../../../tests/helpers/temp-dir.ts'

const run = promisify(execFile)
const ROOT = new URL('../../../', import.meta.url).pathname

t.test(
  'the SDK packs into a tarball that installs and runs from plain JavaScript and in a browser bundle',
  async (t) => {
    const { app } = await testApp(t)
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
    const env = userEnvironment()

    const packed = await tempDir(t, 'atlas-sdk-pack-')
    await run('pnpm', ['--filter', '@chain-atlas/sdk', 'pack', '--pack-destination', packed], { cwd: ROOT, env })
    const [tarball] = (await readdir(packed)).filter((f) => f.endsWith('.tgz'))
    t.ok(tarball, `packed: ${tarball}`)

    const manifest = JSON.parse(await readFile(join(ROOT, 'packages/sdk/package.json'), 'utf8'))
    const contract = JSON.parse(await readFile(join(ROOT, 'openapi/openapi.json'), 'utf8'))
    t.equal(manifest.version, contract.info.version, 'its version is the contract’s')

    // A fresh project, outside the workspace: npm installs the tarball, Node runs an .mjs file.
    const project = await tempDir(t, 'atlas-sdk-user-')
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'dashboard', private: true, type: 'module' }))
    await run('npm', ['install', '--no-audit', '--no-fund', '--offline', join(packed, tarball!)], { cwd: project, env })
    await writeFile(
      join(project, 'first.mjs'),
      `import { createClient, items, ProblemError } from '@chain-atlas/sdk'
const atlas = createClient({ baseUrl: process.argv[2] })
const { data: chips } = await atlas.getInstrument({ path: { id: 'us-chips-and-science-act-2022' } })
const found = []
for await (const i of items((cursor) => atlas.listInstruments({ query: { q: '芯片', limit: 2, cursor } }))) found.push(i.id)
let problem
try { await atlas.getInstrument({ path: { id: 'no-such-instrument' } }) } catch (e) { problem = e instanceof ProblemError && e.status }
console.log(JSON.stringify({ title: chips.title.en, found: found.length, problem }))
`,
    )
    const { stdout } = await run(process.execPath, ['first.mjs', baseUrl], { cwd: project, env })
    const result = JSON.parse(stdout)
    t.match(result, { title: /CHIPS and Science Act/, problem: 404 }, 'a get, and a 404 as a ProblemError')
    t.ok(result.found > 2, `pages followed across cursors: ${result.found} instruments found for 芯片`)

    const types = await readFile(join(project, 'node_modules/@chain-atlas/sdk/dist/index.d.ts'), 'utf8')
    t.match(types, /createClient/, 'with its type declarations')

    // The same installed package bundled for browsers: no Node.js module may be needed.
    await writeFile(
      join(project, 'app.mjs'),
      "import { createClient } from '@chain-atlas/sdk'\nwindow.atlas = createClient({ baseUrl: '/' })\n",
    )
    const bundle = await build({
      entryPoints: [join(project, 'app.mjs')],
      absWorkingDir: project,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
    })
    t.ok(bundle.outputFiles[0]!.text.length > 1000, 'it bundles for a browser')
  },
)
