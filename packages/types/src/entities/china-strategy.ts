import { Type } from 'typebox'
import { Cited, Fact, PartialDate, Slug, SlugList, StringEnum, Text } from '../primitives.ts'

export const STANCES = ['containment', 'hedging', 'de_risking', 'engagement', 'cooperation'] as const

/** An economy's strategy toward China: stance, labels, evidence and the instruments that carry it. */
export const chinaStrategyFields = {
  economy_id: Slug,
  title: Text,
  stance: StringEnum(STANCES),
  labels: Type.Array(Text, {
    description: 'Slogans that name the strategy: "small yard, high fence", "China+1", "de-risking".',
  }),
  summary: Text,
  period_start: Type.Optional(PartialDate),
  period_end: Type.Optional(PartialDate),
  evidence: Type.Array(Fact, { description: 'Figures, thresholds, deadlines and documents the paper gives.' }),
  instrument_ids: SlugList('Instruments that carry the strategy.'),
  sector_ids: Type.Optional(SlugList('Fields the strategy targets, as the paper names them.')),
  ...Cited,
}
