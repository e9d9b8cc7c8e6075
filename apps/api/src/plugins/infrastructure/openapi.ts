import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import {
  ApiKey,
  ApiKeyCreate,
  ApiKeyCreated,
  ApiKeyList,
  AuditEntry,
  AuditLog,
  COLLECTION_NAMES,
  Comparison,
  Diff,
  Facets,
  Health,
  ListMeta,
  Login,
  Network,
  Problem,
  Readiness,
  Revert,
  Revision,
  RevisionList,
  UsedBy,
  UsedByList,
  ReviewItem,
  ReviewQueue,
  TransitionComment,
  ChangeRequest,
  Session,
  Change,
  ChangeList,
  Timeline,
  User,
  UserCreate,
  UserList,
  UserUpdate,
  createSchemas,
  entitySchemas,
  listEnvelope,
  replaceSchemas,
  updateSchemas,
} from '@chain-atlas/types'
import { ExportSchema } from '../../routes/export/dataset.ts'
import { SIGNED_IN } from '../../responses.ts'
import { requiredRoles } from '../application/auth.ts'

export const API_VERSION = '0.1.0'

type Operation = {
  parameters?: { schema?: Record<string, unknown> }[]
  security?: unknown
  'x-required-role'?: string
  requestBody?: unknown
  responses?: Record<string, unknown>
}

/** A problem response as it stands in the finished document (routes' `Type.Ref`s are resolved by then). */
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

/**
 * Answers any operation can give, whatever its route declares: credentials that do not verify, the
 * rate limit, the database away, and a body too large.
 */
const anyOperation = (operation: Operation) => {
  operation.responses ??= {}
  operation.responses['401'] ??= problemResponse(
    'The credentials sent do not verify: an unknown or revoked API key, or a malformed Authorization header.',
  )
  operation.responses['503'] ??= problemResponse('The database is unavailable; retry after `Retry-After` seconds.')
  operation.responses['429'] ??= problemResponse(
    'Too many requests from this client; retry after `Retry-After` seconds (see the `RateLimit-*` headers).',
  )
  if (operation.requestBody)
    operation.responses['413'] ??= problemResponse('The body is larger than the server accepts.')
}
type OpenApiDocument = { paths?: Record<string, Record<string, Operation>> }

/** Set on a route's schema whose body may be left out (`routes/entities/shared.ts`, `optionalBody`). */
export const OPTIONAL_BODY = 'x-optional-body'

/**
 * Operations that need a role get their security requirement and `x-required-role`.
 * `style` and `explode` on a query schema tell @fastify/swagger how a comma list is serialized;
 * it copies them to the parameter, where OpenAPI wants them, and this drops the copies left in the schema.
 */

const tidyParameters = (document: OpenApiDocument) => {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      const role = requiredRoles.get(`${method.toUpperCase()} ${path}`)
      if (role) Object.assign(operation, { security: SIGNED_IN, 'x-required-role': role })
      anyOperation(operation)
      // A body the route may go without (a comment): @fastify/swagger marks every body required.
      if ((operation as Record<string, unknown>)[OPTIONAL_BODY] && operation.requestBody) {
        ;(operation.requestBody as { required: boolean }).required = false
        delete (operation as Record<string, unknown>)[OPTIONAL_BODY]
      }
      for (const parameter of operation.parameters ?? []) {
        if (parameter.schema) {
          delete parameter.schema.style
          delete parameter.schema.explode
        }
      }
    }
  }
  return document
}

/** Registers the shared schemas as named components and generates the OpenAPI 3.1 document. */
const openapi = async (app: FastifyInstance) => {
  for (const schema of [Problem, ListMeta, Health, Readiness, Facets]) app.addSchema(schema)
  for (const name of COLLECTION_NAMES) {
    for (const schema of [
      entitySchemas[name],
      listEnvelope(entitySchemas[name]),
      createSchemas[name],
      replaceSchemas[name],
      updateSchemas[name],
    ])
      app.addSchema(schema)
  }
  const curation = [
    User,
    UserList,
    UserCreate,
    UserUpdate,
    Login,
    Session,
    ApiKey,
    ApiKeyList,
    ApiKeyCreate,
    ApiKeyCreated,
    AuditEntry,
    AuditLog,
  ]
  for (const schema of [
    ...curation,
    Revision,
    RevisionList,
    UsedBy,
    UsedByList,
    ReviewItem,
    ReviewQueue,
    TransitionComment,
    ChangeRequest,
    Diff,
    Revert,
    Change,
    ChangeList,
  ])
    app.addSchema(schema)
  for (const schema of [ExportSchema, Comparison, Network, Timeline]) app.addSchema(schema)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Chain Atlas API',
        version: API_VERSION,
        description:
          'A curated, bilingual (Chinese/English), fully cited knowledge base of the industrial- and supply-chain security ' +
          'mechanisms of the United States, Japan and the European Union, and of their strategies toward China.',
        contact: { name: 'Chain Atlas maintainers' },
        license: { name: 'CC BY 4.0 (data)', identifier: 'CC-BY-4.0' },
      },
      servers: [{ url: '/', description: 'This server' }],
      tags: [
        { name: 'health', description: 'Liveness and readiness.' },
        { name: 'economies', description: 'The US, Japan, the EU, China and their partners.' },
        { name: 'doctrines', description: 'Guiding ideologies (指导思想) and their goals.' },
        {
          name: 'instruments',
          description: 'Policy instruments (政策工具) at the national, regional and global level.',
        },
        { name: 'china-strategies', description: 'Each economy’s strategy toward China.' },
        { name: 'sectors', description: 'Industries, technologies, materials and infrastructure fields.' },
        { name: 'sources', description: 'The documents every entry cites.' },
        { name: 'alliances', description: 'Technology alliances, councils and partnerships, with members.' },
        { name: 'sector-focuses', description: 'Where each economy puts its industrial weight.' },
        { name: 'concepts', description: 'Terms of the field, their meaning and origin.' },
        { name: 'assessments', description: 'The conclusions the paper draws.' },
        { name: 'views', description: 'The comparison matrix, the network and the timeline.' },
        { name: 'changes', description: 'The change feed, to mirror the dataset incrementally.' },
        { name: 'review', description: 'The review queue: entries in review, sent back, or being drafted (curators).' },
        { name: 'auth', description: 'Signing in and out.' },
        { name: 'admin', description: 'Users, API keys and the audit log (admins).' },
        { name: 'export', description: 'The whole dataset, and instruments as JSON, CSV or NDJSON.' },
      ],
      security: [],
      components: {
        securitySchemes: {
          cookieAuth: {
            type: 'apiKey',
            in: 'cookie',
            name: 'atlas_session',
            description: 'The session cookie set by `login`; writes also need `X-CSRF-Token`.',
          },
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key (`ca_…`), created by an admin.' },
        },
      },
    },
    transformObject: (documentObject) =>
      tidyParameters((documentObject as { openapiObject: OpenApiDocument }).openapiObject),
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string | undefined) ?? `def-${i}`,
    },
  })

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  app.get('/openapi.yaml', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/yaml').send(app.swagger({ yaml: true })),
  )
  // The interactive reference serves its own assets: it works offline, with no CDN. Its CSP is set
  // with every other security header (security-headers.ts), so it sets none of its own.
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true, tryItOutEnabled: true },
    staticCSP: false,
  })
}

export default fp(openapi, { name: 'openapi' })
