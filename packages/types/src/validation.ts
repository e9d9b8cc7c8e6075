import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { collectionSpecs, inputSchemas, type CollectionName } from './collections.ts'
import { CATEGORIES_BY_LEVEL } from './entities/instrument.ts'
import { HTTP_URL_DETAIL, HTTP_URL_PATTERN, TEXT_PATTERN, TEXT_PATTERN_DETAIL } from './primitives.ts'
import { AS_OF_DETAIL, AS_OF_PATTERN } from './queries.ts'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

export type FieldError = { pointer: string; detail: string }

/** The JSON pointer (RFC 6901) of `key` within the value at pointer `at`: `~` and `/` escaped. */
export const pointerTo = (at: string, key: string) => `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`

const PATTERN_DETAILS: Record<string, string> = {
  [TEXT_PATTERN]: TEXT_PATTERN_DETAIL,
  [AS_OF_PATTERN]: AS_OF_DETAIL,
  [HTTP_URL_PATTERN]: HTTP_URL_DETAIL,
}

/** What a value that does not match a pattern is told: in words for the shared patterns, else the pattern. */
export const patternDetail = (pattern: unknown, message?: string) =>
  PATTERN_DETAILS[String(pattern)] ?? message ?? 'is invalid'

/** How every validator of the shared schemas is compiled: the API's at run time, the admin UI's ahead of time. */
const AJV_OPTIONS = { allErrors: true, strict: false } as const

/** An AJV instance for the shared schemas (`options` added to `AJV_OPTIONS`), with the formats they use. */
export const ajvForSharedSchemas = (options: Omit<ConstructorParameters<typeof Ajv>[0] & object, 'allErrors'> = {}) =>
  addFormats(new Ajv({ ...AJV_OPTIONS, ...options }))

// Compiled on first use: a process that only reads (or writes one collection) never pays for the rest.
let ajv: Ajv | undefined
const sharedAjv = () => (ajv ??= ajvForSharedSchemas())
const validators = new Map<CollectionName, ValidateFunction>()
const collectionValidator = (collection: CollectionName) => {
  const validate = validators.get(collection) ?? sharedAjv().compile(inputSchemas[collection])
  validators.set(collection, validate)
  return validate
}

/** One schema-validation error as AJV (and Fastify, which runs AJV) reports it. */
export type ValidationIssue = Pick<ErrorObject, 'instancePath' | 'keyword' | 'message'> & {
  params: Record<string, unknown>
}

/** Where each part of a request stands in a pointer, by Fastify's validation context. */
const CONTEXT_POINTER: Record<string, string> = {
  querystring: '/query',
  params: '/path',
  body: '/body',
  headers: '/header',
}

const describe = (issue: ValidationIssue, base: string, unknownKey: string): FieldError => {
  const pointer = `${base}${issue.instancePath}`
  switch (issue.keyword) {
    case 'additionalProperties':
      return { pointer: `${pointer}/${String(issue.params.additionalProperty)}`, detail: unknownKey }
    case 'required':
      return { pointer: `${pointer}/${String(issue.params.missingProperty)}`, detail: 'is required' }
    case 'enum':
      return { pointer, detail: `must be one of: ${(issue.params.allowedValues as unknown[]).join(', ')}` }
    case 'pattern':
      return { pointer, detail: patternDetail(issue.params.pattern, issue.message) }
    default:
      return { pointer, detail: issue.message ?? 'is invalid' }
  }
}

/**
 * Validation errors as field errors with JSON pointers: the one mapping the API's problems and the
 * admin's forms share. With a Fastify validation context (`querystring`, `params`, `body`, `headers`)
 * the pointers start at that part of the request (`/query/limit`); without one, at the value itself.
 * One error per field, the first AJV gives (with `allErrors`, a bad time was also "must match
 * format": two messages for one fault).
 */
