// Findings 5–10 of the security audit (issue 17): inputs that cost too much, leak secrets into the
// log, or answer 500; links that run code; published entries that cite drafts.
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { sql } from 'drizzle-orm'
import { buildApp } from '@chain-atlas/api'
import { COLLECTION_NAMES, INCLUDES, referencesOf } from '@chain-atlas/types'
import { PREPARED_PER_WINDOW, openDatabase, rowsOf } from '@chain-atlas/db'
import { loadConfig } from '../../apps/api/src/config.ts'
import { testApp } from '../helpers/app.ts'
import { newInstrument } from '../helpers/entities.ts'
import { adminSession } from '../helpers/accounts.ts'
import { rawGet } from '../helpers/raw-http.ts'
import { SERVER_URL, countRows, testDatabase } from '../helpers/database.ts'

type Teardown = Parameters<typeof testDatabase>[0]
type FieldError = { pointer: string; detail: string }

/** The API with its log lines (at info) kept for the test to read. */
const loggedApp = async (t: Teardown) => {
  const database = await testDatabase(t)
  const lines: string[] = []
  const config = loadConfig({ LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0' })
  const app = await buildApp(config, { database, logStream: { write: (line) => void lines.push(line) } })
  t.teardown(() => app.close())
  await app.ready()
  return { app, database, lines }
}

const pointers = (body: { errors?: FieldError[] }) => (body.errors ?? []).map((e) => e.pointer)
const detailAt = (body: { errors?: FieldError[] }, pointer: string) =>
  body.errors?.find((e) => e.pointer === pointer)?.detail ?? ''

const newSource = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  kind: 'report',
  language: 'en',
  title: { en: 'A test report', zh: '测试报告' },
  ...fields,
})

t.test('finding 5: include=sources,sources,… is refused, and every comma list takes each value once', async (t) => {
  const { app } = await testApp(t)
  const includes = Object.keys(INCLUDES.instruments)
  const hundred = await app.inject(`/v1/instruments?include=${Array(100).fill('sources').join(',')}`)
  t.equal(hundred.statusCode, 400, 'a hundred times the same relation is refused')
  t.ok(pointers(hundred.json()).includes('/query/include'), 'naming /query/include')
  const twice = await app.inject('/v1/instruments/us-chips-and-science-act-2022?include=sources,sources')
  t.equal(twice.statusCode, 400, 'on one entry too')
  t.ok(pointers(twice.json()).includes('/query/include'))
  const repeated = await app.inject('/v1/instruments?include=sources&include=sources')
  t.equal(repeated.statusCode, 400, 'repeated as separate parameters too')

  const every = await app.inject(`/v1/instruments?limit=2&include=${includes.join(',')}`)
  t.equal(every.statusCode, 200, `each relation once is fine: ${every.body.slice(0, 200)}`)

  const economies = await app.inject(`/v1/instruments?economy=${Array(1000).fill('us').join(',')}`)
  t.equal(economies.statusCode, 400, 'economy=us,us,… ×1000 is refused')
  t.ok(pointers(economies.json()).includes('/query/economy'))
  t.equal((await app.inject('/v1/instruments?economy=us,us')).statusCode, 400, 'a filter value twice is refused')
  t.equal((await app.inject('/v1/instruments?economy=us,jp')).statusCode, 200, 'distinct values are fine')

  const contract = (await app.inject('/openapi.json')).json()
  const include = contract.paths['/v1/instruments'].get.parameters.find((p: { name: string }) => p.name === 'include')
  t.match(
    include.schema,
    { uniqueItems: true, maxItems: includes.length },
    'the contract says it: each relation once, at most all of them',
  )
})

