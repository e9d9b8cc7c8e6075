import './performance/keep-tick-shape.ts' // first: see there
import { getHeapStatistics } from 'node:v8'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { buildApp } from './app.ts'

let config: Config
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(`chain-atlas: configuration error: ${error.message}`)
  process.exit(1)
}

const app = await buildApp(config)

// `pnpm start` caps V8's heap (--max-old-space-size=256) to keep the process small; a read cache
// that takes much of it leaves too little for the requests themselves.
const heapLimitMb = getHeapStatistics().heap_size_limit / 2 ** 20
if (config.readCacheMb > heapLimitMb / 3) {
  app.log.warn(
    `READ_CACHE_MB=${config.readCacheMb} is over a third of the ${heapLimitMb.toFixed(0)} MiB heap: start node with a larger --max-old-space-size`,
  )
}

let closing = false
const shutdown = async (signal: string) => {
  if (closing) return
  closing = true
  app.log.info({ signal }, 'shutting down: finishing in-flight requests')
  const force = setTimeout(() => {
    app.log.error('shutdown took too long; exiting')
    process.exit(1)
  }, 10_000).unref()
  try {
    await app.close()
    clearTimeout(force)
    process.exit(0)
  } catch (error) {
    app.log.error({ err: error }, 'error while shutting down')
    process.exit(1)
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))

try {
  await app.listen({ port: config.port, host: config.host })
} catch (error) {
  app.log.error({ err: error }, 'could not start')
  process.exit(1)
}
