// `pnpm sdk:generate` regenerates src/generated from the committed contract (openapi/openapi.json);
// `pnpm sdk:check` generates into a temporary folder and fails when the committed code differs.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient } from '@hey-api/openapi-ts'
import configured from '../openapi-ts.config.ts'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const committedDir = join(packageDir, 'src/generated')
process.chdir(packageDir) // the config's paths are relative to the package

const config = await configured
const generate = (path: string) =>
  createClient({ ...config, output: { ...(config.output as object), path }, logs: { level: 'silent' } })

const filesOf = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()

if (process.argv.includes('--check')) {
  const fresh = await mkdtemp(join(tmpdir(), 'atlas-sdk-'))
  try {
    await generate(fresh)
    const [expected, committed] = [await filesOf(fresh), await filesOf(committedDir)]
    const stale = [...new Set([...expected, ...committed])].filter(
      (file) => !expected.includes(file) || !committed.includes(file),
    )
    for (const file of expected.filter((f) => committed.includes(f))) {
      if ((await readFile(join(fresh, file), 'utf8')) !== (await readFile(join(committedDir, file), 'utf8')))
        stale.push(file)
    }
    if (stale.length) {
      console.error(
        `packages/sdk/src/generated is stale (${stale.join(', ')}): run \`pnpm sdk:generate\` and commit it.`,
      )
      process.exitCode = 1
    } else {
      console.log('packages/sdk/src/generated is up to date.')
    }
  } finally {
    await rm(fresh, { recursive: true, force: true })
  }
} else {
  await rm(committedDir, { recursive: true, force: true })
  await generate(committedDir)
  console.log('wrote packages/sdk/src/generated')
}
