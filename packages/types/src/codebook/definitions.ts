// The codebook's words: what each collection, field, value type and enumeration value means, in
// English and Chinese. The English of a field whose schema has a `description` is that description
// (written once, beside the schema); this table gives the Chinese always and the English only where
// the schema has none. packages/types/test/codebook.test.ts fails when anything lacks a definition
// in either language, or when an entry here defines nothing that exists.
import { CLAIM_FIELDS, CURRENCIES, STATUSES, QUALIFIERS, AMOUNT_KINDS, FACT_KINDS, UNITS } from '../primitives.ts'
import { ECONOMY_KINDS, ECONOMY_ROLES, REGIONS } from '../entities/economy.ts'
import { SECTOR_KINDS } from '../entities/sector.ts'
import { SOURCE_KINDS, SOURCE_LANGUAGES } from '../entities/source.ts'
import { ALLIANCE_KINDS } from '../entities/alliance.ts'
import { ASSESSMENT_KINDS } from '../entities/assessment.ts'
import { STANCES } from '../entities/china-strategy.ts'
import { CONCEPT_KINDS } from '../entities/concept.ts'
import {
  CATEGORIES,
  CATEGORIES_BY_LEVEL,
  INSTRUMENT_KINDS,
  LEVELS,
  LIFECYCLES,
  TABLE_ROW_KEYS,
  TABLE_ROWS,
} from '../entities/instrument.ts'
import { EMPHASES } from '../entities/sector-focus.ts'
import type { CollectionName } from '../collections.ts'
import type { Bilingual } from './schema.ts'

/** A field's definition: the English only where its schema has no description. */
export type FieldDefinition = { en?: string; zh: string }

/** What each collection holds. */
export const COLLECTION_DEFINITIONS: Record<CollectionName, Bilingual> = {
  economies: {
    en: 'Countries, unions and blocs: the subjects of the paper (the US, Japan, the EU), its counterpart (China), and their partners and hosts.',
    zh: '国家、联盟与集团：论文的研究对象（美国、日本、欧盟）、其对象国（中国）以及伙伴与东道国。',
  },
  sectors: {
    en: 'Industries, technology fields, material groups, infrastructure and service fields that instruments, alliances and strategies target.',
    zh: '政策工具、联盟与战略所针对的产业、技术领域、材料类别、基础设施与服务领域。',
  },
  sources: {
    en: 'The documents facts come from: the seed paper, and the laws, strategies, reports and articles it cites or that confirm facts from outside it.',
    zh: '事实所依据的文献：底本论文，以及其引用或用以核实论文外事实的法律、战略、报告与文章。',
  },
  doctrines: {
    en: 'Each economy’s guiding ideology (指导思想) for chain security, with its numbered goals.',
    zh: '各经济体产业链安全保障的指导思想及其编号目标。',
  },
  instruments: {
    en: 'Policy instruments (政策工具) of one economy at the national, regional or global level: laws, programmes, agreements, initiatives and projects.',
    zh: '某一经济体在国家、区域或全球层面的政策工具：法律、计划、协定、倡议与项目。',
  },
  'china-strategies': {
    en: 'Each economy’s strategy toward China: its stance, slogans, evidence and the instruments that carry it.',
    zh: '各经济体的对华战略：立场、口号、证据及承载该战略的政策工具。',
  },
  alliances: {
    en: 'Coalitions of economies: technology alliances, councils, partnerships and frameworks, with their members.',
    zh: '经济体之间的联合：技术联盟、理事会、伙伴关系与框架及其成员。',
  },
  'sector-focuses': {
    en: 'Where an economy puts its industrial weight: its sectors with their emphasis, figures, criteria and programmes.',
    zh: '各经济体的产业重心：重点领域及其侧重、数据、标准与相关计划。',
  },
  concepts: {
    en: 'Terms of the field: what they mean, who coined them, when and in which document.',
    zh: '该领域的术语：含义、提出者、提出时间及出处。',
  },
  assessments: {
    en: 'The conclusions the paper draws: findings, common features, the outlook, reasons and recommendations.',
    zh: '论文得出的结论：发现、共同特征、展望、原因与建议。',
  },
}

