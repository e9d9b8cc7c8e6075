import { readFile } from 'node:fs/promises'
import t from 'tap'
import fc from 'fast-check'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { sql } from 'drizzle-orm'
import { rowsOf } from '@chain-atlas/db'
import { testApp } from '../helpers/app.ts'
import { adminSession } from '../helpers/accounts.ts'
import {
  IDEMPOTENCY_KEY,
  IF_MATCH,
  credentialHeaders,
  encodedBody,
  idFor,
  mutatedBody,
  proxyHeaders,
  queryFor,
  type Encoded,
  type Operation,
} from '../helpers/fuzz.ts'

/**
 * Bad input, derived from the committed contract: for every operation, requests with wrong types,
 * out-of-range and huge values, unknown fields, malformed JSON, odd encodings, injection strings,
 * Chinese and emoji, with invented or oddly spelled credentials and forwarding headers. None may
 * get a 5xx, an undeclared status, a problem outside the contract, an internal detail or an answer
 * without the security headers; every write is refused and the database stays as it was.
 *
 * FUZZ_SEED reproduces a run; FUZZ_REQUESTS sizes it (10,000 by default).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_403)
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000)

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
const document = JSON.parse(await readFile(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'))
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }))
ajv.addSchema(document, 'openapi.json')
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')

const operations: Operation[] = Object.entries<Record<string, any>>(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({ ...op, method, path })),
)

const validators = new Map<string, ValidateFunction>()
/** The schema the contract declares for this operation, status and media type. */
const declared = (op: Operation, status: number, media: string) => {
  const ref = `openapi.json#/${pointer('paths', op.path, op.method, 'responses', String(status), 'content', media, 'schema')}`
  if (!validators.has(ref)) validators.set(ref, ajv.compile({ $ref: ref }))
  return validators.get(ref)!
}
const problemSchema = ajv.compile({ $ref: 'openapi.json#/components/schemas/Problem' })
/** The paths an operation answers: its own, with each parameter a non-empty segment. */
const ownPath = (op: Operation) => new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`)

/** Text that only the server's internals could have put in a response. */
const LEAKS =
  /^\s+at |node:internal|file:\/\/|\/work\/|\.ts:\d+|postgres|pglite|drizzle|syntax error at|relation "|violates|duplicate key|\bSELECT\b|\bINSERT INTO\b/im

/** Everything in every table, to prove refused requests wrote nothing (revisions are append-only: not their entry copies). */
const fingerprint = async (db: any) => {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  )
  const parts = tables.map(
    ({ name }) => sql`select ${name} as name, count(*)::int as n,
    md5(coalesce(string_agg(x, '|' order by x), '')) as h from (select (to_jsonb(t) - 'before' - 'after')::text as x from ${sql.identifier(name)} t) s`,
  )
  return rowsOf(await db.execute(sql.join(parts, sql` union all `)))
}

type Request = { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer }

t.test(
  `every operation × bad input (${REQUESTS} requests, seed ${SEED}): no 5xx, problems as the contract says, nothing written`,
  async (t) => {
    const { app, database } = await testApp(t)
    // A session (cookie and CSRF token) rather than an API key: using a key writes its last use.
    const admin = (await adminSession(app)).headers

    // Valid examples to mutate: the published entries (so creates reuse a taken id), plus one per account request.
    const exported: Record<string, Record<string, unknown>[]> = (await app.inject('/v1/export')).json()
    const ids = Object.values(exported).flatMap((entries) => entries.slice(0, 3).map((e) => e.id as string))
    const examples: Record<string, Record<string, unknown>> = {
      Login: { email: 'admin@example.org', password: 'correct horse battery staple' },
      UserCreate: {
        email: 'new@example.org',
        display_name: '新用户 😀',
        role: 'curator',
        password: 'a long enough password',
      },
      UserUpdate: { display_name: 'Renamed', role: 'editor', disabled: false },
      ApiKeyCreate: { name: 'a key', role: 'viewer' },
      Revert: { version: 1 },
    }
    for (const [collection, entries] of Object.entries(exported)) {
      const name = document.paths[`/v1/${collection}`].get.responses['200'].content['application/json'].schema.$ref
        .split('/')
        .pop()
        .replace(/List$/, '')
      for (const kind of ['Create', 'Replace']) {
        const fields = Object.keys(document.components.schemas[`${name}${kind}`].properties)
        examples[`${name}${kind}`] = Object.fromEntries(Object.entries(entries[0]!).filter(([k]) => fields.includes(k)))
      }
    }
    const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
    const invented = credentialHeaders(admin.cookie!.slice('atlas_session='.length), admin['x-csrf-token']!)
    // Sign-out with the admin's own token (however spelled) would end the session the other requests use.
    const inventedOnly = credentialHeaders('not-a-session-token', admin['x-csrf-token']!)
    // Requests that could succeed with a valid body get one field that is always wrong (no audit
    // entries from failed sign-ins, no users or keys); creates keep a taken id (409 at best).
    const POISONED = new Set(['login', 'createUser', 'createApiKey'])

    const requestFor = (op: Operation): fc.Arbitrary<Request> => {
      const bodySchema = op.requestBody?.content['application/json']?.schema
      const example = bodySchema?.$ref
        ? examples[bodySchema.$ref.split('/').pop()]
        : op.method === 'patch'
          ? (examples[`${op.operationId.slice(6)}Replace`] ?? {})
          : undefined
      const body =
        example &&
        mutatedBody(example).map((b) => {
          if (POISONED.has(op.operationId)) return { ...b, zzz: 1 }
          if (op.operationId.startsWith('create') && typeof b.id === 'string' && SLUG.test(b.id))
            return { ...b, id: example.id }
          return b
        })
      const jsonType =
        op.method === 'patch'
          ? fc.constantFrom('application/json', 'application/merge-patch+json')
          : fc.constant('application/json')
      return fc
        .record({
          id: idFor(
            op.parameters?.find((p) => p.in === 'path'),
            ids,
          ),
          query: queryFor(op, ids),
          ifMatch: fc.constantFrom(...IF_MATCH),
          idempotencyKey: fc.constantFrom(...IDEMPOTENCY_KEY),
          // Mostly the admin (so a refusal is about the input, not the role), sometimes anonymous or with invented or oddly
          // spelled credentials.
          credentials:
            op.operationId === 'logout'
              ? inventedOnly
              : fc.oneof({ weight: 4, arbitrary: fc.constant(admin) }, { weight: 2, arbitrary: invented }),
          extra: proxyHeaders,
          body: body ? jsonType.chain((type) => encodedBody(body, type)) : fc.constant<Encoded>({}),
        })
        .map(({ id, query, ifMatch, idempotencyKey, credentials, extra, body }) => {
          const headers: Record<string, string> = { ...credentials, ...extra }
          if (ifMatch !== undefined) headers['if-match'] = ifMatch
          if (idempotencyKey !== undefined && op.method === 'post') headers['idempotency-key'] = idempotencyKey
          if (body.contentType) headers['content-type'] = body.contentType
          return {
            method: op.method.toUpperCase(),
            url: op.path.replace('{id}', id) + query,
            headers,
            payload: body.payload,
          }
        })
    }

    /** Throws (so fast-check reports and shrinks the request) when a response breaks a rule. */
    const check = (op: Operation, req: Request, res: Awaited<ReturnType<typeof app.inject>>) => {
      const status = res.statusCode
      if (status >= 500) throw new Error(`${status}: ${res.body.slice(0, 500)}`)
      for (const name of ['x-content-type-options', 'content-security-policy', 'x-request-id'])
        if (!res.headers[name]) throw new Error(`${status} without ${name}`)
      // An empty id makes the path another one (`PUT /v1/economies/`), where the method may be one the path
      // does not take: a 405 naming those it does, as no operation of the contract can declare.
      const elsewhere = status === 405 && !ownPath(op).test(req.url.split('?')[0]!)
      if (elsewhere && !res.headers.allow) throw new Error('a 405 without Allow')
      if (!op.responses[String(status)] && !elsewhere)
        throw new Error(`undeclared status ${status}: ${res.body.slice(0, 500)}`)
      if (op.method !== 'get' && status < 400) throw new Error(`a write was accepted: ${status}`)
      if (status < 400) return
      if (!String(res.headers['content-type']).startsWith('application/problem+json'))
        throw new Error(`${status} as ${res.headers['content-type']}`)
      const problem = res.json<{
        status: number
        type: string
        title: string
        detail?: string
        errors?: { pointer: string; detail: string }[]
      }>()
      if (!problemSchema(problem) || problem.status !== status)
        throw new Error(`not a problem: ${ajv.errorsText(problemSchema.errors)} ${res.body.slice(0, 300)}`)
      const validate = elsewhere ? problemSchema : declared(op, status, 'application/problem+json')
      if (!validate(problem)) throw new Error(`${status} not as declared: ${ajv.errorsText(validate.errors)}`)
      // Field names and paths are the caller's own words echoed back; everything else is the server's.
      let text = `${problem.type} ${problem.title} ${problem.detail ?? ''} ${(problem.errors ?? []).map((e) => e.detail).join(' ')}`
      for (const e of problem.errors ?? []) text = text.replaceAll(e.pointer, '')
      text = text.replaceAll(req.url.split('?')[0]!, '')
      if (LEAKS.test(text)) throw new Error(`${status} leaks internals: ${text.slice(0, 500)}`)
    }

    const perOperation = Math.ceil(REQUESTS / operations.length)
    let sent = 0
    const started = Date.now()
    const before = await fingerprint(database.db)
    t.ok(before.length >= 15, `the fingerprint covers ${before.length} tables`)
    for (const [index, op] of operations.entries()) {
      const seed = SEED + index
      const details = await fc.check(
        fc.asyncProperty(requestFor(op), async (req) => {
          sent++
          check(op, req, await app.inject(req))
        }),
        { seed, numRuns: perOperation },
      )
      const failure = details.failed
        ? {
            error: String(details.errorInstance),
            request: details.counterexample?.[0],
            seed,
            path: details.counterexamplePath,
          }
        : {}
      t.notOk(details.failed, `${op.operationId} (${op.method.toUpperCase()} ${op.path}), seed ${seed}`, failure)
      // After each writing operation's batch (reads are covered by the next check and the last one).
      if (op.method !== 'get')
        t.same(await fingerprint(database.db), before, `${op.operationId}: the database is unchanged`)
    }
    t.same(await fingerprint(database.db), before, 'the database is unchanged at the end')
    t.notOk(app.databaseBreaker.isOpen(), 'no request opened the database breaker')
    t.ok(
      sent >= REQUESTS,
      `${sent} requests over ${operations.length} operations in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
  },
)
