import { Type } from 'typebox'
import { Cited, Identified, Nullable, PlainText, Slug, SlugList, StringEnum, Text, Year } from '../primitives.ts'

export const ALLIANCE_KINDS = [
  'technology_alliance',
  'intelligence_alliance',
  'minerals_partnership',
  'trade_and_technology_council',
  'standards_alliance',
  'economic_framework',
  'dialogue',
] as const

/** A coalition of economies: technology alliances, councils and partnerships, with their members. */
export const allianceFields = {
  name: Text,
  acronym: Type.Optional(PlainText({ minLength: 1, maxLength: 40 })),
  kind: StringEnum(ALLIANCE_KINDS),
  leader_id: Type.Optional(Slug),
  identified: Identified,
  member_ids: SlugList('Member economies, where known.'),
  sector_ids: SlugList('Fields the alliance covers.'),
  founded_year: Nullable(Year),
  summary: Text,
  ...Cited,
}
