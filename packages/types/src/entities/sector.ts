import { Type } from 'typebox'
import { Cited, Slug, StringEnum, Text } from '../primitives.ts'

export const SECTOR_KINDS = ['industry', 'technology', 'material', 'infrastructure', 'service'] as const

/** An industry, technology field, material group or infrastructure field instruments and strategies target. */
export const sectorFields = {
  name: Text,
  kind: StringEnum(SECTOR_KINDS),
  parent_id: Type.Optional(Slug),
  description: Type.Optional(Text),
  ...Cited,
  source_ids: Type.Optional(Cited.source_ids),
}
