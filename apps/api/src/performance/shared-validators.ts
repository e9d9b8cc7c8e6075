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
    const cache = new Map<string, Validator>()
    return (route) => {
      const key = JSON.stringify(route.schema)
      let validator = cache.get(key)
      if (!validator) {
        validator = compiledOnFirstUse(() => compile(route))
        cache.set(key, validator)
      }
      return validator
    }
  }
}
