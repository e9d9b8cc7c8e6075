import type { JsonSchema } from '../collections.ts'

/** `Nullable(X)` is `anyOf [X, null]`: the form treats it as X that may be empty. */
export const unwrap = (schema: JsonSchema): JsonSchema => schema.anyOf?.find((s) => s.type !== 'null') ?? schema
export const allowsNull = (schema: JsonSchema) => !!schema.anyOf?.some((s) => s.type === 'null')

/** Bilingual text: an object with `en` and `zh`. */
export const isText = (schema: JsonSchema) =>
  schema.type === 'object' && !!schema.properties?.en && !!schema.properties?.zh

const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  value === '' ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0)

/**
 * What a form holds, made into what the API takes: react-admin turns cleared inputs into null,
 * the schema wants optional fields absent; empty rows of arrays and empty optional lists are dropped.
 */
export const clean = (schema: JsonSchema, value: unknown): unknown => {
  const s = unwrap(schema)
  if (value === null || value === undefined) return allowsNull(schema) ? null : undefined
  if (s.type === 'object' && s.properties && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
      const property = s.properties[key]
      const cleaned = property ? clean(property, raw) : raw
      if (cleaned === null ? !property || !allowsNull(property) : isEmpty(cleaned)) continue
      // List inputs hold [] for "none"; an optional list says none by being absent.
      if (Array.isArray(cleaned) && !cleaned.length && !s.required?.includes(key)) continue
      out[key] = cleaned
    }
    return out
  }
  if (s.type === 'array' && Array.isArray(value) && s.items) {
    return value.map((item) => clean(s.items!, item)).filter((item) => !isEmpty(item))
  }
  if ((s.type === 'number' || s.type === 'integer') && typeof value === 'string')
    return value === '' ? undefined : Number(value)
  return value
}

/** Sets `message` at a JSON pointer in a nested errors object shaped like the form (arrays for array indices). */
export const setAtPointer = (errors: Record<string, unknown>, pointer: string, message: unknown) => {
  const steps = pointer.split('/').slice(1)
  if (!steps.length) return
  let node: any = errors
  steps.forEach((step, i) => {
    const last = i === steps.length - 1
    if (last) {
      if (node[step] === undefined || typeof node[step] === 'string') node[step] = message
      return
    }
    // A message (a string, or a key with arguments) where a container should be: the deeper error wins.
    if (typeof node[step] !== 'object' || node[step] === null || 'message' in node[step])
      node[step] = /^\d+$/.test(steps[i + 1]!) ? [] : {}
    node = node[step]
  })
}

/** The schema of the value at a JSON pointer (`/amounts/0/purpose`), if the schema says. */
export const schemaAt = (schema: JsonSchema, pointer: string): JsonSchema | undefined =>
  pointer
    .split('/')
    .slice(1)
    .reduce<JsonSchema | undefined>((node, step) => {
      const s = node && unwrap(node)
      return /^\d+$/.test(step) ? s?.items : s?.properties?.[step]
    }, schema)

/**
 * Where an error shows: a missing bilingual text is missing in each language, and the form has an
 * input per language, not one for the text.
 */
export const errorTargets = (schema: JsonSchema, pointer: string): string[] => {
  const target = schemaAt(schema, pointer)
  return target && isText(unwrap(target)) ? [`${pointer}/en`, `${pointer}/zh`] : [pointer]
}
