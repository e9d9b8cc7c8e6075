import { resolve } from 'node:path'
import { templateDirFrom } from '@chain-atlas/db'
import { isProxyEntry } from './ip-address.ts'

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface Config {
  port: number
  host: string
  /** PostgreSQL URL; when absent the API runs on embedded PGlite in `dataDir`. */
  databaseUrl?: string
  /**
   * PostgreSQL standbys (streaming replicas of `databaseUrl`) that serve anonymous public reads;
   * empty: every query goes to `databaseUrl`.
   */
  databaseReplicaUrls: string[]
  /** A replica further behind the primary than this leaves the rotation until it catches up. */
  replicaMaxLagMs: number
  dataDir: string
  /** Where the seeded embedded database a new `dataDir` starts from is kept. */
  templateDir: string
  logLevel: LogLevel
  /** Seed an empty database with the dataset on start. */
  seedOnStart: boolean
  /** The first admin, created at start when there is no user yet. */
  firstAdmin?: { email: string; password: string }
  /**
   * The proxies in front whose X-Forwarded-* is believed (addresses, CIDR ranges); none
   * by default. The client's address is the one the outermost of them saw.
   */
  trustProxy: string[]
  /** Redis for state shared by replicas (rate-limit counters); unset keeps it in this process. */
  redisUrl?: string
  /** Requests a client may make per minute; 0 turns the limit off. */
  rateLimitPerMinute: number
  /** Largest request body accepted, in bytes (413 beyond). */
  bodyLimit: number
  requestTimeoutMs: number
  /** Seconds browsers and shared caches keep a public answer fresh (and serve it stale while revalidating). */
  publicCacheMaxAge: number
  /** Memory for published answers cached in the process, in MiB; 0 turns the cache off. */
  readCacheMb: number
  /** Four eyes: nobody publishes a change they made (another editor must). */
  reviewFourEyes: boolean
  /**
   * Check each answer sent as JSON text built outside its serializer (by PostgreSQL) against the
   * route's response schema: on under tap (TAP=1), so every test holds those answers to the contract.
   */
  checkResponses: boolean
  webhooks: WebhookSettings
}

/** How change events are sent to webhook endpoints (docs/webhooks.md). */
export interface WebhookSettings {
  /** Accept http:// endpoints (a loopback receiver in tests, a private network); otherwise https only. */
  allowHttp: boolean
  /** Accept endpoints on loopback, private and link-local addresses (refused by default: no requests into the server's own network). */
  allowPrivateHosts: boolean
  /** Whether this process sends deliveries; off, it still records them for the processes that do. */
  dispatch: boolean
  /** How long a receiver has to answer one delivery. */
  timeoutMs: number
  /** Attempts per delivery before it is marked failed. */
  maxAttempts: number
  /** The first retry's delay; each next one doubles, up to `backoffMaxMs`, with jitter. */
  backoffMs: number
  backoffMaxMs: number
  /** How often a dispatcher looks for due deliveries when no NOTIFY woke it. */
  pollMs: number
}

export class ConfigError extends Error {}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

const port = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < 0 || n > 65535)
    throw new ConfigError(`${name} must be a port number (0-65535), got "${value}"`)
  return n
}

const oneOf = <T extends string>(name: string, value: string | undefined, allowed: T[], fallback: T): T => {
  if (value === undefined || value === '') return fallback
  if (!allowed.includes(value as T))
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`)
  return value as T
}

const count = (name: string, value: string | undefined, fallback: number, max: number): number => {
  if (value === undefined || value === '') return fallback
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new ConfigError(`${name} must be a whole number from 0 to ${max}, got "${value}"`)
  return Number(value)
}

/**
 * TRUST_PROXY: `false`, `true` (a proxy on this machine: 127.0.0.1 and ::1, not the whole loopback
 * network, where a local client may be) or the proxies' addresses and ranges. Fastify's own `true` would believe every hop, and so the left-most X-Forwarded-For entry,
 * which the client writes; a hop count, any client connecting directly.
 */
const proxiesInFront = (value: string | undefined): string[] => {
  if (value === undefined || value === '' || value === 'false') return []
  if (value === 'true') return ['127.0.0.1', '::1']
  const proxies = value.split(',').map((entry) => entry.trim())
  const bad = proxies.find((entry) => !isProxyEntry(entry))
  if (bad !== undefined)
    throw new ConfigError(
      `TRUST_PROXY must be true, false or the proxies' addresses (10.0.0.5, 10.0.0.0/8), got "${bad}"`,
    )
  return proxies
}

/** A timeout of at least a second: 0 (Node's "never") would let slow clients hold sockets forever. */
const milliseconds = (name: string, value: string | undefined, fallback: number): number => {
  const ms = count(name, value, fallback, 600_000)
  if (ms < 1000) throw new ConfigError(`${name} must be from 1000 to 600000 milliseconds, got "${value}"`)
  return ms
}

const redisUrl = (name: string, value: string | undefined): string | undefined => {
  if (value === undefined || value === '') return undefined
  if (!/^rediss?:\/\/\S+$/.test(value)) throw new ConfigError(`${name} must be a redis:// URL`)
  return value
}

const postgresUrl = (name: string, value: string | undefined): string | undefined => {
  if (value === undefined || value === '') return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`${name} must be a postgres:// URL`)
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new ConfigError(`${name} must be a postgres:// URL, got a ${url.protocol} URL`)
  return value
}

