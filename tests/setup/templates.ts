import { fileURLToPath } from 'node:url'

export type Template = 'migrated' | 'seeded'

/** PostgreSQL template databases built once per test run. */
export const TEMPLATES: Record<Template, string> = { migrated: 'atlas_template_migrated', seeded: 'atlas_template_seeded' }

export const ARTIFACTS_DIR = fileURLToPath(new URL('../.artifacts', import.meta.url))

/** PGlite data-folder dumps built once per test run. */
export const pgliteTemplatePath = (template: Template) => `${ARTIFACTS_DIR}/pglite-${template}.tar`
