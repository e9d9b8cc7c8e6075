import { Type } from 'typebox'
import { Cited, Fact, SlugList, StringEnum, Text } from '../primitives.ts'
import { Component } from './instrument.ts'

export const ASSESSMENT_KINDS = ['finding', 'common_feature', 'outlook', 'reason', 'recommendation'] as const

/** A conclusion the paper draws: common features, the outlook, the reasons, the advice. */
export const assessmentFields = {
  kind: StringEnum(ASSESSMENT_KINDS),
  ordinal: Type.Integer({ minimum: 1, maximum: 100, description: 'Order within its kind, as in the paper.' }),
  statement: Text,
  economy_ids: SlugList('Economies the assessment concerns.'),
  sector_ids: Type.Optional(SlugList('Fields the assessment names.')),
  figures: Type.Optional(
    Type.Array(Fact, {
      maxItems: 100,
      description:
        'Figures the paper gives of several entries together, stored once here; the entries name this assessment in `assessment_ids`.',
    }),
  ),
  components: Type.Optional(
    Type.Array(Component, { maxItems: 50, description: 'Features the paper attributes to several entries together.' }),
  ),
  ...Cited,
}
