import { AjvCompiler } from '@fastify/ajv-compiler'

type Validator = ((data: unknown, context?: unknown) => boolean) & { errors?: unknown; schemaEnv?: unknown }
type BuildValidator = (externalSchemas: unknown, options: unknown) => (route: { schema: unknown }) => Validator

/**
 * The first value of a request's text part (query, path, headers) that is a number but not a finite
 * one, with its name: AJV coerces `Infinity` or `1e400` to a number for `integer` and `number`, then
 * skips their `minimum` and `maximum` (it checks those of finite numbers only), so `limit=1e400` got
 * past the schema. Values are flat, or lists of one level (`coerceTypes: 'array'`).
 */
const nonFinite = (data: unknown): { name: string; at: string } | undefined => {
  if (!data || typeof data !== 'object') return undefined
  for (const [name, value] of Object.entries(data)) {
    if (typeof value === 'number' && !Number.isFinite(value)) return { name, at: `/${name}` }
    if (Array.isArray(value)) {
      const i = value.findIndex((v) => typeof v === 'number' && !Number.isFinite(v))
      if (i >= 0) return { name, at: `/${name}/${i}` }
    }
  }
  return undefined
}

/**
 * A validator compiled when it is first called. Fastify hands AJV's validators their parent
 * (`schemaEnv` says they take one) and reads `errors` after a call: both pass through. `text`: it
 * validates text coerced to numbers, which must be finite (`nonFinite`).
 */
const compiledOnFirstUse = (compile: () => Validator, text: boolean): Validator => {
  let compiled: Validator | undefined
  const validate: Validator = (data, context) => {
    compiled ??= compile()
    const valid = compiled(data, context)
    validate.errors = compiled.errors
    const infinite = text ? nonFinite(data) : undefined
    if (!infinite) return valid
    const error = {
      instancePath: infinite.at,
      schemaPath: `#/properties/${infinite.name}/type`,
      keyword: 'type',
      params: {},
      message: 'must be a finite number',
    }
    validate.errors = [...((compiled.errors as unknown[] | null | undefined) ?? []), error]
    return false
  }
  validate.schemaEnv = true
  return validate
}

/**
 * Fastify's validator compiler (the same AJV, options and shared schemas), with three changes: each
 * distinct request schema is compiled once (ten collections' routes repeat the same id parameter,
 * `If-Match` header and empty query, and AJV caches by schema object, not by content), only when a
 * request first needs it, not at start-up, and numbers read from text must be finite (`nonFinite`). Passed to Fastify as
 * `schemaController.compilersFactory.buildValidator`.
 */
export const sharedValidators = (): BuildValidator => {
  const pool = AjvCompiler() as unknown as BuildValidator
  return (externalSchemas, options) => {
    const compile = pool(externalSchemas, options)
    // A body is JSON, typed by its sender: coercing it would take `"id": 200` for "200", or a
    // string for a list of one. Query strings and headers are text, so they are coerced.
    const { customOptions, ...rest } = options as { customOptions?: Record<string, unknown> }
    const compileBody = pool(externalSchemas, { ...rest, customOptions: { ...customOptions, coerceTypes: false } })
    const cache = new Map<string, Validator>()
    return (route) => {
      const body = (route as { httpPart?: string }).httpPart === 'body'
      const key = `${body ? 'body' : 'text'}:${JSON.stringify(route.schema)}`
      let validator = cache.get(key)
      if (!validator) {
        validator = compiledOnFirstUse(() => (body ? compileBody : compile)(route), !body)
        cache.set(key, validator)
      }
      return validator
    }
  }
}