/** What each value type means (the English where its schema has no description). */
export const TYPE_DEFINITIONS: Record<string, FieldDefinition> = {
  slug: { zh: '稳定、可读的小写短横线标识符；一经发布永不更改。' },
  text: {
    en: 'Text in English and Chinese, with the official form in a third language or its exact wording where there is one: `{ en, zh, original? }`.',
    zh: '中英文文本，如有第三种语言的官方原文或须保留的确切措辞，另附原文：`{ en, zh, original? }`。',
  },
  note_text: { zh: '中文、英文或两者兼有。' },
  partial_date: { zh: '按来源给出的精度记录的日期：YYYY、YYYY-MM 或 YYYY-MM-DD。' },
  year: { zh: '公历年份。' },
  timestamp: { zh: 'RFC 3339 时间戳。' },
  amount: {
    en: 'Money: a value in full units of an ISO 4217 currency, with what it is and what it is for.',
    zh: '金额：以 ISO 4217 货币的完整单位计的数值，注明其性质与用途。',
  },
  fact: {
    en: 'A cited fact: a figure, threshold, deadline, document or statement, with its number when it has one.',
    zh: '有出处的事实：数据、门槛、期限、文件或表述，有数值时附数值。',
  },
  component: { zh: '政策工具的支柱、组成部分或措施。' },
  goal: {
    en: 'A numbered goal of a guiding ideology.',
    zh: '指导思想的编号目标。',
  },
  focus_sector: {
    en: 'A sector an economy focuses on, with the emphasis it gives it.',
    zh: '经济体重点关注的领域及其侧重。',
  },
  string: { en: 'Plain text in one language.', zh: '单一语言的纯文本。' },
  url: { en: 'A web address (http or https).', zh: '网址（http 或 https）。' },
  integer: { en: 'A whole number.', zh: '整数。' },
  boolean: { en: 'Yes or no: `true` or `false`.', zh: '是或否：`true` 或 `false`。' },
  number: { en: 'A number.', zh: '数值。' },
}

/**
 * Field definitions, keyed `owner.field` (a collection's path name or a value type's name) or, for a
 * field that means the same wherever it appears, by the field's name alone; a nested field by its
 * path, with or without its collection (`claims.field` serves `instruments.claims.field`).
 */
