// @ts-check
import { buildIfStale } from './build-if-stale.mjs'

/**
 * `pnpm start`: builds what is stale (nothing, after the first start), then runs the bundle in this
 * very process. No second process: node's flags in package.json are the server's, signals reach the
 * server's own handlers (graceful shutdown), its exit code is the command's, and no idle parent
 * holds 40 MB. Everything before the import is synchronous (see build-if-stale.mjs).
 */
const built = buildIfStale()
if (built.length) console.log(`chain-atlas: built ${built.join(' and ')}`)
// A URL, not a literal: the bundle is built, not checked in.
await import(new URL('../dist/server.mjs', import.meta.url).href)
