import { validatorOf } from '@chain-atlas/types'
import { clean, setAtPointer } from './schema.ts'
import type { JsonSchema } from '../collections.ts'
import { explainAll } from './explain.ts'

/** A react-admin form validator from a shared schema, on the values as they will be sent. */
export const validateWith = (
  schema: object,
  pick: (values: Record<string, unknown>) => Record<string, unknown> = (v) => v,
) => {
  const validate = validatorOf(schema)
  return (values: Record<string, unknown>) => {
    const errors: Record<string, unknown> = {}
    for (const error of explainAll(validate(clean(schema as JsonSchema, pick(values))), schema as JsonSchema))
      setAtPointer(errors, error.pointer, error.detail)
    return errors
  }
}
