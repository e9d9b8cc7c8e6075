import { spawn } from 'node:child_process'
import t from 'tap'
import { ConfigError, loadConfig } from '../../apps/api/src/config.ts'
import { SERVER_ARGS } from '../helpers/processes.ts'

t.test('defaults', async (t) => {
  const config = loadConfig({})
  t.match(config, {
    port: 3000,
    host: '127.0.0.1',
    logLevel: 'info',
    seedOnStart: true,
    rateLimitPerMinute: 1200,
    bodyLimit: 1_048_576,
    readCacheMb: 64,
    webhooks: { allowHttp: false, allowPrivateHosts: false, dispatch: true, maxAttempts: 12 },
  })
  t.equal(config.redisUrl, undefined, 'no REDIS_URL means rate counters in the process')
  t.equal(config.databaseUrl, undefined, 'no DATABASE_URL means embedded PGlite')
  t.match(config.dataDir, /\.data$/)
  t.same(config.databaseReplicaUrls, [], 'no replicas: every query goes to the one database')
  t.equal(config.replicaMaxLagMs, 5000)
})

t.test('replicas: a comma list of standbys of DATABASE_URL, and their allowed lag', async (t) => {
  const config = loadConfig({
    DATABASE_URL: 'postgres://db-primary/atlas',
    DATABASE_REPLICA_URLS: 'postgres://db-standby-1/atlas, postgresql://db-standby-2/atlas',
    REPLICA_MAX_LAG_MS: '2000',
  })
  t.same(config.databaseReplicaUrls, ['postgres://db-standby-1/atlas', 'postgresql://db-standby-2/atlas'])
  t.equal(config.replicaMaxLagMs, 2000)
})

t.test('TRUST_PROXY names the proxies whose X-Forwarded-* is believed', async (t) => {
  t.same(loadConfig({}).trustProxy, [], 'none by default')
  t.same(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, [])
  t.same(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, ['127.0.0.1', '::1'], 'true: a proxy on this machine')
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,::1' }).trustProxy, ['10.0.0.5', '192.168.0.0/16', '::1'])
})

t.test('each bad value names its variable', async (t) => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /^PORT must be a port number/],
    [{ WEBHOOK_TIMEOUT_MS: '5' }, /^WEBHOOK_TIMEOUT_MS must be from 100 to 60000/],
    [{ WEBHOOK_MAX_ATTEMPTS: '0' }, /^WEBHOOK_MAX_ATTEMPTS must be from 1 to 100/],
    [{ WEBHOOKS_ALLOW_HTTP: 'yes' }, /^WEBHOOKS_ALLOW_HTTP must be one of/],
    [{ PORT: '70000' }, /^PORT must be a port number/],
    [{ HOST: 'bad host!' }, /^HOST must be a host name/],
    [{ DATABASE_URL: 'mysql://x/y' }, /^DATABASE_URL must be a postgres:\/\/ URL/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL must be a postgres:\/\/ URL/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    [{ REDIS_URL: 'http://localhost:6379' }, /^REDIS_URL must be a redis:\/\/ URL/],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, /^RATE_LIMIT_PER_MINUTE must be a whole number/],
    [{ BODY_LIMIT_BYTES: 'lots' }, /^BODY_LIMIT_BYTES must be a whole number/],
    [{ READ_CACHE_MB: '-1' }, /^READ_CACHE_MB must be a whole number of MiB/],
    [{ DATABASE_REPLICA_URLS: 'postgres://standby/atlas' }, /^DATABASE_REPLICA_URLS needs DATABASE_URL/],
    [
      { DATABASE_URL: 'postgres://primary/atlas', DATABASE_REPLICA_URLS: 'postgres://standby/atlas,redis://cache' },
      /^DATABASE_REPLICA_URLS must be a postgres:\/\/ URL/,
    ],
    [
      { DATABASE_URL: 'postgres://primary/atlas', DATABASE_REPLICA_URLS: 'postgres://standby/atlas,,' },
      /^DATABASE_REPLICA_URLS must be a comma list/,
    ],
    [
      { DATABASE_URL: 'postgres://primary/atlas', DATABASE_REPLICA_URLS: 'postgres://primary/atlas' },
      /^DATABASE_REPLICA_URLS must not name DATABASE_URL/,
    ],
    [
      { DATABASE_URL: 'postgres://primary/atlas', DATABASE_REPLICA_URLS: 'postgres://s/a,postgres://s/a' },
      /^DATABASE_REPLICA_URLS names a URL twice/,
    ],
    [{ REPLICA_MAX_LAG_MS: '500' }, /^REPLICA_MAX_LAG_MS must be from 1000 to 600000 milliseconds/],
    [{ TRUST_PROXY: '1' }, /^TRUST_PROXY must be true, false or the proxies' addresses .*got "1"/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /^TRUST_PROXY must be .*got "10.0.0.0\/33"/],
    [{ TRUST_PROXY: '10.0.0.5, proxy.example' }, /^TRUST_PROXY must be .*got "proxy.example"/],
  ]
  for (const [env, message] of cases) {
    t.throws(() => loadConfig(env), { constructor: ConfigError, message }, JSON.stringify(env))
  }
})

t.test('the server refuses to start on a bad value, with one line naming it', async (t) => {
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: { ...process.env, PORT: 'eighty' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise((resolve) => child.on('exit', resolve))
  t.equal(code, 1, 'exits with status 1')
  t.equal(stderr.trim().split('\n').length, 1, 'prints one line')
  t.match(stderr, /PORT must be a port number/)
})
