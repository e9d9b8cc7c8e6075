import { execFile } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import Fastify from 'fastify'
import t from 'tap'
import { type ChainAtlas, ProblemError, createClient, ifMatch, items, pages, type Instrument } from '@chain-atlas/sdk'
import { testApp } from '../../../tests/helpers/app.ts'
import { ADMIN, adminSession, roleKeys } from '../../../tests/helpers/accounts.ts'

type Role = 'viewer' | 'curator' | 'editor' | 'admin'

const contract = JSON.parse(await readFile(new URL('../../../openapi/openapi.json', import.meta.url), 'utf8'))

/** Every operation of the contract, with a pattern for the paths it answers. */
const operations = Object.entries<Record<string, { operationId: string }>>(contract.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({
    id: operation.operationId,
    method: method.toUpperCase(),
    pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    // `/v1/instruments/facets` also fits `/v1/instruments/{id}`: the template with fewer parameters wins.
    parameters: path.split('{').length - 1,
  })),
)
const operationOf = (method: string, path: string) =>
  operations.filter((o) => o.method === method && o.pattern.test(path)).sort((a, b) => a.parameters - b.parameters)[0]
    ?.id

/** The collections and their operation ids, read from the contract (`listInstruments`, `createInstrument`, …). */
const collections = Object.keys(contract.paths)
  .filter((path) => contract.paths[`${path}/facets`])
  .map((path) => {
    const op = (p: string, method: string) => contract.paths[p][method].operationId as string
    const item = `${path}/{id}`
    return {
      name: path.slice(4),
      list: op(path, 'get'),
      create: op(path, 'post'),
      facets: op(`${path}/facets`, 'get'),
      get: op(item, 'get'),
      replace: op(item, 'put'),
      update: op(item, 'patch'),
      submit: op(`${item}/submit`, 'post'),
      publish: op(`${item}/publish`, 'post'),
      archive: op(`${item}/archive`, 'post'),
      requestChanges: op(`${item}/request-changes`, 'post'),
      restore: op(`${item}/restore`, 'post'),
      draft: op(`${item}/draft`, 'get'),
      discard: op(`${item}/discard`, 'post'),
      revert: op(`${item}/revert`, 'post'),
      revisions: op(`${item}/revisions`, 'get'),
      diff: op(`${item}/diff`, 'get'),
      usedBy: op(`${item}/used-by`, 'get'),
    }
  })

type Entry = { id: string; version: number; status: string } & Record<string, unknown>
type Result = { data: any; response: Response }
/** Calls an SDK method by its operation id: the per-collection loops below go through all ten collections alike. */
const call = (atlas: ChainAtlas, operationId: string, options?: object): Promise<Result> =>
  (atlas as unknown as Record<string, (options?: object) => Promise<Result>>)[operationId]!.call(atlas, options)

/** The error a promise rejects with, for asserting on. */
const rejection = async (promise: Promise<unknown>): Promise<ProblemError> => {
  try {
    await promise
  } catch (error) {
    if (error instanceof ProblemError) return error
    throw error
  }
  throw new Error('expected a ProblemError, but the call succeeded')
}

const contentOf = ({ version, status, created_at, updated_at, ...content }: Entry) => content

