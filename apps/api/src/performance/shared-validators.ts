import { AjvCompiler } from '@fastify/ajv-compiler'

type Validator = ((data: unknown, context?: unknown) => boolean) & { errors?: unknown; schemaEnv?: unknown }
type BuildValidator = (externalSchemas: unknown, options: unknown) => (route: { schema: unknown }) => Validator

/**
 * A validator compiled when it is first called. Fastify hands AJV's validators their parent
 * (`schemaEnv` says they take one) and reads `errors` after a call: both pass through.
 */
const compiledOnFirstUse = (compile: () => Validator): Validator => {
  let compiled: Validator | undefined
  const validate: Validator = (data, context) => {
    compiled ??= compile()
    const valid = compiled(data, context)
    validate.errors = compiled.errors
    return valid
  }
  validate.schemaEnv = true
  return validate
}

/**
 * Fastify's validator compiler (the same AJV, options and shared schemas), with two changes: each
 * distinct request schema is compiled once (ten collections' routes repeat the same id parameter,
 * `If-Match` header and empty query, and AJV caches by schema object, not by content), and only
 * when a request first needs it, not at start-up. Passed to Fastify as
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
        validator = compiledOnFirstUse(() => (body ? compileBody : compile)(route))
        cache.set(key, validator)
      }
      return validator
    }
  }
}