export const FIELD_DEFINITIONS: Record<string, FieldDefinition> = {
  // Every entry
  id: {
    en: 'The entry’s identifier: stable, readable, in lower-case kebab case.',
    zh: '条目标识符：稳定、可读、小写短横线格式。',
  },
  version: { zh: '每次修改加一。' },
  status: { zh: '工作流状态：草稿 → 审核中 → 已发布 → 已归档。' },
  created_at: { en: 'When the entry was created.', zh: '条目创建时间。' },
  updated_at: { en: 'When the entry last changed.', zh: '条目最近一次修改时间。' },
  // Shared by several collections
  name: {
    en: 'The name, in English and Chinese (and its official form where it has one).',
    zh: '名称（中英文；如有官方原文，另附原文）。',
  },
  title: {
    en: 'The title, in English and Chinese (and its official form where it has one).',
    zh: '标题（中英文；如有官方原文，另附原文）。',
  },
  summary: { en: 'A summary, in the team’s own words.', zh: '摘要（团队自撰）。' },
  acronym: {
    en: 'Its short form or acronym, as commonly written (CHIPS, IPEF).',
    zh: '简称或缩写（如 CHIPS、IPEF）。',
  },
  economy_id: { en: 'The economy it belongs to.', zh: '所属经济体。' },
  source_ids: { zh: '该条目事实所依据的文献。' },
  paper_refs: { zh: '条目在底本论文中的出处：`part-3.2`、`table-2`、`conclusion` 等。' },
  notes: {
    en: 'Curators’ notes: a slip in the paper corrected, a reading explained.',
    zh: '编者注：对论文笔误的更正、对解读的说明。',
  },
  figures: {
    en: 'Figures, thresholds, deadlines and statements the sources give, each a cited fact.',
    zh: '来源给出的数据、门槛、期限与表述，每项均为有出处的事实。',
  },
  period_start: { en: 'When the period begins.', zh: '起始时间。' },
  period_end: { en: 'When the period ends.', zh: '结束时间。' },
  currency: { zh: 'ISO 4217 货币代码。' },
  identified: {
    zh: '论文所列名称无法确定对应唯一文件或机构时为 false：此时不断言证据未说明的内容（如实施状态、主导方）。',
  },
  claims: { zh: '逐字段的出处：日期或成员关系的来源比条目的来源更具体时注明。' },
  'claims.field': { zh: '该声明为之注明来源的本条目字段。' },
  'claims.source_ids': { zh: '载明该字段取值的文献。' },
  locator: { zh: '在来源中的位置：页、条、段或表格单元格（如 `p. 6`、`Art. 24`、`Table 1, row 3`）。' },
  qualifier: { zh: '来源表述数字的方式：“超/超过”为 `over`，“近/约”为 `about`，“最多”为 `up_to`。' },
  // economies
  'economies.kind': { en: 'What kind of economy it is.', zh: '经济体类型。' },
  'economies.roles': {
    en: 'The parts it plays in the paper: subject, counterpart, partner or host.',
    zh: '在论文中的角色：研究对象、对象国、伙伴或东道国。',
  },
  'economies.region': { en: 'The world region it lies in.', zh: '所在地区。' },
  'economies.member_ids': { zh: '联盟或集团的成员经济体（以论文所列为准）。' },
  // sectors
  'sectors.kind': { en: 'What kind of sector it is.', zh: '领域类型。' },
  'sectors.parent_id': { en: 'The broader sector it belongs to.', zh: '所属的上级领域。' },
  'sectors.description': { en: 'What the sector covers.', zh: '领域涵盖的内容。' },
  // sources
  'sources.kind': { en: 'What kind of document it is.', zh: '文献类型。' },
  'sources.authors': { zh: '作者（个人），按原文印刷形式。' },
  'sources.publisher': { zh: '出版者、发布机构或媒体。' },
  'sources.container': { zh: '文章所在的期刊或丛书。' },
  'sources.published_on': { en: 'When it was published.', zh: '发布日期。' },
  'sources.url': { zh: '可阅读该文献的网址：http 或 https。' },
  'sources.doi': { en: 'Its Digital Object Identifier (10.…).', zh: '数字对象标识符（DOI，10.…）。' },
  'sources.language': { zh: '文献语言（BCP 47）。' },
  'sources.pages': { en: 'The pages it spans, for articles and chapters.', zh: '页码范围（适用于文章与章节）。' },
  'sources.citation': { zh: '底本论文中印刷的参考文献原文。' },
  // doctrines
  'doctrines.labels': { zh: '口号与关键表述，如“美国优先”。' },
  'doctrines.origins': { en: 'Where the ideology comes from and how it developed.', zh: '该指导思想的由来与演变。' },
  'doctrines.goals': {
    en: 'Its chain-security goals, numbered as the paper reads them.',
    zh: '产业链安全目标，按论文的解读编号。',
  },
  // instruments
  'instruments.level': {
    en: 'The level it acts at: national, regional or global.',
    zh: '作用层面：国家、区域或全球。',
  },
  'instruments.category': { zh: '所属层面下的类别之一。' },
  'instruments.kind': { en: 'What kind of instrument it is.', zh: '政策工具类型。' },
  'instruments.year': {
    en: 'The year it was adopted or launched; null when the sources give none.',
    zh: '通过或启动年份；来源未给出时为空。',
  },
  'instruments.start_date': { en: 'When it took or takes effect.', zh: '生效或开始日期。' },
  'instruments.end_date': { en: 'When it ended or ends.', zh: '终止或结束日期。' },
  'instruments.lifecycle': {
    en: 'Where it stands in its life, as far as its sources tell.',
    zh: '所处阶段（以来源所述为准）。',
  },
  'instruments.amounts': {
    en: 'The money it appropriates, invests, lends or grants, each amount with its kind.',
    zh: '其拨款、投资、贷款或资助的金额，每项注明性质。',
  },
  'instruments.components': { en: 'Its pillars, parts or measures.', zh: '其支柱、组成部分或措施。' },
  'instruments.sector_ids': { zh: '政策工具针对的领域。' },
  'instruments.partner_ids': { zh: '伙伴经济体或东道国。' },
  'instruments.alliance_ids': { zh: '政策工具建立或依托的联盟。' },
  'instruments.table_cells': { zh: '该政策工具在论文表1至表3中所占的单元格。' },
  'table_cells.table': { zh: '论文的表1、表2或表3。' },
  'table_cells.row': { zh: '表格的行：工具行（表1）、`indo_pacific_plan`（表2）或领域行（表3）。' },
  'table_cells.column': {
    en: 'The table’s column: the economy whose column the cell is in.',
    zh: '表格的列：单元格所在列对应的经济体。',
  },
  'table_cells.position': { zh: '在单元格内的顺序，按印刷顺序。' },
  'instruments.assessment_ids': {
    zh: '将该政策工具与其他工具一并论断的结论：论断及其数据与组成部分只在结论中存储一次，不在此重复。',
  },
  'instruments.parent_id': {
    en: 'The instrument it is part of (a title of an act, a project of an initiative).',
    zh: '其所属的上级政策工具（如法案的某一编、倡议下的项目）。',
  },
  // china-strategies
  'china-strategies.stance': { en: 'Its overall stance toward China.', zh: '对华总体立场。' },
  'china-strategies.labels': { zh: '概括该战略的口号，如“小院高墙”“中国+1”“去风险”。' },
  'china-strategies.evidence': { zh: '论文给出的数据、门槛、期限与文件。' },
  'china-strategies.instrument_ids': { zh: '承载该战略的政策工具。' },
  'china-strategies.sector_ids': { zh: '该战略针对的领域（以论文所列为准）。' },
  // alliances
  'alliances.kind': { en: 'What kind of coalition it is.', zh: '联合类型。' },
  'alliances.leader_id': {
    en: 'The economy that leads it, where the sources say so.',
    zh: '主导的经济体（以来源明确所述为准）。',
  },
  'alliances.member_ids': { zh: '成员经济体（以已知为准）。' },
  'alliances.sector_ids': { zh: '联盟涵盖的领域。' },
  'alliances.founded_year': {
    en: 'The year it was founded; null when the sources give none.',
    zh: '成立年份；来源未给出时为空。',
  },
  // sector-focuses
  'sector-focuses.strategy': { en: 'The name of the strategy the focus belongs to.', zh: '该产业重心所属战略的名称。' },
  'sector-focuses.sectors': { en: 'The sectors it focuses on, each with its emphasis.', zh: '重点领域及各自的侧重。' },
  'sector-focuses.criteria': { zh: '标准，如关键材料的认定标准。' },
  'sector-focuses.programme_ids': { zh: '支撑该产业重心的政策工具（计划、平台）。' },
  // concepts
  'concepts.term': {
    en: 'The term, in English and Chinese (and its original form).',
    zh: '术语（中英文，及其原文）。',
  },
  'concepts.kind': { en: 'What kind of term it is.', zh: '术语类型。' },
  'concepts.definition': { en: 'What the term means.', zh: '术语含义。' },
  'concepts.origin': { en: 'Where the term comes from: the document or debate.', zh: '术语的出处：文件或讨论。' },
  'concepts.coined_by': { en: 'Who coined it, as printed.', zh: '提出者（按原文）。' },
  'concepts.coined_on': { en: 'When it was coined.', zh: '提出时间。' },
  'concepts.economy_id': { en: 'The economy whose term it is, if any.', zh: '该术语所属的经济体（如有）。' },
  // assessments
  'assessments.kind': { en: 'What kind of conclusion it is.', zh: '结论类型。' },
  'assessments.ordinal': { zh: '在同类结论中的顺序，与论文一致。' },
  'assessments.statement': { en: 'The conclusion, in the team’s words.', zh: '结论表述（团队自撰）。' },
  'assessments.economy_ids': { zh: '该结论涉及的经济体。' },
  'assessments.sector_ids': { zh: '该结论提及的领域。' },
  'assessments.figures': {
    zh: '论文就多个条目一并给出的数据，在此只存储一次；相关条目通过 `assessment_ids` 指向该结论。',
  },
  'assessments.components': { zh: '论文归于多个条目共同具有的特征。' },
  // text
  'text.en': { zh: '英文。' },
  'text.zh': { zh: '中文（简体）。' },
  'text.original': { zh: '其本来语言的官方形式（如日文）或确切措辞。' },
  'note_text.en': { zh: '英文。' },
  'note_text.zh': { zh: '中文（简体）。' },
  // amount
  'amount.value': { zh: '完整单位：527 亿美元记为 52700000000。' },
  'amount.kind': { zh: '金额的性质。' },
  'amount.purpose': { en: 'What the money is for.', zh: '资金用途。' },
  // fact
  'fact.kind': { en: 'What kind of fact it is.', zh: '事实类型。' },
  'fact.text': { en: 'The fact, as the source states it.', zh: '按来源表述的事实。' },
  'fact.value': { en: 'Its number, when it has one (in `unit`).', zh: '其数值（如有，单位见 `unit`）。' },
  'fact.unit': { zh: '`value` 的单位；`currency` 须同时给出 `currency`。' },
  'fact.date': { en: 'The date the fact refers to.', zh: '事实所指的日期。' },
  'fact.source_ids': { zh: '该事实的来源（比条目的来源更具体时）。' },
  'amount.source_ids': { zh: '该金额的来源（比条目的来源更具体时）：载明该金额的文献。' },
  // component, goal, focus_sector
  'component.name': { en: 'The name of the pillar, part or measure.', zh: '支柱、组成部分或措施的名称。' },
  'component.description': { en: 'What it does.', zh: '其内容。' },
  'goal.number': { en: 'Its number, as the paper orders the goals.', zh: '编号，按论文中的顺序。' },
  'goal.text': { en: 'The goal.', zh: '目标内容。' },
  'focus_sector.sector_id': { en: 'The sector.', zh: '领域。' },
  'focus_sector.emphasis': { en: 'What the economy stresses in it.', zh: '经济体在该领域的侧重。' },
}

