// tap's `before` hook (.taprc): runs before.ts in a child process without tap's coverage
// loader. tap starts its before script with coverage on whatever disable-coverage says, and
// a partial report makes tap exit 1; the child's environment drops the variables that turn it on.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== 'NODE_V8_COVERAGE' && !name.startsWith('_TAPJS_PROCESSINFO')),
)
const script = fileURLToPath(new URL('./before.ts', import.meta.url))
const { status } = spawnSync(process.execPath, ['--import', 'tsx', script], { env, stdio: 'inherit' })
process.exit(status ?? 1)
