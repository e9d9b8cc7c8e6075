import { Type, type Static } from 'typebox'
import { CATEGORIES_BY_LEVEL, LEVELS } from './entities/instrument.ts'
import { STANCES } from './entities/china-strategy.ts'
import { Slug, StringEnum, Text, Year } from './primitives.ts'
import type { StaticWithRefs } from './refs.ts'

/** Bilingual names of the instrument categories: the rows of the paper's tables. */
export const CATEGORY_LABELS: Record<string, { en: string; zh: string }> = {
  risk_management: { en: 'Government–business risk management', zh: '政企联合风险管理工具' },
  basic_capacity: {
    en: 'Infrastructure investment and subsidies: basic production capacity',
    zh: '基础设施投资与产业补贴：构建基础生产能力',
  },
  high_end_capacity: {
    en: 'Infrastructure investment and subsidies: high-end production capacity',
    zh: '基础设施投资与产业补贴：强化高端生产能力',
  },
  trade_protection: { en: 'Trade protection', zh: '贸易保护措施' },
  industrial_strategy: { en: 'Industrial strategy and sector focus', zh: '产业战略与侧重领域' },
  nearshoring: { en: 'Nearshoring', zh: '近岸外包' },
  friend_shoring: { en: 'Friend-shoring', zh: '友岸外包' },
  economic_framework: { en: 'Economic framework', zh: '经济框架' },
  indo_pacific_plan: { en: 'Indo-Pacific economic plan', zh: '“印太”地区经济计划' },
  technology_alliance: { en: 'Technology alliance', zh: '科技联盟' },
  infrastructure_investment: { en: 'Overseas infrastructure investment', zh: '海外基础设施建设' },
  china_policy: { en: 'China policy', zh: '对华政策' },
  trade_agreement: { en: 'High-standard trade agreement', zh: '高标准经贸协定' },
  digital_trade: { en: 'Digital-trade template', zh: '数字贸易规则模板' },
  technical_standard: { en: 'Technical-standards strategy', zh: '技术标准战略' },
  standards_cooperation: { en: 'Standards cooperation', zh: '标准合作机制' },
  export_control_regime: { en: 'Export-control regime', zh: '出口管制机制' },
}

/** Labels of the rows of the paper's tables that are not categories: Table 3's fields. */
export const TABLE_ROW_LABELS: Record<string, { en: string; zh: string }> = {
  ...CATEGORY_LABELS,
  transport: { en: 'Transport', zh: '交通设施' },
  energy: { en: 'Energy', zh: '能源' },
  digital: { en: 'Digital', zh: '数字' },
}

/** The level each of the paper's tables compares. */
export const TABLE_LEVELS = { 1: 'national', 2: 'regional', 3: 'regional' } as const

export const CompareCell = Type.Object(
  { economy_id: Slug, instruments: Type.Array(Type.Ref('Instrument')) },
  { additionalProperties: false },
)

export const CompareRow = Type.Object(
  {
    category: Type.String(),
    label: Text,
    cells: Type.Array(CompareCell, { description: 'One cell per requested economy, in the order requested.' }),
  },
  { additionalProperties: false },
)

/** The side-by-side matrix: categories as rows, economies as columns, instruments in the cells. */
export const Comparison = Type.Object(
  {
    level: StringEnum(LEVELS),
    table: Type.Union([Type.Integer({ minimum: 1, maximum: 3 }), Type.Null()], {
      description: 'The paper’s table reproduced, when asked for.',
    }),
    economies: Type.Array(Type.Ref('Economy')),
    rows: Type.Array(CompareRow),
  },
  { $id: 'Comparison', additionalProperties: false },
)
export type Comparison = StaticWithRefs<typeof Comparison>

export const NODE_KINDS = ['economy', 'alliance', 'initiative', 'instrument'] as const
export const EDGE_KINDS = [
  'nearshoring',
  'friend_shoring',
  'economic_framework',
  'indo_pacific_plan',
  'technology_alliance',
  'alliance_membership',
  'infrastructure_initiative',
  'infrastructure_project',
  'trade_agreement',
  'digital_trade',
  'standards_cooperation',
  'china_stance',
  'instrument',
] as const

export const NetworkNode = Type.Object(
  {
    id: Type.String({ description: 'The node: its kind and its entry’s id (`economy:us`, `alliance:chip4`).' }),
    entity_id: Slug,
    kind: StringEnum(NODE_KINDS, {
      description: 'Which collection `entity_id` is in: economies, alliances, or instruments (initiatives).',
    }),
    label: Text,
    economy_id: Type.Optional(Slug),
  },
  { additionalProperties: false },
)

export const NetworkEdge = Type.Object(
  {
    kind: StringEnum(EDGE_KINDS),
    source: Type.String({ description: 'Node id the edge leaves.' }),
    target: Type.String({ description: 'Node id the edge reaches.' }),
    stance: Type.Optional(StringEnum(STANCES)),
    instrument_ids: Type.Array(Slug),
    source_ids: Type.Array(Slug),
  },
  { additionalProperties: false },
)

/** The chain-security network: economies, alliances and initiatives, and the typed links between them. */
export const Network = Type.Object(
  { nodes: Type.Array(NetworkNode), edges: Type.Array(NetworkEdge) },
  { $id: 'Network', additionalProperties: false },
)
export type Network = Static<typeof Network>
export type NetworkNode = Static<typeof NetworkNode>
export type NetworkEdge = Static<typeof NetworkEdge>

export const TimelineYear = Type.Object(
  {
    year: Year,
    counts: Type.Object(
      {
        instruments: Type.Integer({ minimum: 0 }),
        china_strategies: Type.Integer({ minimum: 0 }),
        by_economy: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
          description: 'Instruments per economy id.',
        }),
      },
      { additionalProperties: false },
    ),
    instruments: Type.Optional(Type.Array(Type.Ref('Instrument'), { description: 'Left out with `counts_only`.' })),
    china_strategies: Type.Optional(
      Type.Array(Type.Ref('ChinaStrategy'), { description: 'Left out with `counts_only`.' }),
    ),
  },
  { additionalProperties: false },
)

/** Instruments and China strategies by year. */
export const Timeline = Type.Object(
  {
    years: Type.Array(TimelineYear, { description: 'Years with at least one entry, in order.' }),
    undated_count: Type.Integer({ minimum: 0, description: 'How many matching instruments have no year.' }),
    undated: Type.Optional(
      Type.Array(Type.Ref('Instrument'), {
        description: 'Matching instruments without a year (left out with `counts_only`).',
      }),
    ),
  },
  { $id: 'Timeline', additionalProperties: false },
)
export type Timeline = StaticWithRefs<typeof Timeline>

export const CATEGORY_ORDER: readonly string[] = Object.values(CATEGORIES_BY_LEVEL).flat()
