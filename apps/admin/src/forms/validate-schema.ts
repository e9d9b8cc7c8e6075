import { errorsWith } from '@chain-atlas/types'
import { compiledValidators, type ValidatorName } from './compiled-validators.tsx'
import { clean, setAtPointer } from './schema.ts'
import type { JsonSchema } from '../collections.ts'
import { explainAll } from './explain.ts'

/**
 * A react-admin form validator from a shared schema and the name of its validator (compiled ahead
 * of time: `compiledValidators`), on the values as they will be sent.
 */
export const validateWith = (
  schema: object,
  name: ValidatorName,
  pick: (values: Record<string, unknown>) => Record<string, unknown> = (v) => v,
) => {
  return async (values: Record<string, unknown>) => {
    const validate = errorsWith((await compiledValidators())[name])
    const errors: Record<string, unknown> = {}
    for (const error of explainAll(validate(clean(schema as JsonSchema, pick(values))), schema as JsonSchema))
      setAtPointer(errors, error.pointer, error.detail)
    return errors
  }
}