export type EnumerationEntry = {
  /** The schema's list: the codebook recognises an enumeration by its values. */
  values: readonly string[]
  definition: Bilingual
  /** Each value's meaning; a function for values a standard defines (ISO 4217 codes). */
  meanings?: Record<string, Bilingual> | ((value: string) => Bilingual | undefined)
  /** Values that are names of an entry's fields: each is defined by pointing at that field's definition. */
  fieldNames?: true
  /** Enumerations whose definitions of shared values this one takes, defining only its own values. */
  reuses?: readonly string[]
  /** The standard that defines the values (their names then come from it, not from this table). */
  standard?: string
  /** Values that belong to a group (a category to its level). */
  groups?: { by: string; of: Record<string, readonly string[]> }
}

const currencyNames = {
  en: new Intl.DisplayNames(['en'], { type: 'currency' }),
  zh: new Intl.DisplayNames(['zh'], { type: 'currency' }),
}
/** An ISO 4217 code's name as the Unicode CLDR gives it; undefined where it has none (it echoes the code). */
const currencyMeaning = (code: string): Bilingual | undefined => {
  const en = currencyNames.en.of(code)
  const zh = currencyNames.zh.of(code)
  return en && zh && en !== code && zh !== code ? { en, zh } : undefined
}

/** The enumerations, by name: their definition and each value’s. */
export const ENUMERATIONS: Record<string, EnumerationEntry> = {
  status: {
    values: STATUSES,
    definition: { en: 'Where an entry stands in the editorial workflow.', zh: '条目在编辑流程中的状态。' },
    meanings: {
      draft: { en: 'Being written; seen by curators only.', zh: '草稿：编写中，仅编辑可见。' },
      in_review: { en: 'Submitted, awaiting a reviewer.', zh: '审核中：已提交，等待审核。' },
      published: { en: 'Reviewed and public.', zh: '已发布：已审核并公开。' },
      archived: {
        en: 'Withdrawn from the public dataset, kept with its history.',
        zh: '已归档：撤出公开数据，保留历史。',
      },
    },
  },
  economy_kind: {
    values: ECONOMY_KINDS,
    definition: { en: 'What kind of economy an entry is.', zh: '经济体的类型。' },
    meanings: {
      country: { en: 'A sovereign state.', zh: '国家：主权国家。' },
      region: {
        en: 'A territory or a group of countries taken as one region, not a state (Taiwan, China; Latin America and the Caribbean).',
        zh: '地区：非国家的领土或作为整体的地区（如中国台湾、拉美和加勒比）。',
      },
      union: {
        en: 'A union of states with common institutions (the EU).',
        zh: '联盟：有共同机构的国家联合（如欧盟）。',
      },
      bloc: {
        en: 'A grouping of economies without common law (the G7, ASEAN).',
        zh: '集团：无共同法律的经济体组合（如七国集团、东盟）。',
      },
      organization: {
        en: 'An international organisation (the WTO, the African Union).',
        zh: '国际组织（如世贸组织、非洲联盟）。',
      },
    },
  },
  economy_role: {
    values: ECONOMY_ROLES,
    definition: { en: 'The part an economy plays in the paper.', zh: '经济体在论文中的角色。' },
    meanings: {
      subject: {
        en: 'One of the economies the paper studies: the US, Japan, the EU.',
        zh: '研究对象：论文研究的经济体（美、日、欧盟）。',
      },
      counterpart: {
        en: 'The economy their strategies are aimed at: China.',
        zh: '对象国：其战略所针对的经济体（中国）。',
      },
      partner: {
        en: 'A partner of a subject in an alliance, agreement or plan.',
        zh: '伙伴：在联盟、协定或计划中与研究对象合作的经济体。',
      },
      host: { en: 'Where a subject’s project or investment takes place.', zh: '东道国：研究对象的项目或投资所在地。' },
    },
  },
  region: {
    values: REGIONS,
    definition: { en: 'The world region an economy lies in.', zh: '经济体所在的地区。' },
    meanings: {
      north_america: { en: 'North America.', zh: '北美。' },
      latin_america: { en: 'Latin America.', zh: '拉丁美洲。' },
      caribbean: { en: 'The Caribbean.', zh: '加勒比地区。' },
      europe: { en: 'Europe.', zh: '欧洲。' },
      east_asia: { en: 'East Asia.', zh: '东亚。' },
      southeast_asia: { en: 'Southeast Asia.', zh: '东南亚。' },
      south_asia: { en: 'South Asia.', zh: '南亚。' },
      middle_east: { en: 'The Middle East.', zh: '中东。' },
      africa: { en: 'Africa.', zh: '非洲。' },
      oceania: { en: 'Oceania.', zh: '大洋洲。' },
      global: {
        en: 'Spanning the world (a worldwide organisation or grouping).',
        zh: '全球：跨越各地区（全球性组织或集团）。',
      },
    },
  },
  sector_kind: {
    values: SECTOR_KINDS,
    definition: { en: 'What kind of field a sector is.', zh: '领域的类型。' },
    meanings: {
      industry: { en: 'An industry (semiconductors, automobiles).', zh: '产业（如半导体、汽车）。' },
      technology: { en: 'A technology field (AI, quantum computing).', zh: '技术领域（如人工智能、量子计算）。' },
      material: { en: 'A material or group of materials (critical minerals).', zh: '材料或材料类别（如关键矿产）。' },
      infrastructure: {
        en: 'An infrastructure field (transport, energy, digital).',
        zh: '基础设施领域（如交通、能源、数字）。',
      },
      service: { en: 'A service field (finance, digital services).', zh: '服务领域（如金融、数字服务）。' },
    },
  },
  source_kind: {
    values: SOURCE_KINDS,
    definition: { en: 'What kind of document a source is.', zh: '文献的类型。' },
    meanings: {
      law: { en: 'A statute or act.', zh: '法律或法案。' },
      regulation: { en: 'A regulation, directive or order.', zh: '法规、指令或命令。' },
      strategy: { en: 'A government strategy, plan or white paper.', zh: '政府战略、计划或白皮书。' },
      report: { en: 'A report by a government, agency or institute.', zh: '政府、机构或研究院的报告。' },
      statement: { en: 'An official statement, declaration or fact sheet.', zh: '官方声明、宣言或情况说明。' },
      speech: { en: 'A speech or remarks.', zh: '讲话或发言。' },
      news: { en: 'A news article.', zh: '新闻报道。' },
      academic: { en: 'A scholarly article or paper.', zh: '学术论文或文章。' },
      webpage: { en: 'A web page of an organisation.', zh: '机构网页。' },
      book: { en: 'A book or chapter.', zh: '图书或章节。' },
    },
  },
  source_language: {
    values: SOURCE_LANGUAGES,
    definition: { en: 'The language a document is written in.', zh: '文献所用语言。' },
    meanings: {
      en: { en: 'English.', zh: '英语。' },
      zh: { en: 'Chinese.', zh: '汉语。' },
      ja: { en: 'Japanese.', zh: '日语。' },
      fr: { en: 'French.', zh: '法语。' },
      de: { en: 'German.', zh: '德语。' },
    },
  },
  alliance_kind: {
    values: ALLIANCE_KINDS,
    definition: { en: 'What kind of coalition an alliance is.', zh: '联盟的类型。' },
    meanings: {
      technology_alliance: {
        en: 'An alliance around a technology (chips, batteries).',
        zh: '技术联盟：围绕某项技术（如芯片、电池）的联盟。',
      },
      intelligence_alliance: {
        en: 'An intelligence-sharing alliance (Five Eyes).',
        zh: '情报联盟：情报共享联盟（如“五眼联盟”）。',
      },
      minerals_partnership: { en: 'A partnership on critical minerals.', zh: '矿产伙伴关系：关键矿产方面的伙伴关系。' },
      trade_and_technology_council: {
        en: 'A council on trade and technology (the EU–US TTC).',
        zh: '贸易和技术理事会（如欧美贸易和技术理事会）。',
      },
      standards_alliance: { en: 'An alliance on technical standards.', zh: '标准联盟：技术标准方面的联盟。' },
      economic_framework: {
        en: 'An economic framework among several economies (IPEF).',
        zh: '经济框架：多个经济体间的经济框架（如印太经济框架）。',
      },
      dialogue: {
        en: 'A standing dialogue or forum (the Quad).',
        zh: '对话机制：常设对话或论坛（如美日印澳“四方安全对话”）。',
      },
    },
  },
  assessment_kind: {
    values: ASSESSMENT_KINDS,
    definition: { en: 'What kind of conclusion an assessment is.', zh: '结论的类型。' },
    meanings: {
      finding: { en: 'A finding of the analysis.', zh: '发现：分析得出的结论。' },
      common_feature: { en: 'A feature the three mechanisms share.', zh: '共同特征：三者保障机制的共性。' },
      outlook: { en: 'What the authors expect to come.', zh: '展望：作者对未来的预期。' },
      reason: {
        en: 'A reason the authors give, such as why the measures may fall short.',
        zh: '原因：作者给出的理由，如措施可能难以奏效的原因。',
      },
      recommendation: { en: 'What the authors advise.', zh: '建议：作者提出的对策。' },
    },
  },
  stance: {
    values: STANCES,
    definition: { en: 'An economy’s overall stance toward China.', zh: '经济体的对华总体立场。' },
    meanings: {
      containment: {
        en: 'Holding China back: cutting it off from technology, markets and chains.',
        zh: '遏制：在技术、市场与产业链上限制中国。',
      },
      hedging: {
        en: 'Keeping ties while building alternatives (China+1).',
        zh: '对冲：维持关系的同时建立替代（“中国+1”）。',
      },
      de_risking: {
        en: 'Reducing dependence on China in critical areas without decoupling.',
        zh: '去风险：在关键领域降低对华依赖而不脱钩。',
      },
      engagement: { en: 'Dealing with China through dialogue and trade.', zh: '接触：通过对话与贸易与中国交往。' },
      cooperation: { en: 'Working with China toward common ends.', zh: '合作：与中国共同推进目标。' },
    },
  },
  concept_kind: {
    values: CONCEPT_KINDS,
    definition: { en: 'What kind of term a concept is.', zh: '术语的类型。' },
    meanings: {
      analytical: { en: 'A term of analysis used by scholars.', zh: '分析概念：学者使用的分析术语。' },
      policy_term: { en: 'A term of policy used in official documents.', zh: '政策术语：官方文件使用的术语。' },
      slogan: {
        en: 'A slogan that names a policy (“small yard, high fence”).',
        zh: '口号：概括某项政策的提法（如“小院高墙”）。',
      },
    },
  },
  level: {
    values: LEVELS,
    definition: {
      en: 'The level an instrument acts at (parts 3.1–3.3 of the paper).',
      zh: '政策工具的作用层面（论文第三部分第一至三节）。',
    },
    meanings: {
      national: {
        en: 'Within the economy: its own laws, subsidies and controls.',
        zh: '国家层面：本经济体内的法律、补贴与管制。',
      },
      regional: {
        en: 'With partners and regions: shoring, alliances, regional plans and investment.',
        zh: '区域层面：与伙伴及地区的合作，如近岸/友岸外包、联盟、区域计划与投资。',
      },
      global: {
        en: 'Worldwide rules: trade agreements, digital trade and standards.',
        zh: '全球层面：全球规则，如贸易协定、数字贸易与标准。',
      },
    },
  },
  instrument_category: {
    values: CATEGORIES,
    definition: {
      en: 'The category of an instrument within its level: the rows and themes of the paper (Tables 1–3).',
      zh: '政策工具在其层面下的类别：对应论文的各行与主题（表1至表3）。',
    },
    groups: { by: 'level', of: CATEGORIES_BY_LEVEL },
    meanings: {
      risk_management: {
        en: 'Government–business risk management (Table 1, row 1).',
        zh: '政企风险管理（表1第1行）。',
      },
      basic_capacity: {
        en: 'Infrastructure investment and subsidies for basic production capacity (Table 1, row 2).',
        zh: '基础产能的基础设施投资与补贴（表1第2行）。',
      },
      high_end_capacity: {
        en: 'Infrastructure investment and subsidies for high-end capacity (Table 1, row 3).',
        zh: '高端产能的基础设施投资与补贴（表1第3行）。',
      },
      trade_protection: {
        en: 'Trade protection: export controls and investment screening (Table 1, row 4).',
        zh: '贸易保护：出口管制与投资审查（表1第4行）。',
      },
      industrial_strategy: {
        en: 'Industrial strategy: re-industrialisation, technology programmes and reviews (sector focus).',
        zh: '产业战略：再工业化、技术计划与审查（产业重心）。',
      },
      nearshoring: { en: 'Moving production to nearby economies.', zh: '近岸外包：将生产转移至邻近经济体。' },
      friend_shoring: {
        en: 'Moving production to allied and like-minded economies.',
        zh: '友岸外包：将生产转移至盟友与理念相近的经济体。',
      },
      economic_framework: { en: 'A regional economic framework (IPEF).', zh: '区域经济框架（如印太经济框架）。' },
      indo_pacific_plan: { en: 'An Indo-Pacific economic plan (Table 2).', zh: '印太经济计划（表2）。' },
      technology_alliance: { en: 'Building or joining a technology alliance.', zh: '建立或加入技术联盟。' },
      infrastructure_investment: {
        en: 'Overseas infrastructure initiatives and their projects (Table 3).',
        zh: '海外基础设施倡议及其项目（表3）。',
      },
      china_policy: { en: 'Laws and packages aimed at China.', zh: '针对中国的法律与一揽子措施。' },
      trade_agreement: { en: 'A high-standard trade agreement.', zh: '高标准贸易协定。' },
      digital_trade: { en: 'Digital-trade rules and templates.', zh: '数字贸易规则与范本。' },
      technical_standard: { en: 'A technical-standards strategy.', zh: '技术标准战略。' },
      standards_cooperation: { en: 'Cooperation with others on standards.', zh: '与他方的标准合作。' },
      export_control_regime: { en: 'A multilateral export-control regime.', zh: '多边出口管制机制。' },
    },
  },
  instrument_kind: {
    values: INSTRUMENT_KINDS,
    definition: { en: 'What kind of instrument an entry is.', zh: '政策工具的类型。' },
    meanings: {
      law: { en: 'A statute or act of a legislature.', zh: '法律：立法机关通过的法律或法案。' },
      regulation: { en: 'A regulation or rule of an executive body.', zh: '法规：行政机关制定的法规或规章。' },
      directive: { en: 'A directive (of the EU, say).', zh: '指令（如欧盟指令）。' },
      executive_order: { en: 'An executive order of a head of government.', zh: '行政令：政府首脑发布的行政命令。' },
      strategy: { en: 'A strategy document.', zh: '战略文件。' },
      plan: { en: 'A plan with measures and targets.', zh: '计划：含措施与目标的规划。' },
      programme: { en: 'A funded programme.', zh: '项目计划：有资金支持的计划。' },
      initiative: { en: 'An initiative, often grouping projects.', zh: '倡议：常包含若干项目。' },
      project: { en: 'A single project, often in a host economy.', zh: '项目：单个项目，常位于东道国。' },
      agreement: { en: 'An agreement between economies.', zh: '协定：经济体之间的协议。' },
      framework: { en: 'A framework for cooperation.', zh: '框架：合作框架。' },
      fund: { en: 'A fund.', zh: '基金。' },
      mechanism: { en: 'A standing mechanism or body.', zh: '机制：常设机制或机构。' },
      list: { en: 'A list (of entities, items or technologies).', zh: '清单（实体、物项或技术清单）。' },
      report: { en: 'A report or review.', zh: '报告或审查。' },
      dialogue: { en: 'A dialogue between governments.', zh: '对话：政府间对话。' },
    },
  },
  lifecycle: {
    values: LIFECYCLES,
    definition: { en: 'Where an instrument stands in its life.', zh: '政策工具所处的阶段。' },
    meanings: {
      planned: { en: 'Announced or proposed, not yet in effect.', zh: '计划中：已宣布或提出，尚未生效。' },
      in_force: { en: 'In effect.', zh: '有效：正在实施。' },
      ended: { en: 'No longer in effect.', zh: '已结束：不再实施。' },
      superseded: { en: 'Replaced by another instrument.', zh: '已被取代：由其他政策工具替代。' },
      unknown: {
        en: 'The sources do not say, e.g. when the paper’s entry could not be identified with one document.',
        zh: '不详：来源未说明，如论文所列条目无法确认对应哪一份文件。',
      },
    },
  },
  table_row: {
    values: TABLE_ROW_KEYS,
    definition: {
      en: 'A row of the paper’s Tables 1–3: a tool row of Table 1, the plans of Table 2, a field of Table 3.',
      zh: '论文表1至表3的行：表1的工具行、表2的计划行、表3的领域行。',
    },
    groups: { by: 'table', of: TABLE_ROWS },
    reuses: ['instrument_category'],
    meanings: {
      transport: {
        en: 'Transport infrastructure: railways, roads, ports and corridors (Table 3).',
        zh: '交通基础设施：铁路、公路、港口与走廊（表3）。',
      },
      energy: {
        en: 'Energy infrastructure: power generation, grids and clean energy (Table 3).',
        zh: '能源基础设施：发电、电网与清洁能源（表3）。',
      },
      digital: {
        en: 'Digital infrastructure: telecommunications networks, submarine cables and data centres (Table 3).',
        zh: '数字基础设施：通信网络、海底光缆与数据中心（表3）。',
      },
    },
  },
  claim_field: {
    values: CLAIM_FIELDS,
    definition: {
      en: 'The fields of an entry a claim can source: its dates, its memberships and its lifecycle.',
      zh: '声明可为之注明来源的条目字段：日期、成员关系与实施状态。',
    },
    fieldNames: true,
  },
  emphasis: {
    values: EMPHASES,
    definition: { en: 'What an economy stresses in a sector it focuses on.', zh: '经济体在重点领域中的侧重。' },
    meanings: {
      basic_manufacturing: { en: 'Basic manufacturing capacity.', zh: '基础制造能力。' },
      frontier_technology: { en: 'Frontier technology.', zh: '前沿技术。' },
      green_industry: { en: 'Green industry and the energy transition.', zh: '绿色产业与能源转型。' },
      critical_material: { en: 'Critical materials and their supply.', zh: '关键材料及其供应。' },
      reshoring: { en: 'Bringing production back home.', zh: '回流：将生产迁回本土。' },
    },
  },
  qualifier: {
    values: QUALIFIERS,
    definition: { en: 'How a source states a number.', zh: '来源表述数字的方式。' },
    meanings: {
      exact: { en: 'Exactly this number.', zh: '确数。' },
      over: { en: 'More than this number (超, 超过).', zh: '超过（超、超过）。' },
      about: { en: 'About this number (近, 约).', zh: '约（近、约）。' },
      up_to: { en: 'At most this number (最多).', zh: '最多。' },
      at_least: { en: 'At least this number (至少).', zh: '至少。' },
    },
  },
  amount_kind: {
    values: AMOUNT_KINDS,
    definition: { en: 'What an amount of money is.', zh: '金额的性质。' },
    meanings: {
      appropriation: { en: 'Money a legislature appropriates.', zh: '拨款：立法机关拨付的资金。' },
      funding: { en: 'Public funding, not further specified.', zh: '资金：未进一步说明的公共资金。' },
      investment: { en: 'Public or total investment.', zh: '投资：公共或总投资。' },
      private_investment: { en: 'Investment by companies.', zh: '私人投资：企业投资。' },
      financing: { en: 'Financing mobilised, public and private.', zh: '融资：动员的公共与私人资金。' },
      grant: { en: 'A grant.', zh: '赠款。' },
      subsidy: { en: 'A subsidy.', zh: '补贴。' },
      loan: { en: 'A loan.', zh: '贷款。' },
      trade_value: { en: 'The value of trade.', zh: '贸易额。' },
    },
  },
  fact_kind: {
    values: FACT_KINDS,
    definition: { en: 'What kind of fact a cited fact is.', zh: '有出处事实的类型。' },
    meanings: {
      figure: { en: 'A figure: a count, share, amount or rate.', zh: '数据：数量、份额、金额或比率。' },
      threshold: { en: 'A threshold a rule sets.', zh: '门槛：规则设定的界限。' },
      deadline: { en: 'A deadline or target date.', zh: '期限：截止或目标日期。' },
      document: { en: 'A document issued.', zh: '文件：发布的文件。' },
      statement: { en: 'A statement made.', zh: '表述：作出的表态。' },
      criterion: { en: 'A criterion for what counts.', zh: '标准：认定的依据。' },
    },
  },
  unit: {
    values: UNITS,
    definition: { en: 'The unit of a fact’s value.', zh: '事实数值的单位。' },
    meanings: {
      currency: { en: 'Money, in the currency the fact names.', zh: '货币，币种见事实所注。' },
      percent: { en: 'Percent.', zh: '百分比。' },
      count: { en: 'A count.', zh: '个数。' },
      nanometre: { en: 'Nanometres (a chip’s process node).', zh: '纳米（芯片制程）。' },
      year: { en: 'Years.', zh: '年。' },
    },
  },
  currency: {
    values: CURRENCIES,
    definition: {
      en: 'ISO 4217 currency codes: the currencies in circulation and XDR; names from the Unicode CLDR.',
      zh: 'ISO 4217 货币代码：流通货币及特别提款权；名称取自 Unicode CLDR。',
    },
    standard: 'ISO 4217',
    meanings: currencyMeaning,
  },
}
