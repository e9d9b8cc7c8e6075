import { execFile } from 'node:child_process'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t, { type Test } from 'tap'
import { SERVER_URL } from '../../../tests/helpers/database.ts'
import { exited, startServer, waitReady } from '../../../tests/helpers/processes.ts'
import { tempDir } from '../../../tests/helpers/temp-dir.ts'

const run = promisify(execFile)
const skip = SERVER_URL ? 'the seeded template is the embedded database’s: tested in the PGlite suite' : false

/** `pnpm install`'s postinstall step, into a folder of the test's own. */
const prepare = (templateDir: string) =>
  run(process.execPath, ['--import', 'tsx', 'packages/db/src/cli/prepare-template.ts'], {
    env: { ...process.env, TEMPLATE_DIR: templateDir },
  })

/** Starts the real server on a new data folder and reads when the seeded economy `us` was created. */
const firstStart = async (t: Test, templateDir: string) => {
  const spawned = Date.now()
  const { base, child } = await startServer(t, { DATA_DIR: await tempDir(t, 'atlas-data-'), TEMPLATE_DIR: templateDir })
  t.ok(await waitReady(`${base}/readyz`, Date.now() + 90_000), 'ready on an empty DATA_DIR')
  const us = await (await fetch(`${base}/v1/economies/us`)).json()
  child.kill('SIGTERM')
  t.equal(await exited(child), 0, 'stops cleanly (having kept anything it was keeping)')
  return { seededBeforeStart: Date.parse(us.created_at) < spawned, us }
}

t.test('pnpm install prepares the seeded embedded database once; a first start loads it', { skip }, async (t) => {
  const templateDir = await tempDir(t, 'atlas-template-')
  const made = await prepare(templateDir)
  t.match(made.stdout, /prepared the seeded embedded database/, 'the install says it prepared it')
  const [file, ...others] = await readdir(templateDir)
  t.match(file, /^pglite-seeded-[0-9a-f]{16}\.tar$/, 'one template, named by what shapes it')
  t.same(others, [], 'and nothing else')
  const { mtimeMs } = await stat(join(templateDir, file!))

  const again = await prepare(templateDir)
  t.match(again.stdout, /is ready/, 'a second install finds it made')
  t.equal((await stat(join(templateDir, file!))).mtimeMs, mtimeMs, 'and leaves it as it was')

  const { seededBeforeStart, us } = await firstStart(t, templateDir)
  t.equal(us.name?.en, 'United States', 'the first start serves the seed')
  t.ok(seededBeforeStart, 'seeded at install time, not by this start: it loaded the template')
})

t.test('with no template (the install could not make one) the first start seeds and keeps one', { skip }, async (t) => {
  const templateDir = await tempDir(t, 'atlas-template-')
  const { seededBeforeStart, us } = await firstStart(t, templateDir)
  t.equal(us.name?.en, 'United States', 'the first start serves the seed')
  t.notOk(seededBeforeStart, 'seeded by this start')
  t.match(
    await readdir(templateDir),
    [/^pglite-seeded-[0-9a-f]{16}\.tar$/],
    'and kept as the template for the next new DATA_DIR',
  )
})