t.test('finding 6: no password hash, query parameter or secret reaches the server log', async (t) => {
  const { app, database, lines } = await loggedApp(t)
  const admin = await adminSession(app)
  // A rule the users table does not have: the insert then fails in the database, with the new
  // password hash among its parameters (and in the failing row PostgreSQL quotes).
  await database.db.execute(
    sql`alter table users add constraint test_refused_email check (email <> 'refused@example.org')`,
  )
  const user = {
    email: 'refused@example.org',
    display_name: 'Refused',
    role: 'viewer',
    password: 'a long enough password',
  }
  const failed = await app.inject({ method: 'POST', url: '/v1/users', headers: admin.headers, payload: user })
  t.equal(failed.statusCode, 500, 'the failed insert is an internal error')
  const logged = lines.map((line) => JSON.parse(line)).find((line) => line.msg === 'unhandled error')
  t.match(
    logged?.err,
    { message: /Failed query: insert into "users"/ },
    'the failed statement is logged, to find the fault',
  )
  t.notMatch(lines.join(''), /\$argon2|[mtp]=\d+\$/, 'no password hash, nor any part of one, in any log line')
  t.notMatch(lines.join(''), /"param(eter)?s"/, 'no query parameters in any log line')

  const secret = 'SECRET4f1c9e'
  await app.inject(`/v1/economies?api_key=${secret}`)
  await app.inject(`/v1/economies?limit=1&token=${secret}`)
  // Other names for a secret, and one whose name is percent-encoded (the server reads `password`).
  for (const name of ['password', 'passwd', 'auth', 'client_secret', 'credentials', 'signature', 'pa%73sword'])
    await app.inject(`/v1/economies?${name}=${secret}`)
  await app.inject('/v1/sources?authors=Nakamura')
  await app.inject({
    url: '/v1/auth/session',
    headers: { authorization: `Bearer ${secret}`, cookie: `atlas_session=${secret}` },
  })
  t.ok(
    lines.some((line) => line.includes('api_key=[redacted]')),
    'the request is logged, its secret replaced',
  )
  t.notOk(
    lines.some((line) => line.includes(secret)),
    'no secret of a query string or header in any log line',
  )
  t.ok(
    lines.some((line) => line.includes('pa%73sword=[redacted]')),
    'an encoded name is read as the server reads it',
  )
  t.ok(
    lines.some((line) => line.includes('authors=Nakamura')),
    'a parameter that only looks like one (authors) is logged as it is',
  )
})

t.test(
  'finding 7: NUL, a lone surrogate or an over-long word is a 400 naming the field; an internal write error is a 500',
  async (t) => {
    const { app, database, lines } = await loggedApp(t)
    const admin = await adminSession(app)
    // Sent as written: JSON.stringify keeps NUL and lone surrogates as \u escapes.
    const json = { ...admin.headers, 'content-type': 'application/json' }
    const create = (body: unknown) =>
      app.inject({ method: 'POST', url: '/v1/sources', headers: json, payload: JSON.stringify(body) })
    const refusals: [string, Record<string, unknown>, string][] = [
      ['a NUL', { title: { en: 'a\u0000b', zh: '中' } }, '/body/title/en'],
      ['a lone surrogate', { title: { en: 'ok', zh: '中\ud800文' } }, '/body/title/zh'],
      ['a word of 2,100 letters', { title: { en: 'x'.repeat(2100), zh: '中' } }, '/body/title/en'],
      ['a NUL in a plain field', { publisher: 'Pub\u0000lisher' }, '/body/publisher'],
      ['a NUL in a DOI', { doi: '10.1234/a\u0000b' }, '/body/doi'],
    ]
    for (const [what, fields, pointer] of refusals) {
      const res = await create(newSource('test-2026-bad-text', fields))
      t.equal(res.statusCode, 400, `${what}: 400, not a database error (${res.body.slice(0, 200)})`)
      t.match(
        detailAt(res.json(), pointer),
        /NUL|surrogate|words over|pattern/,
        `${what}: ${pointer} is named, saying why`,
      )
    }
    t.equal(
      (await app.inject({ url: '/v1/sources/test-2026-bad-text', headers: admin.headers })).statusCode,
      404,
      'nothing was created',
    )

    // 100 letters that normalise to 8 bytes each: the longest word allowed, and the search index takes it.
    const longest = await create(newSource('test-2026-long-word', { title: { en: 'ﷲ'.repeat(100), zh: '中' } }))
    t.equal(longest.statusCode, 201, `a word of 100 letters is stored and indexed: ${longest.body.slice(0, 200)}`)
    const patch = await app.inject({
      method: 'PATCH',
      url: '/v1/sources/test-2026-long-word',
      headers: { ...admin.headers, 'if-match': '"v1"', 'content-type': 'application/json' },
      payload: JSON.stringify({ title: { en: 'a\u0000b' } }),
    })
    t.equal(patch.statusCode, 400, 'a merge patch is checked alike')
    t.ok(pointers(patch.json()).includes('/body/title/en'))
    const account = {
      email: 'nul@example.org',
      display_name: 'N\u0000',
      role: 'viewer',
      password: 'a long enough password',
    }
    const user = await app.inject({ method: 'POST', url: '/v1/users', headers: admin.headers, payload: account })
    t.equal(user.statusCode, 400, 'account fields too')
    t.ok(pointers(user.json()).includes('/body/display_name'))

    const q = await app.inject('/v1/instruments?q=chips%00act')
    t.equal(q.statusCode, 400, 'a NUL in a search')
    t.ok(pointers(q.json()).includes('/query/q'))
    t.equal((await app.inject('/v1/instruments/us%00chips')).statusCode, 400, 'a NUL in an id')

    // A write the database refuses after the whole body arrived, over a real socket: the server's fault, not a client that left.
    await database.db.execute(sql`alter table sources add constraint test_refused_id check (id <> 'test-2026-refused')`)
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const refused = await fetch(`${address}/v1/sources`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify(newSource('test-2026-refused')),
    })
    const problem = await refused.json()
    t.equal(refused.status, 500, 'an internal error')
    t.match(problem, { type: 'urn:chain-atlas:problem:internal', detail: /has been logged/ })
    const entry = lines.map((line) => JSON.parse(line)).find((line) => line.reqId === problem.request_id && line.err)
    t.match(
      entry,
      { level: 50, err: { message: /insert into "sources"/ } },
      'logged at error, not at info as a client that left',
    )
  },
)

