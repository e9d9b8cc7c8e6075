import { Type, type Static } from 'typebox'
import { Slug, Text } from './primitives.ts'

export const SEMVER_PATTERN = '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$'
export const ISO_DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'

/** An author's name in Latin script, for references that need it (the source record prints the original). */
export const PersonName = Type.Object(
  { family: Type.String({ minLength: 1 }), given: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
)

/**
 * A release of the dataset (packages/dataset/release.json): what `GET /v1/dataset` and CITATION.cff
 * say. The paper's bibliographic data is its source record's; the release adds what the record
 * does not hold: the authors' names in Latin script and the issue.
 */
export const Release = Type.Object(
  {
    version: Type.String({ pattern: SEMVER_PATTERN, description: 'Semantic version of the dataset.' }),
    released_on: Type.String({ pattern: ISO_DATE_PATTERN, description: 'Release date, YYYY-MM-DD.' }),
    title: Text,
    authors: Type.String({ minLength: 1, description: 'Who made the dataset (the team).' }),
    licence: Type.Object(
      {
        id: Type.String({ description: 'SPDX identifier.', examples: ['CC-BY-4.0'] }),
        name: Type.String(),
        url: Type.String({ format: 'uri' }),
      },
      { additionalProperties: false },
    ),
    paper: Type.Object(
      {
        source_id: Slug,
        authors: Type.Array(PersonName, { minItems: 1 }),
        issue: Type.String({ minLength: 1 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)
export type Release = Static<typeof Release>
