/**
 * The forms' validators of the shared schemas, compiled when the UI was built (the UI's CSP allows
 * no eval, and AJV compiles with `new Function`): fetched with the first form checked, as half a
 * megabyte of code no other page needs.
 */
export const compiledValidators = () => import('virtual:compiled-validators').then((m) => m.default)

export type ValidatorName = keyof Awaited<ReturnType<typeof compiledValidators>>
