import type { FastifyInstance } from 'fastify'
import { buildApp } from '@chain-atlas/api'
import { loadConfig } from '../../apps/api/src/config.ts'
import { testDatabase, type TestDatabase } from './database.ts'

type Teardown = Parameters<typeof testDatabase>[0]

/** The API on a database of the test's own, closed when the test ends. */
export const testApp = async (
  t: Teardown,
  state: Parameters<typeof testDatabase>[1] = 'seeded',
  env: Record<string, string> = {},
): Promise<{ app: FastifyInstance; database: TestDatabase }> => {
  const database = await testDatabase(t, state)
  // Suites send thousands of requests from one address; the rate limit has tests of its own.
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', ...env }), { database })
  t.teardown(() => app.close())
  await app.ready()
  return { app, database }
}