/** A comma list of PostgreSQL URLs, each checked as `postgresUrl` does, each once. */
const postgresUrls = (name: string, value: string | undefined): string[] => {
  if (value === undefined || value.trim() === '') return []
  const urls = value.split(',').map((part) => part.trim())
  if (urls.some((url) => url === '')) throw new ConfigError(`${name} must be a comma list of postgres:// URLs`)
  for (const url of urls) postgresUrl(name, url)
  if (new Set(urls).size !== urls.length) throw new ConfigError(`${name} names a URL twice`)
  return urls
}

const megabytes = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback
  if (!/^\d{1,5}$/.test(value))
    throw new ConfigError(`${name} must be a whole number of MiB (0 turns it off), got "${value}"`)
  return Number(value)
}

const host = (name: string, value: string | undefined, fallback: string): string => {
  if (value === undefined || value === '') return fallback
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(value))
    throw new ConfigError(`${name} must be a host name or address, got "${value}"`)
  return value
}

/** Replicas of a PostgreSQL primary: none without DATABASE_URL (the embedded database has none). */
const replicaUrls = (env: NodeJS.ProcessEnv): string[] => {
  const urls = postgresUrls('DATABASE_REPLICA_URLS', env.DATABASE_REPLICA_URLS)
  if (urls.length && !env.DATABASE_URL)
    throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL (the primary they replicate)')
  if (urls.includes(env.DATABASE_URL!)) throw new ConfigError('DATABASE_REPLICA_URLS must not name DATABASE_URL')
  return urls
}

const firstAdmin = (env: NodeJS.ProcessEnv): Config['firstAdmin'] => {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = env
  if (!email && !password) return undefined
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email))
    throw new ConfigError('ADMIN_EMAIL must be an email address (set with ADMIN_PASSWORD)')
  if (!password || password.length < 12)
    throw new ConfigError('ADMIN_PASSWORD must have at least 12 characters (set with ADMIN_EMAIL)')
  return { email, password }
}

const between = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  const n = count(name, value, fallback, max)
  if (n < min) throw new ConfigError(`${name} must be from ${min} to ${max}, got "${value}"`)
  return n
}

const flag = (name: string, value: string | undefined, fallback: boolean) =>
  oneOf(name, value, ['true', 'false'], fallback ? 'true' : 'false') === 'true'

const webhookSettings = (env: NodeJS.ProcessEnv): WebhookSettings => ({
  allowHttp: flag('WEBHOOKS_ALLOW_HTTP', env.WEBHOOKS_ALLOW_HTTP, false),
  allowPrivateHosts: flag('WEBHOOKS_ALLOW_PRIVATE_HOSTS', env.WEBHOOKS_ALLOW_PRIVATE_HOSTS, false),
  dispatch: flag('WEBHOOKS_DISPATCH', env.WEBHOOKS_DISPATCH, true),
  timeoutMs: between('WEBHOOK_TIMEOUT_MS', env.WEBHOOK_TIMEOUT_MS, 10_000, 100, 60_000),
  maxAttempts: between('WEBHOOK_MAX_ATTEMPTS', env.WEBHOOK_MAX_ATTEMPTS, 12, 1, 100),
  backoffMs: between('WEBHOOK_BACKOFF_MS', env.WEBHOOK_BACKOFF_MS, 30_000, 10, 3_600_000),
  backoffMaxMs: between('WEBHOOK_BACKOFF_MAX_MS', env.WEBHOOK_BACKOFF_MAX_MS, 6 * 3_600_000, 10, 86_400_000),
  pollMs: between('WEBHOOK_POLL_MS', env.WEBHOOK_POLL_MS, 5000, 10, 600_000),
})

/** Reads the configuration once from the environment; a bad value throws a one-line ConfigError naming it. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => ({
  port: port('PORT', env.PORT, 3000),
  host: host('HOST', env.HOST, '127.0.0.1'),
  databaseUrl: postgresUrl('DATABASE_URL', env.DATABASE_URL),
  databaseReplicaUrls: replicaUrls(env),
  replicaMaxLagMs: milliseconds('REPLICA_MAX_LAG_MS', env.REPLICA_MAX_LAG_MS, 5000),
  dataDir: resolve(env.DATA_DIR || './.data'),
  templateDir: templateDirFrom(env),
  logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, LOG_LEVELS, 'info'),
  seedOnStart: oneOf('SEED_ON_START', env.SEED_ON_START, ['true', 'false'], 'true') === 'true',
  firstAdmin: firstAdmin(env),
  trustProxy: proxiesInFront(env.TRUST_PROXY),
  redisUrl: redisUrl('REDIS_URL', env.REDIS_URL),
  rateLimitPerMinute: count('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 1200, 1_000_000),
  bodyLimit: count('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1_048_576, 100 * 1_048_576),
  publicCacheMaxAge: between('PUBLIC_CACHE_MAX_AGE', env.PUBLIC_CACHE_MAX_AGE, 60, 1, 86_400),
  readCacheMb: megabytes('READ_CACHE_MB', env.READ_CACHE_MB, 64),
  requestTimeoutMs: milliseconds('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 30_000),
  reviewFourEyes: oneOf('REVIEW_FOUR_EYES', env.REVIEW_FOUR_EYES, ['true', 'false'], 'false') === 'true',
  checkResponses: flag('CHECK_RESPONSES', env.CHECK_RESPONSES, process.env.TAP === '1'),
  webhooks: webhookSettings(env),
})
