// `pnpm sdk:check-openapi-typescript`: the contract must also serve users of the second generator.
// openapi-typescript must turn it into types without a warning, and a small openapi-fetch client
// using those types must type-check. The output is left in packages/sdk/.openapi-typescript/.
import { execFile } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import ts from 'typescript'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const outDir = fileURLToPath(new URL('../.openapi-typescript/', import.meta.url))
const cli = join(dirname(createRequire(import.meta.url).resolve('openapi-typescript/package.json')), 'bin/cli.js')

// What a user of openapi-fetch writes: typed paths, parameters and answers, errors included.
const EXAMPLE = `import createClient from 'openapi-fetch'
import type { paths, components } from './schema.ts'

const client = createClient<paths>({ baseUrl: process.env.CHAIN_ATLAS_URL ?? 'http://127.0.0.1:3000' })

const { data: page } = await client.GET('/v1/instruments', { params: { query: { q: '芯片', economy: ['us', 'eu'], limit: 2 } } })
const titles: string[] = page?.data.map((instrument) => instrument.title.en) ?? []

const { data: chips, response } = await client.GET('/v1/instruments/{id}', { params: { path: { id: 'us-chips-and-science-act-2022' } } })
const year: number | null | undefined = chips?.year

const { error } = await client.GET('/v1/instruments/{id}', { params: { path: { id: 'no-such-instrument' } } })
const problem: components['schemas']['Problem'] | undefined = error

console.log(JSON.stringify({ titles, year, etag: response.headers.get('etag'), problem: problem?.status }))
`

export const checkOpenapiTypescript = async () => {
  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [cli, './openapi/openapi.json', '-o', join(outDir, 'schema.ts')],
    { cwd: root },
  )
  // Anything beyond its banner and the "input → output" line is a warning.
  const noise = [...stderr.split('\n'), ...stdout.split('\n')].filter(
    (line) => line.trim() && !/^(✨ openapi-typescript|🚀 )/.test(line),
  )
  const example = join(outDir, 'example.ts')
  await writeFile(example, EXAMPLE)
  const program = ts.createProgram([example], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
  })
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  return { warnings: noise, typeErrors: diagnostics, example }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { warnings, typeErrors } = await checkOpenapiTypescript()
  for (const line of [...warnings, ...typeErrors]) console.error(line)
  if (warnings.length || typeErrors.length) process.exitCode = 1
  else
    console.log(
      'openapi-typescript generates the contract’s types without a warning, and openapi-fetch type-checks with them.',
    )
}