t.test(
  'finding 8: a leap second, the year 0000, traversal paths and a huge audit cursor are 400 or 404 problems',
  async (t) => {
    const { app } = await testApp(t)
    const admin = await adminSession(app)
    for (const asOf of ['2026-12-31T23:59:60Z', '0000-01-01T00:00:00Z']) {
      for (const url of [
        `/v1/instruments?as_of=${asOf}`,
        `/v1/instruments/us-chips-and-science-act-2022?as_of=${asOf}`,
        `/v1/export?as_of=${asOf}`,
      ]) {
        const res = await app.inject(url)
        t.equal(res.statusCode, 400, `${url}: 400 (${res.body.slice(0, 160)})`)
        t.ok(pointers(res.json()).includes('/query/as_of'), `${url}: names /query/as_of`)
      }
    }
    t.equal(
      (await app.inject('/v1/instruments?as_of=2026-01-01T00:00:00Z')).statusCode,
      200,
      'a real instant still reads',
    )

    const cursor = await app.inject({ url: '/v1/audit-log?cursor=99999999999999999999', headers: admin.headers })
    t.equal(cursor.statusCode, 400, `a cursor beyond any id: 400 (${cursor.body.slice(0, 160)})`)
    t.ok(pointers(cursor.json()).includes('/query/cursor'))

    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    for (const path of [
      '/admin/../package.json',
      '/admin//etc/passwd',
      '/docs/static/../../../package.json',
      '/admin/%2e%2e/package.json',
    ]) {
      const res = await rawGet(address, path)
      t.equal(res.status, 404, `${path} sent as-is: 404`)
      t.match(
        JSON.parse(res.body),
        { type: 'urn:chain-atlas:problem:not-found', status: 404 },
        `${path}: a problem that tells nothing more`,
      )
    }
  },
)

t.test('finding 9: sources.url takes http and https only', async (t) => {
  const { app } = await testApp(t)
  const admin = await adminSession(app)
  const links = [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
  ]
  for (const url of links) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/sources',
      headers: admin.headers,
      payload: newSource('test-2026-bad-url', { url }),
    })
    t.equal(res.statusCode, 400, `${url}: refused`)
    t.match(detailAt(res.json(), '/body/url'), /http/, `${url}: /body/url is named, saying what it takes`)
  }
  t.equal(
    (await app.inject({ url: '/v1/sources/test-2026-bad-url', headers: admin.headers })).statusCode,
    404,
    'nothing was created',
  )
  const web = newSource('test-2026-web', { url: 'https://example.org/report' })
  const ok = await app.inject({ method: 'POST', url: '/v1/sources', headers: admin.headers, payload: web })
  t.equal(ok.statusCode, 201, 'an https link is fine')
  const patch = await app.inject({
    method: 'PATCH',
    url: '/v1/sources/test-2026-web',
    headers: { ...admin.headers, 'if-match': '"v1"' },
    payload: { url: 'javascript:alert(1)' },
  })
  t.equal(patch.statusCode, 400, 'nor can a change bring one in')
})