t.test('the SDK against the live API: every operation of the contract, errors included', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  // Every request the SDK sends goes through real HTTP; the log shows which operations were called.
  const sent: { method: string; path: string; status: number }[] = []
  const logged: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const response = await fetch(request)
    sent.push({ method: request.method, path: new URL(request.url).pathname, status: response.status })
    return response
  }
  const keyOf = (role: Role) => keys[role].headers.authorization!.replace('Bearer ', '')
  const as = (role?: Role) => createClient({ baseUrl, fetch: logged, apiKey: role && keyOf(role) })
  const anonymous = as()
  const editor = as('editor')

  await t.test('reads: lists page by page, counts, facets, entries with their ETags', async (t) => {
    for (const c of collections) {
      const { data: counted } = await call(anonymous, c.list, { query: { count: true, limit: 1 } })
      const ids: string[] = []
      for await (const page of pages((cursor) => call(anonymous, c.list, { query: { limit: 25, cursor } }))) {
        ids.push(...page.data.map((e: Entry) => e.id))
      }
      t.equal(ids.length, counted.meta.total, `${c.name}: the pages hold every entry, once`)
      t.equal(new Set(ids).size, ids.length)
      const { data: facets } = await call(anonymous, c.facets)
      t.equal(facets.total, counted.meta.total, `${c.name}: facets count the same entries`)
      const { data: entry, response } = await call(anonymous, c.get, { path: { id: ids[0] } })
      t.equal(response.headers.get('etag'), ifMatch(entry)['if-match'], `${c.name}: the ETag is the entry's version`)
    }
    // The typed way: options and results are the contract's types.
    const found: Instrument[] = []
    for await (const instrument of items((cursor) =>
      anonymous.listInstruments({ query: { q: '芯片', economy: ['us', 'eu'], limit: 2, cursor } }),
    )) {
      found.push(instrument)
    }
    t.ok(
      found.some((i) => i.id === 'us-chips-and-science-act-2022'),
      'a Chinese search across pages finds the CHIPS Act',
    )
    t.ok(
      found.every((i) => i.economy_id === 'us' || i.economy_id === 'eu'),
      'array filters are sent as the API reads them',
    )
    const everywhere: string[] = []
    for await (const hit of items((cursor) => anonymous.searchAll({ query: { q: '芯片', limit: 5, cursor } })))
      everywhere.push(`${hit.collection}/${hit.id}`)
    t.ok(everywhere.includes('instruments/us-chips-and-science-act-2022'), 'one search box, page by page')
    const { data: stats } = await anonymous.getInstrumentStats({ query: { group_by: ['economy', 'currency'] } })
    t.ok(
      stats.groups.some((g) => g.key.economy === 'us' && g.totals.some((x) => x.currency === 'USD')),
      'sums per economy and currency',
    )
  })

  await t.test('views, exports, health and the change feed', async (t) => {
    t.same((await anonymous.getHealth()).data, { status: 'ok' })
    t.equal((await anonymous.getReadiness()).data.status, 'ok')
    const { data: table } = await anonymous.compareEconomies({
      query: { economy: ['us', 'jp', 'eu'], level: 'national' },
    })
    t.same(
      table.economies.map((e) => e.id),
      ['us', 'jp', 'eu'],
    )
    t.ok(table.rows.length > 0)
    t.ok((await anonymous.getNetwork()).data)
    t.ok((await anonymous.getTimeline()).data)
    const { data: dataset } = await anonymous.exportDataset()
    t.ok(dataset.instruments.length > 30, 'the whole dataset')
    const { data: release } = await anonymous.getDataset()
    t.equal(release.counts.instruments, dataset.instruments.length, 'the release counts what the export holds')
    const { data: codebook } = await anonymous.getCodebook()
    t.ok(
      codebook.collections.some((c) => c.name === 'instruments'),
      'the codebook defines the instruments',
    )
    const csv = await anonymous.exportInstruments({ query: { format: 'csv', economy: ['jp'] }, parseAs: 'arrayBuffer' })
    t.match(csv.response.headers.get('content-type'), 'text/csv')
    t.same(
      [...new Uint8Array(csv.data as unknown as ArrayBuffer).subarray(0, 3)],
      [0xef, 0xbb, 0xbf],
      'CSV with its byte-order mark',
    )
    const ndjson = await anonymous.exportInstruments({ query: { format: 'ndjson' }, parseAs: 'text' })
    const lines = (ndjson.data as unknown as string).trim().split('\n')
    t.equal(lines.length, dataset.instruments.length, 'one NDJSON line per published instrument')
    let changes = 0
    for await (const page of pages((cursor) => anonymous.listChanges({ query: { cursor, limit: 100 } })))
      changes += page.data.length
    t.ok(changes >= dataset.instruments.length, 'the change feed, followed to its end')
  })

  await t.test(
    'writes: each collection created, reviewed, published, edited in a working copy, reverted, archived, restored',
    async (t) => {
      for (const c of collections) {
        const { data: list } = await call(anonymous, c.list, { query: { limit: 1 } })
        const model = list.data[0] as Entry
        const id = `sdk-${model.id}`.slice(0, 120)
        const { data: citing } = await call(anonymous, c.usedBy, { path: { id: model.id }, query: { limit: 5 } })
        t.equal(citing.meta.limit, 5, `${c.name}: who uses ${model.id}, a page of up to 5`)
        t.ok(Array.isArray(citing.data) && citing.data.length <= 5)
        let entry = (
          await call(editor, c.create, {
            body: { ...contentOf(model), id },
            headers: { 'idempotency-key': `create-${id}` },
          })
        ).data as Entry
        t.match(entry, { id, version: 1, status: 'draft' }, `${c.name}: created as a draft`)
        const again = await call(editor, c.create, {
          body: { ...contentOf(model), id },
          headers: { 'idempotency-key': `create-${id}` },
        })
        t.equal(
          again.response.headers.get('idempotent-replayed'),
          'true',
          `${c.name}: a retried create is replayed, not repeated`,
        )
        entry = (await call(editor, c.submit, { path: { id }, headers: ifMatch(entry), body: { comment: 'New' } })).data
        entry = (await call(editor, c.publish, { path: { id }, headers: ifMatch(entry) })).data
        t.equal(entry.status, 'published', `${c.name}: submitted and published`)
        const read = await call(anonymous, c.get, { path: { id } })
        // PATCH a bilingual text of the model (every collection has one): it goes to the working copy.
        const field = Object.keys(model).find((k) => (model[k] as { zh?: string } | null)?.zh !== undefined)!
        const patch = { [field]: { en: 'Changed through the SDK', zh: '通过SDK修改' } }
        entry = (await call(editor, c.update, { path: { id }, headers: ifMatch(read.response), body: patch })).data
        t.match(entry, { ...patch, status: 'draft', version: 4 }, `${c.name}: patched with the ETag of a read`)
        t.same((await call(anonymous, c.get, { path: { id } })).data[field], model[field], `${c.name}: not yet public`)
        t.same((await call(editor, c.draft, { path: { id } })).data, entry, `${c.name}: the working copy`)
        const { id: _, ...content } = contentOf(model)
        entry = (await call(editor, c.replace, { path: { id }, headers: ifMatch(entry), body: content })).data
        t.same(entry[field], model[field], `${c.name}: replaced`)
        entry = (await call(editor, c.revert, { path: { id }, headers: ifMatch(entry), body: { version: 4 } })).data
        t.match(entry[field], patch[field], `${c.name}: reverted to version 4`)
        entry = (await call(editor, c.submit, { path: { id }, headers: ifMatch(entry) })).data
        const queue = (await editor.listReviewQueue({ query: { limit: 200 } })).data.data
        t.ok(
          queue.some((i) => i.collection === c.name && i.id === id),
          `${c.name}: in the review queue`,
        )
        entry = (
          await call(editor, c.requestChanges, {
            path: { id },
            headers: ifMatch(entry),
            body: { comment: 'Cite a source' },
          })
        ).data
        t.equal(entry.status, 'draft', `${c.name}: sent back with a comment`)
        entry = (await call(editor, c.submit, { path: { id }, headers: ifMatch(entry) })).data
        entry = (await call(editor, c.publish, { path: { id }, headers: ifMatch(entry), body: { comment: 'OK' } })).data
        t.match((await call(anonymous, c.get, { path: { id } })).data[field], patch[field], `${c.name}: published`)
        const again2 = (await call(editor, c.update, { path: { id }, headers: ifMatch(entry), body: patch })).data
        entry = (await call(editor, c.discard, { path: { id }, headers: ifMatch(again2) })).data
        t.equal(entry.status, 'published', `${c.name}: a working copy discarded`)
        entry = (await call(editor, c.archive, { path: { id }, headers: ifMatch(entry) })).data
        t.equal(entry.status, 'archived', `${c.name}: archived`)
        entry = (await call(editor, c.restore, { path: { id }, headers: ifMatch(entry) })).data
        t.equal(entry.status, 'published', `${c.name}: restored`)
        const { data: revisions } = await call(editor, c.revisions, { path: { id } })
        t.equal(revisions.data.length, entry.version, `${c.name}: a revision per version`)
        const { data: diff } = await call(editor, c.diff, { path: { id }, query: { from: 3, to: 4 } })
        t.ok(
          diff.changes.some((d: { field: string }) => d.field === field),
          `${c.name}: the diff names ${field}`,
        )
      }
    },
  )

  await t.test('sessions and administration', async (t) => {
    const admin = createClient({ baseUrl, fetch: logged })
    const signedIn = await admin.signIn(ADMIN.email, ADMIN.password)
    t.equal(signedIn.user.role, 'admin')
    t.match(
      admin.session,
      { csrfToken: signedIn.csrf_token, cookie: /^atlas_session=/ },
      'the session cookie is kept outside browsers',
    )
    t.equal((await admin.getSession()).data.user.email, ADMIN.email)
    const { data: user } = await admin.createUser({
      body: { email: 'sdk@example.org', display_name: 'SDK', role: 'viewer', password: 'a long enough password' },
    })
    t.equal(
      (await admin.updateUser({ path: { id: user.id }, body: { role: 'curator' } })).data.role,
      'curator',
      'a write with the session sends its CSRF token',
    )
    t.ok((await admin.listUsers()).data.data.some((u) => u.id === user.id))
    const { data: created } = await admin.createApiKey({ body: { name: 'sdk key', role: 'viewer' } })
    const viewer = createClient({ baseUrl, fetch: logged, apiKey: created.secret })
    t.ok(
      (await viewer.listSources({ query: { status: ['draft', 'published'] } })).data.data.length > 0,
      'an API key reads drafts',
    )
    t.ok((await admin.listApiKeys()).data.data.some((k) => k.id === created.key.id))
    t.ok((await admin.revokeApiKey({ path: { id: created.key.id } })).data.revoked_at, 'revoked')
    t.equal(
      (await rejection(viewer.listSources({ query: { status: ['draft'] } }))).status,
      401,
      'a revoked key is refused',
    )
    const { data: hook } = await admin.createWebhook({
      body: { url: 'https://hooks.example.org/atlas', events: ['published'], collections: ['instruments'] },
    })
    t.match(hook.secret, /^whsec_/, 'a webhook’s secret, shown once')
    t.same((await admin.listWebhooks()).data.data, [hook.webhook])
    t.equal((await admin.getWebhook({ path: { id: hook.webhook.id } })).data.url, 'https://hooks.example.org/atlas')
    const paused = await admin.updateWebhook({ path: { id: hook.webhook.id }, body: { active: false } })
    t.equal(paused.data.active, false)
    t.same((await admin.listWebhookDeliveries({ path: { id: hook.webhook.id } })).data.data, [], 'nothing sent yet')
    await admin.deleteWebhook({ path: { id: hook.webhook.id } })
    const events = (await admin.listAuditLog({ query: { limit: 200 } })).data.data.map((e) => e.event)
    for (const event of ['sign_in', 'user_created', 'key_created', 'key_revoked', 'webhook_created', 'webhook_deleted'])
      t.ok(events.includes(event), `the audit log has ${event}`)
    await admin.signOut()
    t.equal(admin.session, undefined)
    t.equal(
      (
        await rejection(
          createClient({ baseUrl, fetch: logged, session: { csrfToken: signedIn.csrf_token } }).getSession(),
        )
      ).status,
      401,
    )
  })

  await t.test('errors are ProblemErrors carrying the problem the API sent', async (t) => {
    const missing = await rejection(anonymous.getInstrument({ path: { id: 'no-such-instrument' } }))
    t.match(missing, { status: 404, title: String, type: /not-found/, detail: /no-such-instrument/, requestId: String })
    t.match(missing.message, /no-such-instrument/)

    const invalid = await rejection(anonymous.listInstruments({ query: { limit: 500 } }))
    t.equal(invalid.status, 400)
    t.same(
      invalid.errors.map((e) => e.pointer),
      ['/query/limit'],
      'the offending parameter, as a JSON pointer',
    )

    const body = { id: 'us-sdk-test-2025', economy_id: 'us', level: 'planetary' } as never
    const badBody = await rejection(as('curator').createInstrument({ body }))
    t.ok(
      badBody.errors.some((e) => e.pointer === '/body/level'),
      'each offending field is named',
    )

    const anonymousWrite = await rejection(
      anonymous.createSource({
        body: { id: 'sdk-x', kind: 'report', title: { en: 'x', zh: 'x' }, language: 'en' } as never,
      }),
    )
    t.equal(anonymousWrite.status, 401)
    t.match(anonymousWrite.response?.headers.get('www-authenticate'), 'Bearer')
    t.equal(
      (
        await rejection(
          as('viewer').publishInstrument({
            path: { id: 'us-chips-and-science-act-2022' },
            headers: { 'if-match': '"v1"' },
          }),
        )
      ).status,
      403,
    )

    const { data: chips } = await anonymous.getInstrument({ path: { id: 'us-chips-and-science-act-2022' } })
    const curator = as('curator')
    const noIfMatch = await rejection(curator.updateInstrument({ path: { id: chips.id }, body: { year: 2022 } }))
    t.equal(noIfMatch.status, 428, 'a write without If-Match')
    await curator.updateInstrument({ path: { id: chips.id }, headers: ifMatch(chips), body: { year: 2022 } })
    const stale = await rejection(
      curator.updateInstrument({ path: { id: chips.id }, headers: ifMatch(chips), body: { year: 2023 } }),
    )
    t.equal(stale.status, 412, 'a write with the ETag of an older version')

    const taken = await rejection(curator.createInstrument({ body: contentOf(chips as unknown as Entry) as never }))
    t.equal(taken.status, 409)

    const someone = createClient({ baseUrl, fetch: logged })
    for (let i = 0; i < 5; i++) await rejection(someone.signIn(ADMIN.email, `wrong ${i}`))
    const started = Date.now()
    const throttled = await rejection(someone.signIn(ADMIN.email, ADMIN.password))
    t.equal(throttled.status, 429)
    t.ok(throttled.retryAfter! > 60, 'the wait the server asked for')
    t.ok(Date.now() - started < 5_000, 'a wait longer than the cap is not waited for')
  })

  await t.test('every operation of the contract was called through the SDK', async (t) => {
    const called = new Set(sent.map((r) => operationOf(r.method, r.path)))
    t.same(
      operations.map((o) => o.id).filter((id) => !called.has(id)),
      [],
      `all ${operations.length} operations exercised`,
    )
    const statuses = new Set(sent.map((r) => r.status))
    for (const status of [200, 201, 204, 400, 401, 403, 404, 409, 412, 428, 429])
      t.ok(statuses.has(status), `an answer ${status} was met`)
  })
})

