import { _ } from 'ajv'
import standaloneCode from 'ajv/dist/standalone/index.js'
import { tsImport } from 'tsx/esm/api'
import type { Plugin } from 'vite'

/** The shared types, TypeScript that Node cannot load by itself: Vite's config runs in Node, tsx reads them. */
const sharedTypes = (): Promise<typeof import('@chain-atlas/types')> => tsImport('@chain-atlas/types', import.meta.url)

/** The module the forms import their validators from: built here, when Vite builds the UI. */
export const MODULE = 'virtual:compiled-validators'
const RESOLVED = `\0${MODULE}`

/** The schemas the forms validate with, by the name each validator is exported as. */
const schemasOf = (types: typeof import('@chain-atlas/types')): Record<string, object> => ({
  ...Object.fromEntries(types.COLLECTION_NAMES.map((c) => [c, types.inputSchemas[c]])),
  ApiKeyCreate: types.ApiKeyCreate,
  UserCreate: types.UserCreate,
  UserUpdate: types.UserUpdate,
  WebhookCreate: types.WebhookCreate,
  WebhookUpdate: types.WebhookUpdate,
})

/** What AJV's code takes from a CommonJS module, as an ES import (the browser has no `require`). */
const IMPORTS: Record<string, string> = {
  'require("ajv/dist/runtime/ucs2length").default': `import ucs2length from 'ajv/dist/runtime/ucs2length'`,
  'require("ajv/dist/runtime/equal").default': `import equal from 'ajv/dist/runtime/equal'`,
  'require("ajv/dist/runtime/uri").default': `import uri from 'ajv/dist/runtime/uri'`,
}

/**
 * The validators of the shared schemas as ES module code, compiled ahead of time by AJV, with the
 * options and formats the API validates with: AJV compiles with `new Function`, which the admin
 * UI's Content-Security-Policy forbids (no `'unsafe-eval'`).
 */
export const compiledValidatorsCode = async () => {
  const types = await sharedTypes()
  const schemas = schemasOf(types)
  const ajv = types.ajvForSharedSchemas({ code: { source: true, esm: true, formats: _`formats` } })
  for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name)
  // Exported by names that are identifiers (`china_strategies`), and as one object by the schemas' own.
  const exported = (name: string) => name.replaceAll('-', '_')
  let code = standaloneCode(ajv, Object.fromEntries(Object.keys(schemas).map((name) => [exported(name), name])))
  code += `\nexport default {${Object.keys(schemas).map((name) => `${JSON.stringify(name)}: ${exported(name)}`)}}\n`
  const imports = [`import { fullFormats as formats } from 'ajv-formats/dist/formats'`]
  for (const [required, imported] of Object.entries(IMPORTS)) {
    if (!code.includes(required)) continue
    code = code.replaceAll(required, imported.split(' ')[1]!)
    imports.push(imported)
  }
  // A helper AJV takes from elsewhere that this list does not know would fail in the browser only.
  const left = /require\([^)]*\)/.exec(code)
  if (left) throw new Error(`compiled validators: no ES import for ${left[0]}`)
  return `${imports.join('\n')}\n${code}`
}

/** Serves `virtual:compiled-validators` to the admin UI's build. */
export const compiledValidators = (): Plugin => ({
  name: 'compiled-validators',
  resolveId: (id) => (id === MODULE ? RESOLVED : undefined),
  load: (id) => (id === RESOLVED ? compiledValidatorsCode() : undefined),
})
