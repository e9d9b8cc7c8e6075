import fc from 'fast-check'

/**
 * Arbitraries for the bad-input suite: requests derived from the committed OpenAPI document,
 * mostly wrong in some way. The generators never need to know the API beyond the document, a few
 * real ids and a valid example per request body.
 */

export type Schema = Record<string, any>
export type Parameter = { in: 'query' | 'path' | 'header'; name: string; schema: Schema; required?: boolean }
export type Operation = {
  method: string
  path: string
  operationId: string
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: Schema }> }
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>
  security?: unknown[]
}

/** Strings that break naive code: injection, scripts, Chinese, emoji, bidi marks, NUL, lone surrogates, huge. */
export const NASTY = [
  "' OR 1=1 --",
  "'; DROP TABLE instruments; --",
  '" OR ""="',
  "1' AND pg_sleep(5) --",
  "' UNION SELECT password_hash FROM users --",
  "admin'--",
  '%',
  '_',
  '\\',
  '$1',
  ':name',
  '?',
  '*',
  '&',
  '|',
  '!',
  '<->',
  'a:*',
  "'",
  '"',
  '(',
  ')',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as it is
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  '芯片',
  '《2022年芯片与科学法案》',
  '供应链安全',
  '😀',
  '🇺🇸🇯🇵🇪🇺',
  '👩‍👩‍👧‍👦',
  'a\u0301',
  '\u202Eevil\u202C',
  '\u200F\u200E\u200B',
  '\u0000',
  'us\u0000',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\r\n',
  '\t',
  ' ',
  '',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'x'.repeat(201),
  'x'.repeat(20_001),
  '中'.repeat(5_000),
  '😀'.repeat(3_000),
]

/** Query parameter and body field names no schema declares (none of them spell SQL, so error texts echoing them stay clean). */
const UNKNOWN_NAMES = [
  'unknown',
  'zzz',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'Id',
  'ID',
  'id ',
  'a.b',
  'a[b]',
  'é',
  '名字',
  '😀',
  '$where',
  '',
]

const integer = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.integer(),
  fc.constantFrom(1899, 1900, 2100, 2101, 200, 201, 1000, 1001, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308),
)

/** Any JSON value, wrong for most fields: extremes, nasty strings, empty and huge containers, nested garbage. */
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY),
  integer,
  fc.constantFrom(
    1.5,
    -1,
    0,
    true,
    false,
    null,
    {},
    [],
    [null],
    [{}],
    { en: 1 },
    { en: '', zh: '' },
    [[[]]],
    Number.MAX_VALUE,
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    Array.from({ length: 1_000 }, (_, i) => `x${i}`),
    Array(500).fill({ en: 'a', zh: '甲' }),
  ),
)

/** One value of a query or header parameter (as text): valid for its schema, or wrong in type, range or size. */
const valueFor = (schema: Schema, ids: string[]): fc.Arbitrary<string> => {
  const item = schema.type === 'array' ? schema.items : schema
  const valid: fc.Arbitrary<string>[] = []
  if (item.enum) valid.push(fc.constantFrom(...item.enum.map(String)))
  if (item.type === 'integer') valid.push(fc.integer({ min: item.minimum ?? -10, max: item.maximum ?? 10 }).map(String))
  if (item.type === 'boolean') valid.push(fc.constantFrom('true', 'false'))
  if (item.format === 'date-time')
    valid.push(
      fc.date({ min: new Date(1990, 0), max: new Date(2100, 0), noInvalidDate: true }).map((d) => d.toISOString()),
    )
  if (item.pattern?.includes('a-z0-9')) valid.push(fc.constantFrom(...ids))
  if (item.type === 'string' && !item.enum) valid.push(fc.string({ maxLength: 20 }))
  const one = fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...valid) },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: integer.map(String) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '1.5',
        'true',
        'yes',
        '[]',
        '{}',
        '0x10',
        ' 1',
        '1 ',
        '+1',
        '2024-13-45T25:61:61Z',
        '2024-01-01',
      ),
    },
  )
  if (schema.type !== 'array') return one
  // Comma lists: a few values, or far more than maxItems.
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(one, { minLength: 1, maxLength: 4 }).map((v) => v.join(',')) },
    { weight: 1, arbitrary: fc.array(one, { minLength: 101, maxLength: 250 }).map((v) => v.join(',')) },
    { weight: 1, arbitrary: fc.constantFrom(',', ',,,', ' , ') },
  )
}

