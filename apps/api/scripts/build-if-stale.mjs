// @ts-check
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Builds the admin UI and the API bundle only when what they are built from changed since their
 * last build (`pnpm start`, `pnpm test` and the install call it; `pnpm build` forces both).
 *
 * A part is fresh when a fingerprint of its inputs (path, size, mtime and ctime of every file,
 * from stat: no file is read) and one of its outputs equal those its last build recorded. Equal,
 * not older: a checkout or a restored backup may give a file an older mtime; ctime, which no tool
 * can set, catches a file edited and given its old mtime back. Only synchronous calls: `start.mjs`
 * runs this in the server's own process, before the server's first module (see keep-tick-shape.ts).
 */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const STAMP = 'apps/api/dist/build-stamp.json'
const SKIPPED = new Set(['node_modules', 'dist', '.git'])
/** What any build depends on: the dependencies installed (the lockfile and what the install made of it), this file. */
const COMMON = [
  'pnpm-lock.yaml',
  'node_modules/.pnpm/lock.yaml',
  'tsconfig.json',
  'apps/api/scripts/build-if-stale.mjs',
]

/** @typedef {'admin' | 'api'} Part */
/** @typedef {{ inputs: (root: string) => string[], outputs: string[], build: (root: string) => string[] }} PartSpec */

/** Each workspace package's sources and manifest (the API imports them by their package.json exports). */
const packageSources = (/** @type {string} */ root) =>
  readdirSync(join(root, 'packages'))
    .sort()
    .flatMap((name) => [`packages/${name}/src`, `packages/${name}/package.json`])

/** @type {Record<Part, PartSpec>} */
export const PARTS = {
  // Vite reads all of apps/admin (index.html, config, public/, .env files) and the types it imports.
  admin: {
    inputs: () => ['apps/admin', 'packages/types/src', 'packages/types/package.json', ...COMMON],
    outputs: ['apps/admin/dist'],
    build: (root) => {
      const vite = createRequire(join(root, 'apps/admin/package.json')).resolve('vite/package.json')
      return [join(dirname(vite), JSON.parse(readFileSync(vite, 'utf8')).bin.vite), 'build']
    },
  },
  api: {
    // The bundle holds the dataset's release (packages/db/src/release.ts imports it): a new version rebuilds it.
    inputs: (root) => ['apps/api', ...packageSources(root), 'packages/dataset/release.json', ...COMMON],
    outputs: ['apps/api/dist/server.mjs', 'apps/api/dist/server.mjs.map'],
    build: () => ['--import', 'tsx', 'apps/api/scripts/build.ts'],
  },
}

/** One line per file under `path` (a file or a folder, `node_modules` and `dist` left out), sorted. */
const statLines = (/** @type {string} */ root, /** @type {string} */ path, /** @type {string[]} */ lines = []) => {
  let stats
  try {
    stats = statSync(join(root, path))
  } catch {
    lines.push(`${path}\tmissing`)
    return lines
  }
  if (!stats.isDirectory()) {
    lines.push(`${path}\t${stats.size}\t${stats.mtimeMs}\t${stats.ctimeMs}`)
    return lines
  }
  for (const name of readdirSync(join(root, path)).sort()) {
    if (!SKIPPED.has(name)) statLines(root, `${path}/${name}`, lines)
  }
  return lines
}

/** The fingerprint of files and folders: a change to any file's path, size, mtime or ctime changes it. */
export const fingerprint = (/** @type {string} */ root, /** @type {string[]} */ paths) => {
  const hash = createHash('sha256')
  for (const path of paths) hash.update(statLines(root, path).join('\n')).update('\n')
  return hash.digest('hex')
}

/** @returns {Partial<Record<Part, { inputs: string, outputs: string }>>} */
const readStamps = (/** @type {string} */ root) => {
  try {
    return JSON.parse(readFileSync(join(root, STAMP), 'utf8'))
  } catch {
    return {}
  }
}

/** Written whole or not at all (a rename), so a build interrupted mid-write leaves no half stamp. */
const writeStamps = (/** @type {string} */ root, /** @type {object} */ stamps) => {
  mkdirSync(dirname(join(root, STAMP)), { recursive: true })
  writeFileSync(join(root, `${STAMP}.tmp`), `${JSON.stringify(stamps, null, 2)}\n`)
  renameSync(join(root, `${STAMP}.tmp`), join(root, STAMP))
}

/** The parts whose inputs or outputs differ from what their last build recorded. */
export const staleParts = (root = ROOT) => {
  const stamps = readStamps(root)
  return /** @type {Part[]} */ (Object.keys(PARTS)).filter((part) => {
    const { inputs, outputs } = PARTS[part]
    const stamp = stamps[part]
    return stamp?.inputs !== fingerprint(root, inputs(root)) || stamp.outputs !== fingerprint(root, outputs)
  })
}

/** Records that `part`'s outputs were built from inputs whose fingerprint was `inputs` (taken before the build). */
export const recordBuild = (/** @type {Part} */ part, /** @type {string} */ inputs, root = ROOT) => {
  writeStamps(root, { ...readStamps(root), [part]: { inputs, outputs: fingerprint(root, PARTS[part].outputs) } })
}

/**
 * Builds `part`. Its stamp goes first, so a failed or interrupted build is never taken for a good one;
 * the inputs are fingerprinted before, so a file changed during the build makes the part stale again.
 */
export const buildPart = (/** @type {Part} */ part, root = ROOT) => {
  const { [part]: _dropped, ...others } = readStamps(root)
  writeStamps(root, others)
  const inputs = fingerprint(root, PARTS[part].inputs(root))
  const cwd = part === 'admin' ? join(root, 'apps/admin') : root
  const { status, signal, error } = spawnSync(process.execPath, PARTS[part].build(root), { cwd, stdio: 'inherit' })
  if (error || status !== 0) {
    throw new Error(`building ${part} failed (${error?.message ?? signal ?? `exit ${status}`})`)
  }
  recordBuild(part, inputs, root)
}

/** Builds the stale parts (all of them with `force`); returns those it built. */
export const buildIfStale = ({ force = false, root = ROOT } = {}) => {
  const parts = force ? /** @type {Part[]} */ (Object.keys(PARTS)) : staleParts(root)
  for (const part of parts) buildPart(part, root)
  return parts
}

// As a command: `--force` builds both parts; `--check` only says which are stale (exit 1 if any);
// `--at-install` warns instead of failing, as a failed build must not fail `pnpm install` (the start builds).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = new Set(process.argv.slice(2))
  const started = performance.now()
  if (args.has('--check')) {
    const stale = staleParts()
    console.log(stale.length ? `stale: ${stale.join(', ')}` : 'fresh')
    process.exitCode = stale.length ? 1 : 0
  } else {
    try {
      const built = buildIfStale({ force: args.has('--force') })
      const took = `${Math.round(performance.now() - started)} ms`
      console.log(`chain-atlas: ${built.length ? `built ${built.join(' and ')} in` : 'builds are current'} ${took}`)
    } catch (error) {
      if (!args.has('--at-install')) throw error
      console.warn(`chain-atlas: could not build (the first start will): ${/** @type {Error} */ (error).message}`)
    }
  }
}
