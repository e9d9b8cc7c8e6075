import { Type, type Static, type TSchema } from 'typebox'

/** A closed list of strings, emitted with `type: string` so docs and generators see strings. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$'

export const Slug = Type.String({
  pattern: SLUG_PATTERN,
  minLength: 2,
  maxLength: 120,
  description: 'A stable, readable identifier in lower-case kebab case; it never changes once published.',
  examples: ['us-chips-and-science-act-2022'],
})

export const SlugList = (description: string) => Type.Array(Slug, { uniqueItems: true, maxItems: 200, description })

export const STATUSES = ['draft', 'in_review', 'published', 'archived'] as const
export const Status = StringEnum(STATUSES, { description: 'Workflow state: draft → in_review → published → archived.' })
export type Status = (typeof STATUSES)[number]

/**
 * The longest word a text may hold. Search indexes each word (a run of letters, digits, marks or
 * symbols; Chinese and Japanese are split into characters) as one lexeme, PostgreSQL refuses lexemes
 * over 2047 bytes, and a character other than Chinese or Japanese normalises (NFKC) to 12 bytes at most.
 */
export const MAX_WORD_LENGTH = 100
const WORD_CHAR = '(?:(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}])[\\p{L}\\p{N}\\p{M}\\p{S}])'

/**
 * Text the database can store and index: no NUL (PostgreSQL text refuses it), no unpaired surrogate
 * (UTF-8 cannot encode one), no word over MAX_WORD_LENGTH characters.
 */
export const TEXT_PATTERN = `^(?![\\s\\S]*${WORD_CHAR}{${MAX_WORD_LENGTH + 1}})[^\\u0000\\uD800-\\uDFFF]*$`

/** What a value that does not match TEXT_PATTERN is told. */
export const TEXT_PATTERN_DETAIL = `must not contain NUL characters, unpaired surrogates or words over ${MAX_WORD_LENGTH} characters`

/** A string of free text, in any write body or query. */
export const PlainText = (options: { minLength?: number; maxLength: number; description?: string }) =>
  Type.String({ ...options, pattern: TEXT_PATTERN })

/** Web addresses only: a `javascript:`, `data:` or `file:` link in a public entry would run or open whatever it holds. */
export const HTTP_URL_PATTERN = '^https?://'
export const HTTP_URL_DETAIL = 'must be an http:// or https:// URL'

/** Text that has a language: English and Chinese always, the official form in a third language when there is one. */
export const Text = Type.Object(
  {
    en: PlainText({ minLength: 1, maxLength: 20000, description: 'English.' }),
    zh: PlainText({ minLength: 1, maxLength: 20000, description: 'Chinese (simplified).' }),
    original: Type.Optional(
      PlainText({
        minLength: 1,
        maxLength: 20000,
        description: 'The official form in its own language (Japanese, say) or its exact wording.',
      }),
    ),
  },
  { additionalProperties: false, examples: [{ en: 'CHIPS and Science Act of 2022', zh: '《2022年芯片与科学法案》' }] },
)
export type Text = Static<typeof Text>

/** A curator's note: in English, in Chinese, or both (a correction is often noted in one language only). */
export const NoteText = Type.Object(
  {
    en: Type.Optional(PlainText({ minLength: 1, maxLength: 20000, description: 'English.' })),
    zh: Type.Optional(PlainText({ minLength: 1, maxLength: 20000, description: 'Chinese (simplified).' })),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'In one language or both.',
    examples: [{ en: 'The PDF breaks this table cell across a page.' }],
  },
)
export type NoteText = Static<typeof NoteText>

export const PARTIAL_DATE_PATTERN = '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'
export const PartialDate = Type.String({
  pattern: PARTIAL_DATE_PATTERN,
  description: 'A date as precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD.',
  examples: ['2022-08-09', '2021-06', '2023'],
})

export const Year = Type.Integer({ minimum: 1900, maximum: 2100, description: 'Calendar year.' })

export const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339 timestamp.' })

/** ISO 4217 codes of the currencies in circulation (and XDR). */
export const CURRENCIES = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF ' +
  'CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG ' +
  'HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA ' +
  'MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD ' +
  'RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX ' +
  'USD UYU UZS VES VND VUV WST XAF XCD XDR XOF XPF YER ZAR ZMW ZWG'
).split(' ')
export const Currency = StringEnum(CURRENCIES, { description: 'ISO 4217 currency code.', examples: ['USD'] })

export const QUALIFIERS = ['exact', 'over', 'about', 'up_to', 'at_least'] as const
export const Qualifier = StringEnum(QUALIFIERS, {
  description: 'How the source states the number: "超/超过" is `over`, "近/约" is `about`, "最多" is `up_to`.',
})