export const fieldErrors = (issues: readonly ValidationIssue[], context?: string): FieldError[] => {
  const base = context === undefined ? '' : (CONTEXT_POINTER[context] ?? `/${context}`)
  const unknownKey = context === 'querystring' ? 'is not a known parameter' : 'is not a known field'
  const byPointer = new Map<string, FieldError>()
  for (const issue of issues) {
    const error = describe(issue, base, unknownKey)
    if (!byPointer.has(error.pointer)) byPointer.set(error.pointer, error)
  }
  return [...byPointer.values()]
}

/** Rules JSON Schema cannot say: categories belong to a level, currency figures name a currency. */
const crossFieldErrors = (collection: CollectionName, record: Record<string, any>): FieldError[] => {
  const errors: FieldError[] = []
  if (collection === 'instruments' && record.level in CATEGORIES_BY_LEVEL) {
    const allowed: readonly string[] = CATEGORIES_BY_LEVEL[record.level as keyof typeof CATEGORIES_BY_LEVEL]
    if (!allowed.includes(record.category)) {
      errors.push({
        pointer: '/category',
        detail: `is not a ${record.level} category; use one of: ${allowed.join(', ')}`,
      })
    }
  }
  for (const key of ['figures', 'evidence']) {
    const facts: any[] = Array.isArray(record[key]) ? record[key] : []
    facts.forEach((fact, i) => {
      if (fact?.unit === 'currency' && !fact.currency)
        errors.push({ pointer: `/${key}/${i}/currency`, detail: 'is required when unit is currency' })
      if (fact?.currency && fact.unit !== 'currency')
        errors.push({ pointer: `/${key}/${i}/unit`, detail: 'must be currency when a currency is given' })
      if (fact?.value !== undefined && !fact.unit)
        errors.push({ pointer: `/${key}/${i}/unit`, detail: 'is required when a value is given' })
    })
  }
  const spec = collectionSpecs[collection]
  const status = record.status ?? 'published'
  // Cited before review: an editor reviews an entry against its sources.
  if (spec.requiresSource && (status === 'published' || status === 'in_review') && !(record.source_ids?.length > 0)) {
    errors.push({ pointer: '/source_ids', detail: 'must cite at least one source before review and publication' })
  }
  return errors
}

/** A validator AJV compiled, at run time or ahead of time (`standaloneCode`): true or its `errors`. */
export type CompiledValidator = ((value: unknown) => boolean) & { errors?: readonly ValidationIssue[] | null }

/** Validates what a curator or a seed file writes; an empty list means valid. */
export const validateInput = (collection: CollectionName, record: unknown): FieldError[] =>
  inputErrorsWith(collectionValidator(collection), collection, record)

/** `validateInput` with the collection's input schema compiled already (the admin UI's, ahead of time). */
export const inputErrorsWith = (validate: CompiledValidator, collection: CollectionName, record: unknown) => {
  if (!validate(record)) return fieldErrors(validate.errors ?? [])
  return crossFieldErrors(collection, record as Record<string, unknown>)
}

/** A compiled validator of a shared schema as one that names the fields at fault (the admin UI's account forms). */
export const errorsWith =
  (validate: CompiledValidator) =>
  (value: unknown): FieldError[] =>
    validate(value) ? [] : fieldErrors(validate.errors ?? [])

export type ReferenceUse = { pointer: string; collection: CollectionName; id: string }

/** Every id an entity refers to, with where it stands in the entity. */
export const referencesOf = (collection: CollectionName, record: Record<string, unknown>): ReferenceUse[] => {
  const uses: ReferenceUse[] = []
  const walk = (value: unknown, steps: string[], pointer: string, target: CollectionName) => {
    if (value === undefined || value === null) return
    if (steps.length === 0) {
      if (typeof value === 'string') uses.push({ pointer, collection: target, id: value })
      return
    }
    const [step, ...rest] = steps
    if (step === '*') {
      if (Array.isArray(value)) for (const [i, item] of value.entries()) walk(item, rest, `${pointer}/${i}`, target)
    } else if (typeof value === 'object') {
      walk((value as Record<string, unknown>)[step!], rest, `${pointer}/${step}`, target)
    }
  }
  for (const ref of collectionSpecs[collection].references) walk(record, ref.path.split('/'), '', ref.collection)
  return uses
}
