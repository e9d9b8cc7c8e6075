import { useEffect } from 'react'

/**
 * The forms' validators of the shared schemas, compiled when the UI was built (the UI's CSP allows
 * no eval, and AJV compiles with `new Function`): half a megabyte of code no other page needs,
 * fetched when a form shows (`PreloadValidators`) so that its first check waits for nothing.
 */
export const compiledValidators = () => import('virtual:compiled-validators').then((m) => m.default)

export type ValidatorName = keyof Awaited<ReturnType<typeof compiledValidators>>

/** Inside a form that checks the shared schemas: fetches their validators as the form shows. */
export const PreloadValidators = () => {
  useEffect(() => {
    compiledValidators().catch(() => undefined) // the form's check fetches them again
  }, [])
  return null
}
