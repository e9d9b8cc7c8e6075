import {
  HTTP_URL_DETAIL,
  PAPER_REF_PATTERN,
  PARTIAL_DATE_PATTERN,
  SLUG_PATTERN,
  TEXT_PATTERN_DETAIL,
  type FieldError,
} from '@chain-atlas/types'
import type { JsonSchema } from '../collections.ts'
import { schemaAt, unwrap } from './schema.ts'

/** A message key with its arguments, as react-admin's form validators return them (it translates them in the UI language). */
export type Explained = { message: string; args: Record<string, unknown> }
const message = (key: string, args: Record<string, unknown> = {}): Explained => ({
  message: `atlas.validation.${key}`,
  args,
})

/** What a value that breaks a pattern should look like, by the pattern (the shared ones have a hint each). */
const PATTERN_HINTS: Record<string, string> = {
  [SLUG_PATTERN]: 'slug',
  [PARTIAL_DATE_PATTERN]: 'partial_date',
  [PAPER_REF_PATTERN]: 'paper_ref',
}

/** `must NOT have fewer than 12 characters` and the like: AJV's message with its limit. */
const LIMITS: [RegExp, string][] = [
  [/^must NOT have fewer than (\d+) characters$/, 'min_length'],
  [/^must NOT have more than (\d+) characters$/, 'max_length'],
  [/^must NOT have fewer than (\d+) items$/, 'min_items'],
  [/^must NOT have more than (\d+) items$/, 'max_items'],
  [/^must be >= (\S+)$/, 'minimum'],
  [/^must be > (\S+)$/, 'minimum'],
  [/^must be <= (\S+)$/, 'maximum'],
  [/^must be < (\S+)$/, 'maximum'],
]

/** Messages that say the same whatever the field. */
const FIXED: Record<string, string> = {
  'is required': 'required',
  'is not a known field': 'unknown_field',
  'must be integer': 'integer',
  'must be number': 'number',
  'must be string': 'text',
  'must be array': 'list',
  'must be boolean': 'boolean',
  'must match format "email"': 'email',
  'must match format "uri"': 'url',
  'must match format "date-time"': 'date_time',
  'must match format "date"': 'partial_date',
  [HTTP_URL_DETAIL]: 'url',
  [TEXT_PATTERN_DETAIL]: 'text_pattern',
  'is required when unit is currency': 'currency_required',
  'must be currency when a currency is given': 'unit_currency',
  'is required when a value is given': 'unit_required',
  'must cite at least one source before review and publication': 'source_required',
  'is taken': 'taken',
}

/**
 * A field error of the shared rules (JSON Schema's words, or the API's) as a sentence a curator
 * understands, in the UI language, saying what to type: `must match pattern "^[a-z0-9]+…"` on an id
 * becomes "Use lower-case words joined by hyphens, like us-chips-act-2022." Unknown messages pass through.
 */
export const explain = (detail: string, schema?: JsonSchema): Explained => {
  const fixed = FIXED[detail]
  if (fixed) return message(fixed)
  for (const [pattern, key] of LIMITS) {
    const match = pattern.exec(detail)
    if (match) return message(key, { limit: match[1] })
  }
  if (detail.startsWith('must match pattern')) {
    const pattern = schema && unwrap(schema).pattern
    if (pattern?.startsWith('^10\\.')) return message('doi')
    return message((pattern && PATTERN_HINTS[pattern]) ?? 'pattern')
  }
  if (detail.startsWith('must be one of:')) return message('one_of')
  if (detail.startsWith('must NOT have duplicate items')) return message('unique')
  if (/^is not a \S+ category/.test(detail)) return message('category')
  return { message: detail, args: {} }
}

/**
 * A server's field error for react-admin's submission errors, which must be strings: the message
 * key when it needs no arguments (react-admin translates it), else the API's words.
 */
export const explainServer = (detail: string): string => {
  const explained = explain(detail)
  return Object.keys(explained.args).length ? detail : explained.message
}

/** Errors AJV adds about a value that may be empty (`anyOf [X, null]`) besides the one that says what is wrong with X. */
const NOISE = new Set(['must be null', 'must match a schema in anyOf'])

/**
 * The errors to show: one per field, the most telling (a nullable year below 1900 is "at least
 * 1900", not "must match a schema in anyOf"), explained.
 */
export const explainAll = (
  errors: readonly FieldError[],
  schema: JsonSchema,
): { pointer: string; detail: Explained }[] => {
  const byPointer = new Map<string, FieldError>()
  for (const error of errors) {
    const known = byPointer.get(error.pointer)
    if (!known || (NOISE.has(known.detail) && !NOISE.has(error.detail))) byPointer.set(error.pointer, error)
  }
  return [...byPointer.values()].map((error) => ({
    pointer: error.pointer,
    detail: NOISE.has(error.detail) ? message('invalid') : explain(error.detail, schemaAt(schema, error.pointer)),
  }))
}