/** encodeURIComponent refuses lone surrogates: send those as the invalid UTF-8 they would be. */
const encode = (text: string) => {
  try {
    return encodeURIComponent(text)
  } catch {
    return '%ed%a0%80'
  }
}

/** Raw query fragments with odd encodings: invalid UTF-8, NUL, bare `%`, brackets, empty pairs. */
const ODD_QUERY = [
  '%ff',
  '%00',
  'q=%ff%fe',
  'q=%00',
  'q=%',
  'q=%zz',
  'q=%C0%AE',
  'q=a+b',
  '&&',
  '=',
  '=1',
  'limit[]=1',
  'limit[a]=1',
  'a=%E4%B8',
  'cursor=%00',
  '%E2%80%AE=1',
]

/** A query string for an operation: its parameters (valid, wrong or repeated), unknown ones and odd encodings. */
export const queryFor = (op: Operation, ids: string[]): fc.Arbitrary<string> => {
  const params = (op.parameters ?? []).filter((p) => p.in === 'query')
  const pair = fc.oneof(
    ...params.map((p) => fc.tuple(fc.constant(p.name), valueFor(p.schema, ids)).map(([n, v]) => `${n}=${encode(v)}`)),
    fc.tuple(fc.constantFrom(...UNKNOWN_NAMES), fc.constantFrom('1', '', 'x')).map(([n, v]) => `${encode(n)}=${v}`),
    fc.constantFrom(...ODD_QUERY),
  )
  // Operations that take parameters get 1–4 (plain reads are the contract test's); the others none or an unknown one.
  return fc
    .array(pair, { minLength: params.length ? 1 : 0, maxLength: params.length ? 4 : 1 })
    .map((pairs) => (pairs.length ? `?${pairs.join('&')}` : ''))
}

/** A path parameter: a real id, a missing one, a wrong format, or odd encodings. */
export const idFor = (param: Parameter | undefined, ids: string[]): fc.Arbitrary<string> => {
  const uuid = param?.schema.format === 'uuid'
  return fc.oneof(
    { weight: 3, arbitrary: uuid ? fc.uuid().map(String) : fc.constantFrom(...ids, 'no-such-entry', 'a-b-c-d') },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY).map(encode) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%ff',
        '%00',
        '..%2F..%2Fetc',
        '%2e%2e',
        'a%2Fb',
        'UPPER',
        'a',
        '-a-',
        'a--b',
        '%E4%B8',
        '00000000-0000-0000-0000-000000000000',
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 2, max: 400 }).map((n) => 'a'.repeat(n)) },
  )
}

/** Every path to a value inside a JSON value, to mutate it there. */
const pathsOf = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
  if (value === null || typeof value !== 'object') return [prefix]
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))]
}

type Mutation = { kind: 'set' | 'add' | 'remove'; path: (string | number)[]; key: string; value: unknown }

const applyMutation = (root: any, mutation: Mutation) => {
  // A copy: garbage values are shared constants, and a later mutation of the same body may step
  // into one (making it contain itself, and changing it for every later run).
  const m = { ...mutation, value: structuredClone(mutation.value) }
  const parent = m.path.slice(0, -1).reduce((node, k) => node?.[k], root)
  const last = m.path.at(-1)
  if (m.kind === 'set' && last !== undefined && parent && typeof parent === 'object') parent[last] = m.value
  if (m.kind === 'remove' && last !== undefined && parent && typeof parent === 'object') delete parent[last]
  if (m.kind === 'add') {
    const target = m.path.reduce((node, k) => node?.[k], root)
    if (target && typeof target === 'object' && !Array.isArray(target))
      Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true })
  }
}

/** A valid example mutated 1–3 times: values replaced by garbage, unknown fields added, fields removed. */
export const mutatedBody = (example: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> => {
  const paths = pathsOf(example)
  const mutation = fc.record({
    kind: fc.constantFrom<Mutation['kind']>('set', 'set', 'add', 'remove'),
    path: fc.constantFrom(...paths),
    key: fc.constantFrom(...UNKNOWN_NAMES),
    value: garbage,
  })
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
    const body = structuredClone(example)
    for (const m of mutations) applyMutation(body, m)
    return body
  })
}

