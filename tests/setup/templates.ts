import { fileURLToPath } from 'node:url'

export type Template = 'migrated' | 'seeded'

/** Lets two checkouts run their suites on one PostgreSQL server without sharing templates. */
const tag = (process.env.ATLAS_TEST_TAG ?? '').replace(/[^a-z0-9_]/g, '')
const suffix = tag ? `_${tag}` : ''

/** PostgreSQL template databases built once per test run. */
export const TEMPLATES: Record<Template, string> = {
  migrated: `atlas_template_migrated${suffix}`,
  seeded: `atlas_template_seeded${suffix}`,
}

/**
 * The prefix of the databases each test file makes (and a run drops when an interrupted run left
 * them). A tagged run's prefix does not start with the untagged one (`atlas_t_`), or an untagged
 * run's clean-up dropped the databases of a tagged run in progress.
 */
export const TEST_DATABASE_PREFIX = tag ? `atlas_tt_${tag}_` : 'atlas_t_'

export const ARTIFACTS_DIR = fileURLToPath(new URL('../.artifacts', import.meta.url))

/** PGlite data-folder dumps built once per test run. */
export const pgliteTemplatePath = (template: Template) => `${ARTIFACTS_DIR}/pglite-${template}.tar`
