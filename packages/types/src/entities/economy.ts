import { Type } from 'typebox'
import { Cited, SlugList, StringEnum, Text } from '../primitives.ts'

export const ECONOMY_KINDS = ['country', 'region', 'union', 'bloc', 'organization'] as const
export const ECONOMY_ROLES = ['subject', 'counterpart', 'partner', 'host'] as const
export const REGIONS = [
  'north_america',
  'latin_america',
  'caribbean',
  'europe',
  'east_asia',
  'southeast_asia',
  'south_asia',
  'middle_east',
  'africa',
  'oceania',
  'global',
] as const

/** A country, union or bloc: a subject of the paper, its counterpart (China), or a partner or host. */
export const economyFields = {
  kind: StringEnum(ECONOMY_KINDS),
  name: Text,
  roles: Type.Array(StringEnum(ECONOMY_ROLES), { minItems: 1, uniqueItems: true }),
  region: StringEnum(REGIONS),
  member_ids: Type.Optional(SlugList('Member economies of a union or bloc, where the paper names them.')),
  summary: Type.Optional(Text),
  ...Cited,
  source_ids: Type.Optional(Cited.source_ids),
}