export const AMOUNT_KINDS = [
  'appropriation',
  'funding',
  'investment',
  'private_investment',
  'financing',
  'grant',
  'subsidy',
  'loan',
  'trade_value',
] as const

/** Where in a source a claim stands: a page, an article, a paragraph or a table cell. */
export const Locator = PlainText({
  minLength: 1,
  maxLength: 200,
  description: 'Where in the source: a page, article, paragraph or table cell (`p. 6`, `Art. 24`, `Table 1, row 3`).',
})

/** The sources of one claim (an amount, a figure, a date, a membership), narrower than the entry's. */
const claimSources = () =>
  Type.Optional(
    Type.Array(Slug, {
      uniqueItems: true,
      minItems: 1,
      maxItems: 20,
      description: 'Sources of this claim, when narrower than the entry’s: the documents that state it.',
    }),
  )

/** Money: a value in full units of an ISO 4217 currency, with what it is and what it is for. */
export const Amount = Type.Object(
  {
    value: Type.Number({ minimum: 0, description: 'Full units: 527 亿美元 is 52700000000.' }),
    currency: Currency,
    qualifier: Type.Optional(Qualifier),
    kind: StringEnum(AMOUNT_KINDS, { description: 'What the amount is.' }),
    purpose: Type.Optional(Text),
    source_ids: claimSources(),
    locator: Type.Optional(Locator),
  },
  { additionalProperties: false, examples: [{ value: 52700000000, currency: 'USD', kind: 'appropriation' }] },
)
export type Amount = Static<typeof Amount>

export const FACT_KINDS = ['figure', 'threshold', 'deadline', 'document', 'statement', 'criterion'] as const
export const UNITS = ['currency', 'percent', 'count', 'nanometre', 'year'] as const

/** A cited fact: a figure, a threshold, a deadline or a statement, with its number when it has one. */
export const Fact = Type.Object(
  {
    kind: StringEnum(FACT_KINDS),
    text: Text,
    value: Type.Optional(Type.Number()),
    unit: Type.Optional(StringEnum(UNITS, { description: 'Unit of `value`; `currency` needs `currency`.' })),
    currency: Type.Optional(Currency),
    qualifier: Type.Optional(Qualifier),
    date: Type.Optional(PartialDate),
    period_start: Type.Optional(PartialDate),
    period_end: Type.Optional(PartialDate),
    source_ids: claimSources(),
    locator: Type.Optional(Locator),
  },
  { additionalProperties: false },
)
export type Fact = Static<typeof Fact>

export const PAPER_REF_PATTERN = '^(abstract|introduction|conclusion|table-[1-3]|part-[1-3](\\.[1-3])?)$'
export const PaperRefs = Type.Array(Type.String({ pattern: PAPER_REF_PATTERN }), {
  uniqueItems: true,
  description: 'Where in the seed paper the entry comes from: `part-3.2`, `table-2`, `conclusion`…',
})

/** Fields every curated entity shares; the server owns all but `id`. */
export const Common = {
  id: Slug,
  version: Type.Integer({ minimum: 1, description: 'Increases by one on every change.' }),
  status: Status,
  created_at: Timestamp,
  updated_at: Timestamp,
}

/** `false` when the paper's name could not be matched with certainty to one document or body. */
export const Identified = Type.Optional(
  Type.Boolean({
    description:
      'false when the paper’s name could not be matched with certainty to one document or body: then nothing the evidence does not say (a lifecycle, a leader) is asserted.',
  }),
)

/** The fields of an entry a claim can source: its dates and its memberships. */
export const CLAIM_FIELDS = [
  'start_date',
  'end_date',
  'year',
  'founded_year',
  'coined_on',
  'period_start',
  'period_end',
  'member_ids',
  'partner_ids',
  'leader_id',
  'lifecycle',
] as const

/** Where one field's value comes from: its own sources and the place in them. */
export const Claim = Type.Object(
  {
    field: StringEnum(CLAIM_FIELDS, { description: 'The field of this entry the claim sources.' }),
    source_ids: SlugList('The documents that state the field’s value.'),
    locator: Type.Optional(Locator),
  },
  {
    additionalProperties: false,
    examples: [{ field: 'start_date', source_ids: ['eurlex-2023-chips-act'], locator: 'Art. 48' }],
  },
)
export type Claim = Static<typeof Claim>

/** Fields every curated entity may carry. */
export const Cited = {
  source_ids: SlugList('The documents this entry’s facts come from.'),
  claims: Type.Optional(
    Type.Array(Claim, {
      maxItems: 50,
      description: 'Per-field provenance: the sources of a date or a membership, when narrower than the entry’s.',
    }),
  ),
  paper_refs: Type.Optional(PaperRefs),
  notes: Type.Optional(NoteText),
}
