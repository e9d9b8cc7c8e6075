import { Type } from 'typebox'
import { Cited, Fact, Slug, SlugList, StringEnum, Text } from '../primitives.ts'

export const EMPHASES = [
  'basic_manufacturing',
  'frontier_technology',
  'green_industry',
  'critical_material',
  'reshoring',
] as const

export const FocusSector = Type.Object(
  { sector_id: Slug, emphasis: StringEnum(EMPHASES) },
  { additionalProperties: false },
)

/** Where an economy puts its industrial weight (part 三.一, 第二): sectors, figures, criteria, programmes. */
export const sectorFocusFields = {
  economy_id: Slug,
  strategy: Text,
  summary: Text,
  sectors: Type.Array(FocusSector, { minItems: 1 }),
  figures: Type.Array(Fact),
  criteria: Type.Optional(Type.Array(Text, { description: 'Criteria, e.g. for what counts as a critical material.' })),
  programme_ids: SlugList('Instruments (programmes, platforms) behind the focus.'),
  ...Cited,
}
