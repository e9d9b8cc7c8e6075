import { Type } from 'typebox'
import { Cited, SlugList, StringEnum, Text } from '../primitives.ts'

export const ASSESSMENT_KINDS = ['finding', 'common_feature', 'outlook', 'reason', 'recommendation'] as const

/** A conclusion the paper draws: common features, the outlook, the reasons, the advice. */
export const assessmentFields = {
  kind: StringEnum(ASSESSMENT_KINDS),
  ordinal: Type.Integer({ minimum: 1, maximum: 100, description: 'Order within its kind, as in the paper.' }),
  statement: Text,
  economy_ids: SlugList('Economies the assessment concerns.'),
  ...Cited,
}