t.test(
  'finding 10: an entry cannot be published while it cites a draft; the draft’s id never shows publicly',
  async (t) => {
    const { app } = await testApp(t)
    const admin = await adminSession(app)
    const write = (method: string, url: string, etag?: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: { ...admin.headers, ...(etag ? { 'if-match': etag } : {}) },
        ...(payload ? { payload } : {}),
      })
    const draft = 'test-2026-draft-source'
    const made = await write('POST', '/v1/sources', undefined, newSource(draft))
    t.equal(made.statusCode, 201, 'a draft source')
    const instrument = newInstrument('us-test-cites-a-draft', { source_ids: ['paper-hao-ming-2024', draft] })
    const cites = await write('POST', '/v1/instruments', undefined, instrument)
    t.equal(cites.statusCode, 201, `an instrument citing it: ${cites.body.slice(0, 200)}`)
    t.equal((await write('POST', `/v1/instruments/${instrument.id}/submit`, '"v1"')).statusCode, 200)

    const refused = await write('POST', `/v1/instruments/${instrument.id}/publish`, '"v2"')
    t.equal(refused.statusCode, 409, 'publishing is refused')
    const named = [
      { pointer: '/body/source_ids/1', detail: `refers to sources/${draft}, which is draft: publish it first` },
    ]
    t.same(refused.json().errors, named, 'naming the draft and where it is cited')
    t.equal((await app.inject(`/v1/instruments/${instrument.id}`)).statusCode, 404, 'the instrument stays unpublished')
    t.notMatch((await app.inject('/v1/export')).body, draft, 'no public answer names the draft')
    t.match(
      (await write('GET', `/v1/instruments/${instrument.id}`)).json(),
      { status: 'in_review', version: 2 },
      'nothing changed',
    )

    // Nor can a published entry come to cite a draft by an edit: the edit waits in its working copy.
    const published = (await app.inject('/v1/instruments/us-chips-and-science-act-2022')).json()
    const edit = await app.inject({
      method: 'PATCH',
      url: `/v1/instruments/${published.id}`,
      headers: { ...admin.headers, 'if-match': `"v${published.version}"` },
      payload: { source_ids: [...published.source_ids, draft] },
    })
    t.equal(edit.statusCode, 200, 'an edit citing a draft goes to the working copy')
    t.notMatch((await app.inject(`/v1/instruments/${published.id}`)).body, draft, 'which the public does not read')
    const submitted = await write('POST', `/v1/instruments/${published.id}/submit`, edit.headers.etag as string)
    const editPublished = await write(
      'POST',
      `/v1/instruments/${published.id}/publish`,
      submitted.headers.etag as string,
    )
    t.equal(editPublished.statusCode, 409, 'and publishing it is refused')
    t.match(editPublished.json().references, [{ collection: 'sources', id: draft, status: 'draft' }])

    t.equal((await write('POST', `/v1/sources/${draft}/submit`, '"v1"')).statusCode, 200)
    t.equal(
      (await write('POST', `/v1/sources/${draft}/publish`, '"v2"')).statusCode,
      200,
      'the source is published first',
    )
    t.equal(
      (await write('POST', `/v1/instruments/${instrument.id}/publish`, '"v2"')).statusCode,
      200,
      'then the instrument',
    )
    t.equal(
      Object.keys((await app.inject(`/v1/instruments/${instrument.id}?include=sources`)).json().included.sources)
        .length,
      2,
      'every source it cites reads',
    )
  },
)

t.test('finding 10: every id a published entry of the dataset names is itself published', async (t) => {
  const { app } = await testApp(t)
  const exported: Record<string, Record<string, unknown>[]> = (await app.inject('/v1/export')).json()
  const published = new Set(
    Object.entries(exported).flatMap(([collection, entries]) => entries.map((e) => `${collection}/${e.id}`)),
  )
  const dangling = COLLECTION_NAMES.flatMap((collection) =>
    exported[collection]!.flatMap((entry) => referencesOf(collection, entry)),
  )
    .map((r) => `${r.collection}/${r.id}`)
    .filter((ref) => !published.has(ref))
  t.same(dangling, [], 'no reference to an entry the public cannot read')
})

