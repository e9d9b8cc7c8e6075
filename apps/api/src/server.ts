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