t.test('429 and 503 answers are retried as Retry-After says, up to a cap', async (t) => {
  const flaky = Fastify()
  const calls: Record<string, number> = {}
  const tally = (key: string) => (calls[key] = (calls[key] ?? 0) + 1)
  const problem = (status: number) => ({
    type: 'about:blank',
    title: status === 429 ? 'Too many requests' : 'Unavailable',
    status,
  })
  flaky.get('/v1/economies', async (_request, reply) => {
    const n = tally('list')
    if (n === 1) return reply.code(503).header('retry-after', '1').type('application/problem+json').send(problem(503))
    if (n === 2)
      return reply
        .code(429)
        .header('retry-after', new Date(Date.now() + 1000).toUTCString())
        .type('application/problem+json')
        .send(problem(429))
    return { data: [], meta: { limit: 50, next_cursor: null } }
  })
  flaky.post<{ Body: { email: string } }>('/v1/auth/login', async (request, reply) => {
    if (tally('login') === 1)
      return reply.code(503).header('retry-after', '0').type('application/problem+json').send(problem(503))
    return { user: { email: request.body.email }, csrf_token: 'token', expires_at: new Date().toISOString() }
  })
  flaky.get('/healthz', async (_request, reply) => {
    tally('health')
    return reply.code(503).header('retry-after', '0').type('application/problem+json').send(problem(503))
  })
  flaky.get('/readyz', async (_request, reply) => {
    tally('ready')
    return reply.code(503).header('retry-after', '3600').type('application/problem+json').send(problem(503))
  })
  t.teardown(() => flaky.close())
  const baseUrl = await flaky.listen({ port: 0, host: '127.0.0.1' })
  const atlas = createClient({ baseUrl })

  const started = Date.now()
  const { data } = await atlas.listEconomies()
  t.same(data.data, [], 'succeeds on the third attempt')
  t.equal(calls.list, 3)
  t.ok(Date.now() - started >= 900, 'after waiting the seconds, then the date, that Retry-After named')

  const signedIn = await atlas.signIn('someone@example.org', 'password')
  t.equal(signedIn.user.email, 'someone@example.org', 'a retried POST sends its body again')

  const exhausted = await rejection(createClient({ baseUrl, retry: { attempts: 2 } }).getHealth())
  t.equal(exhausted.status, 503, 'after the last retry the error surfaces')
  t.equal(calls.health, 3, 'the first attempt and two retries')

  const tooLong = await rejection(atlas.getReadiness())
  t.match(tooLong, { status: 503, retryAfter: 3600 }, 'a wait beyond the cap is left to the caller')
  t.equal(calls.ready, 1)

  t.equal((await rejection(createClient({ baseUrl, retry: false }).getHealth())).status, 503)
  t.equal(calls.health, 4, 'retry: false sends once')
})

t.test('the README’s dashboard compiles against the SDK, strictly', async (t) => {
  // A client developer pastes it into a TypeScript project: `level: 'national'` did not compile.
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('## Build a dashboard'))
  const code = section.slice(section.indexOf('```js\n') + 6, section.indexOf('\n```', section.indexOf('```js')))
  t.match(code, /createClient/, 'the snippet is found')
  const file = new URL('./readme-dashboard.generated.ts', import.meta.url)
  await writeFile(file, code)
  t.teardown(() => rm(file, { force: true }))
  const tsc = new URL('../../../node_modules/.bin/tsc', import.meta.url).pathname
  const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext']
  const compiled = await promisify(execFile)(tsc, [
    ...args,
    '--target',
    'es2022',
    '--skipLibCheck',
    file.pathname,
  ]).then(
    () => '',
    (error: { stdout?: string }) => error.stdout ?? String(error),
  )
  t.equal(compiled, '', 'no type error')
})