t.test('a number parameter given as Infinity or past a double is a 400 naming it, on every operation', async (t) => {
  // AJV coerces `Infinity` and `1e400` to a number, then skips the bounds it checks only on finite
  // ones: `limit=1e400` reached PostgreSQL and answered 500.
  const { app } = await testApp(t, 'seeded')
  const admin = await adminSession(app)
  const document = JSON.parse(await readFile(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'))
  const numeric = (schema: { type?: string; items?: { type?: string } }) =>
    ['integer', 'number'].includes(schema.type ?? schema.items?.type ?? '')
  let checked = 0
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths))
    for (const [method, op] of Object.entries<any>(item)) {
      if (method !== 'get') continue
      const formats = Object.fromEntries(
        (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => [p.name, p.schema.format]),
      )
      const url = path.replace(/\{([^}]+)\}/g, (_, name) =>
        formats[name] === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'us',
      )
      for (const param of (op.parameters ?? []).filter((p: any) => p.in === 'query' && numeric(p.schema)))
        for (const value of ['Infinity', '-Infinity', '1e400']) {
          const res = await app.inject({ url: `${url}?${param.name}=${value}`, headers: admin.headers })
          const what = `${op.operationId} ${param.name}=${value}`
          t.equal(res.statusCode, 400, what)
          t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', `${what}: a problem`)
          t.ok(pointers(res.json()).includes(`/query/${param.name}`), `${what}: names /query/${param.name}`)
          checked++
        }
    }
  t.ok(checked >= 30, `${checked} requests: every list's limit among them`)
})

t.test(
  'a query value not UTF-8, or a single value sent twice, is a 400 naming the parameter, on every operation',
  async (t) => {
    // The query parser kept `q=%E9` as sent (a search found nothing), and `limit=1&limit=2` said "must be integer".
    const { app } = await testApp(t, 'seeded')
    const admin = await adminSession(app)
    const document = JSON.parse(await readFile(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'))
    let checked = 0
    for (const [path, item] of Object.entries<Record<string, any>>(document.paths))
      for (const [method, op] of Object.entries<any>(item)) {
        if (method !== 'get') continue
        const url = path.replace(/\{([^}]+)\}/g, 'us')
        for (const param of (op.parameters ?? []).filter((p: any) => p.in === 'query')) {
          const asked = [`${param.name}=%E9t%E9`]
          if (param.schema.type !== 'array') asked.push(`${param.name}=1&${param.name}=1`)
          for (const query of asked) {
            const res = await app.inject({ url: `${url}?${query}`, headers: admin.headers })
            const what = `${op.operationId} ?${query}`
            t.equal(res.statusCode, 400, what)
            t.match(
              detailAt(res.json(), `/query/${param.name}`),
              query.includes('%') ? /not valid percent-encoded UTF-8/ : /more than once/,
              `${what}: says so, naming /query/${param.name}`,
            )
            checked++
          }
        }
      }
    t.ok(checked >= 100, `${checked} requests`)
    const name = await app.inject('/v1/instruments?%E9=1')
    t.equal(detailAt(name.json(), '/query/%E9'), 'is not valid percent-encoded UTF-8', 'a name not UTF-8 too')
    const chinese = await app.inject('/v1/search?q=%E8%8A%AF%E7%89%87')
    t.equal(chinese.statusCode, 200, 'UTF-8 percent-encoded still reads')
    t.ok(chinese.json().data.length > 0, 'and finds what it says')
    const lists = await app.inject('/v1/instruments?economy=us&economy=jp&fields=economy_id')
    t.same(
      [...new Set(lists.json().data.map((i: { economy_id: string }) => i.economy_id))].sort(),
      ['jp', 'us'],
      'a comma list still takes its values repeated',
    )
  },
)

t.test('a JSON body refused says why and where, whatever its media type; nothing is written', async (t) => {
  const { app, database } = await testApp(t, 'seeded')
  const admin = await adminSession(app)
  const url = '/v1/instruments/us-chips-and-science-act-2022'
  const before = (await app.inject(url)).body
  const cases: [string, string, string, RegExp][] = [
    ['a trailing comma', '{"acronym":"A",}', '/body', /^is not valid JSON: .*position 15/],
    ['a cut-off string', '{"acronym":"A', '/body', /^is not valid JSON: .*position 13/],
    ['nothing at all', '', '/body', /^is empty/],
    ['__proto__', '{"__proto__":{"acronym":"X"}}', '/body/__proto__', /prototype/],
    ['__proto__ escaped', '{"\\u005f_proto__":{"x":1}}', '/body/__proto__', /prototype/],
    ['__proto__ nested', '{"title":{"en":"x","__proto__":{}}}', '/body/title/__proto__', /prototype/],
    ['constructor.prototype', '{"constructor":{"prototype":{}}}', '/body/constructor/prototype', /prototype/],
    // Nested deeper than the call stack goes (this answered 500).
    [
      '__proto__ 100,000 arrays deep',
      `{"title":${'['.repeat(100_000)}{"__proto__":1}${']'.repeat(100_000)}}`,
      `/body/title${'/0'.repeat(100_000)}/__proto__`,
      /prototype/,
    ],
  ]
  for (const type of ['application/json', 'application/merge-patch+json'])
    for (const [what, payload, pointer, detail] of cases) {
      const res = await app.inject({
        method: 'PATCH',
        url,
        headers: { ...admin.headers, 'content-type': type, 'if-match': '"v1"' },
        payload,
      })
      t.equal(res.statusCode, 400, `${type}, ${what}: 400`)
      t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', `${type}, ${what}: a problem`)
      t.notMatch(res.body, /content-type is set to/, `${type}, ${what}: not a word on a media type it was not sent as`)
      const shown = pointer.length > 60 ? `${pointer.slice(0, 30)}…${pointer.slice(-20)}` : pointer
      t.match(detailAt(res.json(), pointer), detail, `${type}, ${what}: names ${shown}`)
    }
  // text/plain was read as a string, which the schema refused as "/body must be object".
  for (const type of [
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'application/xml',
  ]) {
    const res = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...admin.headers, 'content-type': type, 'if-match': '"v1"' },
      payload: '{"acronym":"X"}',
    })
    t.equal(res.statusCode, 415, `${type}: 415`)
    t.match(res.json(), { type: 'urn:chain-atlas:problem:unsupported-media-type', detail: /send application\/json/ })
  }
  t.equal((await app.inject(url)).body, before, 'the entry is as it was')
  t.equal(await countRows(database, 'working_copies'), 0, 'and no working copy was made')
})