/** Bodies that never parse as the JSON object a route wants. */
const MALFORMED = [
  '{',
  '}',
  '{"a":}',
  "{'a':1}",
  '[1,2,',
  '{"a":1,}',
  'NaN',
  'undefined',
  '"text"',
  '42',
  'null',
  'true',
  '[]',
  '{"a":1}{"b":2}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '\u0000',
  '['.repeat(50_000) + ']'.repeat(50_000),
  `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
]

/** How a body travels: JSON (as is, with a BOM, malformed, empty) or under a media type the route does not take. */
export type Encoded = { payload?: string | Buffer; contentType?: string }

export const encodedBody = (body: fc.Arbitrary<unknown>, jsonType = 'application/json'): fc.Arbitrary<Encoded> =>
  fc.oneof(
    { weight: 8, arbitrary: body.map((b) => ({ payload: JSON.stringify(b), contentType: jsonType })) },
    { weight: 1, arbitrary: body.map((b) => ({ payload: `\uFEFF${JSON.stringify(b)}`, contentType: jsonType })) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED).map((payload) => ({ payload, contentType: jsonType })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Encoded>(
        { payload: '', contentType: jsonType },
        {},
        { payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), contentType: jsonType },
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          body,
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/xml',
            'application/json; charset=utf-16',
            'application/jsonx',
            'json',
            '*/*',
            'application/merge-patch+json',
          ),
        )
        .map(([b, contentType]) => ({ payload: JSON.stringify(b), contentType })),
    },
  )

/** `If-Match` values, none of them the current version of anything (so no write goes through). */
export const IF_MATCH = [
  undefined,
  '',
  '*',
  '"v0"',
  '"v999999"',
  '"v99999999999999999999"',
  '"v-1"',
  'v1',
  '"v1',
  'W/"v1"',
  '"v1.0"',
  '"abc"',
  '"v1", "v2"',
  "' OR 1=1 --",
  '\u00e9',
]

/** `Idempotency-Key` values: absent, empty, too long, odd characters, ordinary. */
export const IDEMPOTENCY_KEY = [
  undefined,
  '',
  ' ',
  'x'.repeat(201),
  'key-1',
  "'; DROP TABLE idempotency_keys; --",
  '<script>',
  '\u00ff\u00fe',
]

/**
 * Credentials as a client might send them: none, the session cookie spelled every way the cookie
 * parser accepts, invented session tokens and API keys, malformed Authorization headers.
 */
export const credentialHeaders = (sessionToken: string, csrfToken: string): fc.Arbitrary<Record<string, string>> => {
  const token = fc.oneof(
    fc.constant(sessionToken),
    fc.base64String({ minLength: 0, maxLength: 60 }),
    fc.constantFrom(...NASTY).map(encode),
  )
  const cookie = fc
    .tuple(
      token,
      fc.constantFrom(
        'atlas_session=%s',
        'atlas_session =%s',
        ' atlas_session= %s',
        'a=1;atlas_session=%s',
        'atlas_session=%s; atlas_session=x',
        'ATLAS_SESSION=%s',
        'atlas_session="%s"',
        'atlas_session',
        '=%s',
        ';;;',
        'atlas_session=%s;',
      ),
    )
    .map(([value, form]) => ({ cookie: form.replace('%s', value), 'x-csrf-token': csrfToken }))
  const authorization = fc
    .oneof(
      fc.base64String({ minLength: 1, maxLength: 60 }).map((key) => `Bearer ca_${key}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'bearer  ca_x',
        'Basic YWRtaW46YWRtaW4=',
        'Bearer ca_%00',
        `Bearer ${'ca_'.repeat(500)}`,
        'Token ca_x',
      ),
    )
    .map((value) => ({ authorization: value }))
  return fc.oneof(fc.constant({}), cookie, authorization)
}

/** Forwarding headers a client may invent: addresses, garbage, long chains, a claimed https. */
export const proxyHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.constant({}),
  fc.ipV4().map((ip) => ({ 'x-forwarded-for': ip })),
  fc
    .array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('unknown', '', '::1', '127.0.0.1', "'; DROP")), {
      minLength: 2,
      maxLength: 50,
    })
    .map((ips) => ({ 'x-forwarded-for': ips.join(', '), 'x-forwarded-proto': 'https' })),
  fc
    .constantFrom(...NASTY.filter((v) => !['\r', '\n', '\u0000'].some((c) => v.includes(c)) && v.length < 2000))
    .map((v) => ({ 'x-request-id': encode(v), 'x-forwarded-host': encode(v) })),
)
