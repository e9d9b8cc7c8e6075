import { inputErrorsWith, inputSchemas, isServerField } from '@chain-atlas/types'
import { compiledValidators } from './compiled-validators.tsx'
import type { CollectionName, JsonSchema } from '../collections.ts'
import { clean, errorTargets, setAtPointer } from './schema.ts'
import { explainAll } from './explain.ts'

/** The form's values as the API will receive them (the id kept: a create sends it). */
export const toInput = (collection: CollectionName, values: Record<string, unknown>) => {
  const kept = Object.fromEntries(Object.entries(values).filter(([key]) => key === 'id' || !isServerField(key)))
  return clean(inputSchemas[collection] as JsonSchema, kept) as Record<string, unknown>
}

/**
 * Client-side validation with the very rules the API applies (the shared TypeBox schemas, compiled
 * ahead of time: `compiledValidators`; and the cross-field checks), shaped as react-admin's form
 * errors so each lands on its input. The rules that depend on the status (a published entry cites
 * a source) see the entry's own, and a new entry is a draft.
 */
export const validateForm = (collection: CollectionName) => async (values: Record<string, unknown>) => {
  const compiled = await compiledValidators()
  const errors: Record<string, unknown> = {}
  const schema = inputSchemas[collection] as JsonSchema
  const record = { ...toInput(collection, values), status: values.status ?? 'draft' }
  for (const error of explainAll(inputErrorsWith(compiled[collection], collection, record), schema)) {
    for (const pointer of errorTargets(schema, error.pointer)) setAtPointer(errors, pointer, error.detail)
  }
  return errors
}