t.test(
  'made-up shapes of query do not grow the database: past a budget a shape runs unprepared',
  { skip: SERVER_URL ? false : 'prepared statements are a PostgreSQL server’s' },
  async (t) => {
    const database = await testDatabase(t)
    // One connection, so that the statements counted are all those the reads prepared.
    const handle = await openDatabase({ databaseUrl: (database as { url: string }).url, maxConnections: 1 })
    t.teardown(() => handle.close())
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', READ_CACHE_MB: '0' }), {
      database: handle,
    })
    t.teardown(() => app.close())
    const economies = (await app.inject('/v1/economies?limit=200&fields=id'))
      .json()
      .data.map((e: { id: string }) => e.id)
    t.ok(economies.length >= 50, `${economies.length} economies to list`)
    let shapes = 0
    for (const sort of ['id', '-id', 'year', '-year', 'title', '-title'])
      for (let n = 1; n <= economies.length; n++) {
        const asked = economies.slice(0, n)
        const res = await app.inject(`/v1/instruments?economy=${asked.join(',')}&sort=${sort}&fields=economy_id`)
        t.equal(res.statusCode, 200, `${n} economies by ${sort}: 200`)
        const found = res.json().data.map((i: { economy_id: string }) => i.economy_id)
        if (!found.every((id: string) => asked.includes(id))) t.fail(`${n} economies by ${sort}: only theirs`)
        shapes++
      }
    const [held] = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from pg_prepared_statements`),
    )
    const n = held?.n ?? 0
    t.ok(shapes > PREPARED_PER_WINDOW + 100, `${shapes} shapes asked for`)
    t.ok(n <= PREPARED_PER_WINDOW + 20, `the connection holds ${n} prepared statements (budget ${PREPARED_PER_WINDOW})`)
  },
)
