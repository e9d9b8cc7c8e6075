import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import compress from '@fastify/compress'
import cors from '@fastify/cors'
import { checkStatementsOfShape, type DatabaseHandle } from '@chain-atlas/db'
import type { Config } from './config.ts'
import { logRequests, loggerOptions, type LogStream } from './logging.ts'
import database from './plugins/infrastructure/database.ts'
import databaseBreaker from './plugins/infrastructure/database-breaker.ts'
import replicas from './plugins/infrastructure/replicas.ts'
import openapi from './plugins/infrastructure/openapi.ts'
import problems, { answerOptions, clientErrorHandler, frameworkErrors } from './plugins/infrastructure/problems.ts'
import { rateLimitsPlugin, securityHeadersPlugin } from './plugins/infrastructure/protection.ts'
import { proxyMatcher } from './ip-address.ts'
import adminUi from './plugins/application/admin-ui.ts'
import auth, { identifyPlugin } from './plugins/application/auth.ts'
import firstAdmin from './plugins/application/first-admin.ts'
import jsonBodies from './plugins/infrastructure/json-bodies.ts'
import queryStrings from './plugins/infrastructure/query-strings.ts'
import httpCache, { COMPRESS_THRESHOLD } from './plugins/application/http-cache.ts'
import readCache, { ENCODINGS, createReadCache } from './plugins/application/read-cache.ts'
import webhooks from './plugins/application/webhooks.ts'
import { answerBeforeRouting } from './performance/answer-before-routing.ts'
import { keepAnswersAsSent } from './performance/keep-answers-as-sent.ts'
import { checkPassedThrough } from './pass-through.ts'
import sharedSerializers from './performance/shared-serializers.ts'
import { sharedValidators } from './performance/shared-validators.ts'
import routes from './routes/index.ts'

export type AppOptions = {
  /** An open database to use instead of the one the config names (tests). */
  database?: DatabaseHandle
  /** Where log lines go instead of stdout (tests). */
  logStream?: LogStream
}

/** The client's own X-Request-ID when it is a sane one (to trace a request across systems), else a new one. */
const requestId = (raw: IncomingMessage) => {
  const given = raw.headers['x-request-id']
  return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID()
}

// Ids are at most 120 characters (slugs; UUIDs 36): the router's default of 100 turned valid long slugs away.
const ROUTER_OPTIONS = { ignoreTrailingSlash: true, maxParamLength: 200 }

/** Builds the Chain Atlas API; it never listens (server.ts does), so tests can `inject`. */
export const buildApp = async (config: Config, options: AppOptions = {}): Promise<FastifyInstance> => {
  const isTrustedProxy = proxyMatcher(config.trustProxy)
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    // logRequests writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestId,
    // `style` and `explode` describe comma-list parameters to OpenAPI; AJV need only know them.
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, keywords: ['style', 'explode'] },
    },
    schemaController: { compilersFactory: { buildValidator: sharedValidators() as never } },
    routerOptions: ROUTER_OPTIONS,
    frameworkErrors,
    clientErrorHandler,
    trustProxy: config.trustProxy.length ? isTrustedProxy : false,
    bodyLimit: config.bodyLimit,
    // A client gets REQUEST_TIMEOUT_MS (30 s) to send its request, then a 408: slow senders cannot hold
    // sockets. Node reads the timeout for a body still arriving only when the server is created (set
    // later it governs headers alone), and checks every 30 s by default: both are set here.
    requestTimeout: config.requestTimeoutMs,
    http: {
      requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(5000, config.requestTimeoutMs / 4),
    },
    // Idle keep-alive connections end after 65 s (longer than load balancers' usual 60 s).
    keepAliveTimeout: 65_000,
    // Creating and seeding an embedded database takes seconds, more on a busy machine: the default
    // 10 s plugin timeout made such a start fail.
    pluginTimeout: 120_000,
  })
  const cache = createReadCache(config.readCacheMb * 2 ** 20, {
    rateLimited: config.rateLimitPerMinute > 0,
    isTrustedProxy,
  })

  logRequests(app)
  await app.register(problems, { routerOptions: ROUTER_OPTIONS }) // its 405s match paths as the router does
  await app.register(jsonBodies) // application/json and merge patches, with errors that say where
  await app.register(queryStrings) // what the query parser lets by: text not UTF-8, a value sent twice
  await app.register(securityHeadersPlugin, { isTrustedProxy }) // first: every answer carries them, a 429 too
  // Credentials are verified next: the rate limit and the read cache decide from who is verified.
  await app.register(identifyPlugin)
  await app.register(rateLimitsPlugin, { config }) // then every request counts, answers from memory too
  // Then published reads from memory, before any other work: a stored answer holds the headers
  // the hooks below set (security, CORS, ETag), so none of them need run again.
  app.addHook('onRequest', cache.answer)
  // With no rate limit to count, a hit is answered before routing (see performance/).
  answerBeforeRouting(app, cache, requestId)
  // OPTIONS that is no preflight: which methods a path takes.
  app.addHook('onRequest', answerOptions)
  // Anonymous reads from any origin; writes stay same-origin (the admin UI) or go through API keys.
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'OPTIONS'],
    // What a browser client needs to read: validators, the request id to quote, when and how much
    // to back off, an export's file name, and a 405's methods.
    exposedHeaders: [
      'etag',
      'x-request-id',
      'retry-after',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'content-disposition',
      'allow',
    ],
  })
  // In tests, answers PostgreSQL built are checked against their schema before anything else sees them.
  if (config.checkResponses) checkPassedThrough(app)
  checkStatementsOfShape(config.checkResponses)
  await app.register(httpCache, { maxAge: config.publicCacheMaxAge })
  await app.register(database, { config, handle: options.database })
  // Its hook runs after the read cache's answer (added above): published answers in memory are
  // still served while the database is away.
  await app.register(databaseBreaker)
  // Read replicas, when configured: the read cache asks them whether an answer is current.
  await app.register(replicas, { config })
  // Hook order matters: the read cache stores a route's bytes after http-cache gave them an ETag
  // and before compress encodes them.
  await app.register(readCache, { cache })
  // Answers up to 64 KiB are compressed in one go, whatever the machine (the plugin's default
  // shrinks with the cores; 8 KiB on two), so that the read cache can keep them as sent.
  await app.register(compress, {
    global: true,
    threshold: COMPRESS_THRESHOLD,
    syncThreshold: 65_536,
    encodings: ENCODINGS,
  })
  // After compress, which adds its onSend hook to each route: an answer is kept as sent in the
  // encoding the client asked for, so it is not compressed anew for every read.
  keepAnswersAsSent(app, cache)
  await app.register(openapi)
  await app.register(sharedSerializers)
  await app.register(auth)
  await app.register(routes, { config }) // every route, in the contract's order (routes/index.ts)
  await app.register(adminUi)
  await app.register(firstAdmin, { config })
  // Sends the outbox's webhook deliveries; stopped on close before the database is.
  await app.register(webhooks, { settings: config.webhooks })
  return app
}
