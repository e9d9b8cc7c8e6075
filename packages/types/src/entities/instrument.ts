import { Type } from 'typebox'
import {
  Amount,
  Cited,
  Fact,
  Identified,
  Nullable,
  PartialDate,
  PlainText,
  Slug,
  SlugList,
  StringEnum,
  Text,
  Year,
} from '../primitives.ts'

export const LEVELS = ['national', 'regional', 'global'] as const
export type Level = (typeof LEVELS)[number]

/** The closed list of categories for each level, covering every row and theme of the paper. */
export const CATEGORIES_BY_LEVEL = {
  national: [
    'risk_management', // Table 1 row 1: government–business risk management
    'basic_capacity', // Table 1 row 2: infrastructure investment and subsidy for basic capacity
    'high_end_capacity', // Table 1 row 3: the same for high-end capacity
    'trade_protection', // Table 1 row 4: export controls, investment screening
    'industrial_strategy', // sector focus: re-industrialisation, technology programmes, reviews
  ],
  regional: [
    'nearshoring',
    'friend_shoring',
    'economic_framework', // IPEF
    'indo_pacific_plan', // Table 2
    'technology_alliance',
    'infrastructure_investment', // Table 3 initiatives and their projects
    'china_policy', // laws and packages aimed at China
  ],
  global: ['trade_agreement', 'digital_trade', 'technical_standard', 'standards_cooperation', 'export_control_regime'],
} as const
export const CATEGORIES = [...new Set(Object.values(CATEGORIES_BY_LEVEL).flat())] as const as readonly string[]

export const INSTRUMENT_KINDS = [
  'law',
  'regulation',
  'directive',
  'executive_order',
  'strategy',
  'plan',
  'programme',
  'initiative',
  'project',
  'agreement',
  'framework',
  'fund',
  'mechanism',
  'list',
  'report',
  'dialogue',
] as const
/** `unknown`: the evidence does not say, e.g. the paper's entry could not be identified with a document. */
export const LIFECYCLES = ['planned', 'in_force', 'ended', 'superseded', 'unknown'] as const

/** The rows of the paper's tables: Table 1 its four tool rows, Table 2 its row of plans, Table 3 its fields; the columns are the economies. */
export const TABLE_ROWS = {
  1: ['risk_management', 'basic_capacity', 'high_end_capacity', 'trade_protection'],
  2: ['indo_pacific_plan'],
  3: ['transport', 'energy', 'digital'],
} as const
export const TABLE_ROW_KEYS = [...new Set(Object.values(TABLE_ROWS).flat())] as const as readonly string[]

/** The cell of one of the paper's Tables 1–3 an instrument fills. */
export const TableCell = Type.Object(
  {
    table: Type.Integer({ minimum: 1, maximum: 3, description: 'The paper’s Table 1, 2 or 3.' }),
    row: StringEnum(TABLE_ROW_KEYS, {
      description: 'The table’s row: a tool row (Table 1), `indo_pacific_plan` (Table 2) or a field (Table 3).',
    }),
    column: Slug,
    position: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, description: 'Order within the cell, as printed.' }),
    ),
  },
  {
    additionalProperties: false,
    description: 'A cell of the paper’s tables; `column` is the economy whose column it is.',
  },
)

export const Component = Type.Object(
  { name: Text, description: Type.Optional(Text) },
  { additionalProperties: false, description: 'A pillar, part or measure of an instrument.' },
)

/** A policy instrument (政策工具) of one economy at one level. */
export const instrumentFields = {
  economy_id: Slug,
  level: StringEnum(LEVELS),
  category: StringEnum(CATEGORIES, { description: 'One of the categories of the instrument’s level.' }),
  kind: StringEnum(INSTRUMENT_KINDS),
  title: Text,
  acronym: Type.Optional(PlainText({ minLength: 1, maxLength: 40 })),
  year: Nullable(Year),
  start_date: Type.Optional(PartialDate),
  end_date: Type.Optional(PartialDate),
  lifecycle: StringEnum(LIFECYCLES),
  identified: Identified,
  summary: Text,
  amounts: Type.Array(Amount, { maxItems: 50 }),
  figures: Type.Optional(Type.Array(Fact, { maxItems: 100 })),
  components: Type.Optional(Type.Array(Component, { maxItems: 50 })),
  sector_ids: SlugList('Sectors the instrument targets.'),
  partner_ids: SlugList('Partner or host economies.'),
  alliance_ids: Type.Optional(SlugList('Alliances the instrument builds or relies on.')),
  parent_id: Type.Optional(Slug),
  table_cells: Type.Optional(
    Type.Array(TableCell, { maxItems: 10, description: 'The cells of the paper’s Tables 1–3 this instrument fills.' }),
  ),
  assessment_ids: Type.Optional(
    SlugList(
      'Assessments that make a claim of this instrument together with others: the claim, its figures and its components are stored there once, not copied here.',
    ),
  ),
  ...Cited,
}
