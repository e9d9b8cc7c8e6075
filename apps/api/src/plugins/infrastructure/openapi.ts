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
  Codebook,
  CodebookField,
  Comparison,
  collectionSpecs,
  includedSchemaOf,
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
  SearchHit,
  SearchMatch,
  SearchResults,
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
  Webhook,
  WebhookCreate,
  WebhookCreated,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookList,
  WebhookUpdate,
  createSchemas,
  entitySchemas,
  listEnvelope,
  replaceSchemas,
  updateSchemas,
} from '@chain-atlas/types'
import { ExportSchema } from '../../routes/export/dataset.ts'
import { InstrumentStats } from '../../routes/views/stats.ts'
import { DatasetRelease } from '../../routes/dataset/release.ts'
import { curationTag } from '../../routes/entities/shared.ts'
import { type Examples, withExamples } from '../../openapi-examples.ts'
import committedExamples from '../../openapi-examples.json' with { type: 'json' }
import { DOCS_CSS, DOCS_JS } from './docs-theme.ts'

/** The public reads' response examples (from the seed; `pnpm openapi:generate` asks them anew). */
let examples: Examples = committedExamples
/** For `pnpm openapi:generate`: the examples it has just asked the seeded API, for the document it writes. */
export const useExamples = (fresh: Examples) => {
  examples = fresh
}
import { SIGNED_IN } from '../../responses.ts'
import { requiredRoles } from '../application/auth.ts'

export const API_VERSION = '0.1.0'

