import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MIGRATIONS_DIR } from './client.ts'
import { DEFAULT_DATASET_DIR } from './dataset.ts'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

/** Kept with the installed packages: a new install (new PGlite, new code) starts afresh. */
export const DEFAULT_TEMPLATE_DIR = join(ROOT, 'node_modules', '.cache', 'chain-atlas')

/** The folder `TEMPLATE_DIR` names (relative to the working directory), else the default. */
export const templateDirFrom = (env: NodeJS.ProcessEnv) =>
  env.TEMPLATE_DIR ? resolve(env.TEMPLATE_DIR) : DEFAULT_TEMPLATE_DIR

const filesUnder = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/**
 * Where the embedded database as a first start leaves it (migrated, seeded) is kept. The name is
 * a hash of everything that shapes it: migrations, the dataset, the code that writes the rows
 * (derived columns, search lexemes) and the locked dependency versions (PGlite's among them).
 */
export const seededTemplatePath = async (templateDir = DEFAULT_TEMPLATE_DIR): Promise<string> => {
  const hash = createHash('sha256')
  const inputs = [
    ...(await filesUnder(MIGRATIONS_DIR)),
    ...(await filesUnder(DEFAULT_DATASET_DIR)),
    ...(await filesUnder(fileURLToPath(new URL('.', import.meta.url)))),
    join(ROOT, 'pnpm-lock.yaml'),
  ]
  for (const file of inputs) hash.update(file.slice(ROOT.length)).update(await readFile(file))
  return join(templateDir, `pglite-seeded-${hash.digest('hex').slice(0, 16)}.tar`)
}

/** Writes a template atomically: a start reading it meanwhile sees all of it or none. */
export const writeTemplate = async (path: string, dump: Blob) => {
  await mkdir(dirname(path), { recursive: true })
  const partial = `${path}.${process.pid}.partial`
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()))
  await rename(partial, path)
}
