import { Type } from 'typebox'
import { Cited, Slug, Text } from '../primitives.ts'

export const Goal = Type.Object(
  { number: Type.Integer({ minimum: 1, maximum: 20 }), text: Text },
  { additionalProperties: false },
)

/** An economy's guiding ideology (指导思想) for chain security, with its numbered goals. */
export const doctrineFields = {
  economy_id: Slug,
  name: Text,
  labels: Type.Optional(Type.Array(Text, { description: 'Slogans and key phrases, e.g. "America First".' })),
  summary: Text,
  origins: Text,
  goals: Type.Array(Goal, { minItems: 1 }),
  ...Cited,
}
