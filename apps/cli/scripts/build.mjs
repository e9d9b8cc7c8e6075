// Bundles the CLI into one file for the packed package (`pnpm --filter @chain-atlas/cli pack`): its
// dependencies, the SDK and the types included, so that `npm install` of the tarball needs nothing else.
import { build } from 'esbuild'

await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outfile: new URL('../dist/chain-atlas.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  // CommonJS dependencies (commander, cli-table3) call require() for Node's own modules.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
})