type Operation = {
  parameters?: { name?: string; in?: string; schema?: Record<string, unknown>; [key: string]: unknown }[]
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

const ETAG_HEADER = {
  description: 'The version of this answer (an entry\'s is `"v<version>"`): send it back in `If-None-Match`.',
  schema: { type: 'string' },
}

/**
 * Every successful read has an ETag and answers 304 to a matching If-None-Match (http-cache.ts): said
 * in the contract too, so a generated client knows the header, the parameter and the empty answer.
 */
const conditionalRead = (operation: Operation) => {
  const ok = operation.responses?.['200'] as { headers?: Record<string, unknown> } | undefined
  if (!ok) return
  ok.headers = { ETag: ETAG_HEADER, ...ok.headers }
  operation.responses!['304'] ??= {
    description: 'Not modified: the answer the `If-None-Match` ETag names is still current (no body).',
    headers: { ETag: ETAG_HEADER },
  }
  operation.parameters ??= []
  if (!operation.parameters.some((p) => String(p.name).toLowerCase() === 'if-none-match'))
    operation.parameters.push({
      in: 'header',
      name: 'If-None-Match',
      required: false,
      description: 'ETags of answers already held (or `*`): 304 with no body while one is still current.',
      schema: { type: 'string' },
    })
}

/** What the reference says first: what the data is, where it comes from, how to cite it. */
const API_DESCRIPTION = `A curated, bilingual (Chinese/English), fully cited knowledge base of how the United States, Japan and the
European Union secure their industrial and supply chains (guiding ideologies, policy instruments at the national,
regional and global level, alliances, sector focuses) and of their strategies toward China.

**Where it comes from.** The dataset starts from one paper, mapped section by section: 郝宇彪 (Hao Yubiao) and
明莹 (Ming Ying), 《美日欧产业链安全保障机制的逻辑解构与比较分析》, *国际展望 Global Review* 2024(4), pp. 37–56,
DOI 10.13851/j.cnki.gjzw.202404003. Every entry lists its sources (\`source_ids\`, \`/v1/sources\`) and the places
in the paper it draws on (\`paper_refs\`); curators review each change before it is published.

**How to use it.** Public reads need no key and are open to any origin: lists with filters, search in either
language and cursor pages; \`/v1/compare\`, \`/v1/network\` and \`/v1/timeline\`; \`/v1/export\` for the whole
dataset and \`/v1/changes\` to keep a copy in step. Money is \`{ value, currency, kind }\` in full units; texts are
\`{ en, zh }\`; errors are RFC 9457 \`application/problem+json\` naming the offending field; every read has an ETag.
A method a path does not take is a 405 whose \`Allow\` header names those it does.

**How to cite it.** Cite the entry and the sources it lists, e.g. “Chain Atlas, *CHIPS and Science Act*
(instruments/us-chips-and-science-act-2022, version 3), citing Hao & Ming (2024)”; \`as_of\` on any read gives the
dataset as published at a moment, so a citation with its date can be checked later. \`/v1/dataset\` gives the release
(version, date, counts) with ready references to the paper and the dataset (text and BibTeX); \`/v1/codebook\`
defines every field and value in both languages. Data: CC BY 4.0.`

/** The reference's own mark, in the top bar and as the tab's icon (served with it, offline). */
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="32" viewBox="0 0 180 32"><rect width="32" height="32" rx="6" fill="#0b4f6c"/><path d="M9 16a7 7 0 0 1 7-7h3v4h-3a3 3 0 0 0 0 6h3v4h-3a7 7 0 0 1-7-7zm8 0h6" stroke="#fff" stroke-width="2.5" fill="none"/><text x="42" y="22" font-family="system-ui,sans-serif" font-size="17" font-weight="600" fill="#fff">Chain Atlas API</text></svg>`

/** The public reads of each collection, then the views, the export and the change feed. */
const READ_TAGS = [
  { name: 'economies', description: 'The US, Japan, the EU, China and their partners.' },
  { name: 'doctrines', description: 'Guiding ideologies (指导思想) and their goals.' },
  { name: 'instruments', description: 'Policy instruments (政策工具) at the national, regional and global level.' },
  { name: 'china-strategies', description: 'Each economy’s strategy toward China.' },
  { name: 'sectors', description: 'Industries, technologies, materials and infrastructure fields.' },
  { name: 'sources', description: 'The documents every entry cites.' },
  { name: 'alliances', description: 'Technology alliances, councils and partnerships, with members.' },
  { name: 'sector-focuses', description: 'Where each economy puts its industrial weight.' },
  { name: 'concepts', description: 'Terms of the field, their meaning and origin.' },
  { name: 'assessments', description: 'The conclusions the paper draws.' },
  { name: 'search', description: 'One search box across every collection.' },
  { name: 'dataset', description: 'The release and how to cite it; the codebook of every field and value.' },
  { name: 'views', description: 'The comparison matrix, the network and the timeline.' },
  { name: 'export', description: 'The whole dataset, and instruments as JSON, CSV or NDJSON.' },
  { name: 'changes', description: 'The change feed, to mirror the dataset incrementally.' },
]

/** Tags in the order the reference shows them, grouped: public reads, curation, accounts, operations. */
const TAGS = [
  ...READ_TAGS,
  ...COLLECTION_NAMES.map((name) => ({
    name: curationTag(name),
    description: `Creating and changing ${collectionSpecs[name].label.plural}: drafts, working copies, review, history (signed in).`,
  })),
  { name: 'review', description: 'The review queue: entries in review, sent back, or being drafted (signed in).' },
  { name: 'auth', description: 'Signing in and out.' },
  { name: 'admin', description: 'Users, API keys, the audit log and webhooks (admins).' },
  { name: 'health', description: 'Liveness and readiness, for load balancers and orchestrators.' },
]

const TAG_GROUPS = [
  { name: 'Public reads', tags: READ_TAGS.map((t) => t.name) },
  { name: 'Curation', tags: [...COLLECTION_NAMES.map(curationTag), 'review'] },
  { name: 'Accounts', tags: ['auth', 'admin'] },
  { name: 'Operations', tags: ['health'] },
]

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
      if (method === 'get') conditionalRead(operation)
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
  for (const schema of [Problem, ListMeta, Health, Readiness, Facets, SearchMatch, SearchHit, SearchResults])
    app.addSchema(schema)
  for (const name of COLLECTION_NAMES) {
    for (const schema of [
      entitySchemas[name],
      listEnvelope(entitySchemas[name], includedSchemaOf(name)),
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
    Webhook,
    WebhookList,
    WebhookCreate,
    WebhookUpdate,
    WebhookCreated,
    WebhookDelivery,
    WebhookDeliveryList,
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
  for (const schema of [
    DatasetRelease,
    CodebookField,
    Codebook,
    ExportSchema,
    Comparison,
    Network,
    Timeline,
    InstrumentStats,
  ])
    app.addSchema(schema)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Chain Atlas API',
        version: API_VERSION,
        description: API_DESCRIPTION,
        contact: { name: 'Chain Atlas maintainers' },
        license: { name: 'CC BY 4.0 (data)', identifier: 'CC-BY-4.0' },
      },
      servers: [{ url: '/', description: 'This server' }],
      tags: TAGS,
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
    // Tag groups are an extension (Redoc's): readers without it still see the tags in group order.
    transformObject: (documentObject) =>
      Object.assign(
        withExamples(tidyParameters((documentObject as { openapiObject: OpenApiDocument }).openapiObject), examples),
        { 'x-tagGroups': TAG_GROUPS },
      ),
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
    // Tags open one at a time: with every operation expanded (the default), Swagger UI drew the
    // first tag of the 160 operations and never the rest.
    uiConfig: { deepLinking: true, tryItOutEnabled: true, docExpansion: 'none' },
    theme: {
      title: 'Chain Atlas API reference',
      css: [{ filename: 'a11y.css', content: DOCS_CSS }],
      js: [{ filename: 'a11y.js', content: DOCS_JS }],
      favicon: [
        {
          filename: 'favicon.svg',
          rel: 'icon',
          type: 'image/svg+xml',
          sizes: 'any',
          content: Buffer.from(
            LOGO_SVG.replace('width="180"', 'width="32"').replace('viewBox="0 0 180 32"', 'viewBox="0 0 32 32"'),
          ),
        },
      ],
    },
    logo: { type: 'image/svg+xml', content: Buffer.from(LOGO_SVG), href: '/docs', target: '_self' },
    staticCSP: false,
  })
}

export default fp(openapi, { name: 'openapi' })
