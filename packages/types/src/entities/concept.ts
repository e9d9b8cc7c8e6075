import { Type } from 'typebox'
import { Cited, PartialDate, PlainText, Slug, StringEnum, Text } from '../primitives.ts'

export const CONCEPT_KINDS = ['analytical', 'policy_term', 'slogan'] as const

/** A term of the field: what it means, who coined it, when, and in which document. */
export const conceptFields = {
  term: Text,
  kind: StringEnum(CONCEPT_KINDS),
  definition: Text,
  origin: Type.Optional(Text),
  coined_by: Type.Optional(PlainText({ minLength: 1, maxLength: 200 })),
  coined_on: Type.Optional(PartialDate),
  economy_id: Type.Optional(Slug),
  ...Cited,
}
