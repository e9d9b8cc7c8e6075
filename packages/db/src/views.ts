import { and, asc, sql, type SQL } from 'drizzle-orm'
import {
  CATEGORIES_BY_LEVEL,
  CATEGORY_LABELS,
  TABLE_ROW_LABELS,
  TABLE_ROWS,
  type CollectionName,
  type NetworkEdge as Edge,
  type Status,
} from '@chain-atlas/types'
import type { Executor } from './client.ts'
import { toEntity, type Entity } from './entities.ts'
import { queryCollection, whereFilters, type Filters } from './queries.ts'
import { readColumnsOf, tableOf as table } from './schema/index.ts'

/** Every entry matching the filters, in id order. For bounded views; exports page through instead. */
export const selectAll = async (
  db: Executor,
  collection: CollectionName,
  filters: Filters,
  statuses: Status[],
  extra?: SQL,
) => {
  const t = table(collection)
  const where = whereFilters(collection, filters, statuses)
  if (extra) where.push(extra)
  const rows = (await db
    .select(readColumnsOf(collection))
    .from(t)
    .where(and(...where))
    .orderBy(asc(t.id))) as Record<string, unknown>[]
  return rows.map((row) => toEntity(collection, row))
}

/** Streams every matching entry a page at a time (keyset), so an export of any size uses flat memory. */
export async function* streamAll(
  db: Executor,
  collection: CollectionName,
  filters: Filters,
  statuses: Status[],
  q?: string,
) {
  let after: { value: string; id: string } | undefined
  for (;;) {
    const page = await queryCollection(db, collection, {
      filters,
      q,
      limit: 500,
      after,
      statuses,
      sort: { field: 'id', descending: false },
    })
    yield* page.entities
    if (!page.next) return
    after = { value: page.next.value as string, id: page.next.id }
  }
}

export type CompareQuery = {
  economies: string[]
  level: keyof typeof CATEGORIES_BY_LEVEL
  table?: 1 | 2 | 3
  categories?: string[]
}

/** The order of a cell: by year, each initiative followed by its own projects. */
const cellOrder = (instruments: Entity[]) => {
  const yearOf = (i: Entity | undefined) => (i?.year as number | null | undefined) ?? 0
  const byId = new Map(instruments.map((i) => [i.id, i]))
  const rootOf = (i: Entity) => (i.parent_id && byId.has(i.parent_id as string) ? byId.get(i.parent_id as string)! : i)
  return (a: Entity, b: Entity) =>
    yearOf(rootOf(a)) - yearOf(rootOf(b)) ||
    rootOf(a).id.localeCompare(rootOf(b).id) ||
    Number(rootOf(a) !== a) - Number(rootOf(b) !== b) ||
    yearOf(a) - yearOf(b) ||
    a.id.localeCompare(b.id)
}

type TableCell = { table: number; row: string; column: string; position?: number }

/** The cell of table `n` an instrument fills in `row` and `column`, if any. */
const cellOf = (i: Entity, n: number, row: string, column: string) =>
  ((i.table_cells ?? []) as TableCell[]).find((c) => c.table === n && c.row === row && c.column === column)

/**
 * The paper's table `n`, rebuilt from the cells each instrument says it fills (`table_cells`), not
 * from categories: its rows, a column per economy, each cell's instruments in the printed order.
 */
const paperTable = async (db: Executor, query: CompareQuery & { table: 1 | 2 | 3 }, statuses: Status[]) => {
  const instruments = await selectAll(
    db,
    'instruments',
    { economy: query.economies, level: [query.level] },
    statuses,
    sql`${table('instruments').table_cells} @> ${JSON.stringify([{ table: query.table }])}::jsonb`,
  )
  const inYearOrder = cellOrder(instruments)
  const rows = (TABLE_ROWS[query.table] as readonly string[]).filter(
    (r) => !query.categories || query.categories.includes(r),
  )
  return rows.map((row) => ({
    category: row,
    label: TABLE_ROW_LABELS[row]!,
    cells: query.economies.map((economy_id) => ({
      economy_id,
      instruments: instruments
        .filter((i) => cellOf(i, query.table, row, economy_id))
        .sort(
          (a, b) =>
            (cellOf(a, query.table, row, economy_id)!.position ?? 100) -
              (cellOf(b, query.table, row, economy_id)!.position ?? 100) || inYearOrder(a, b),
        ),
    })),
  }))
}

/** The matrix of the paper's tables: a row per category of the level (or per row of the table asked for), a cell per economy. */
export const compareEconomies = async (db: Executor, query: CompareQuery, statuses: Status[]) => {
  const economies = await selectAll(db, 'economies', {}, statuses).then((all) => new Map(all.map((e) => [e.id, e])))
  const head = {
    level: query.level,
    table: query.table ?? null,
    economies: query.economies.map((id) => economies.get(id)).filter((e): e is Entity => Boolean(e)),
  }
  if (query.table) return { ...head, rows: await paperTable(db, { ...query, table: query.table }, statuses) }
  const filters: Filters = {
    economy: query.economies,
    level: [query.level],
    ...(query.categories ? { category: query.categories } : {}),
  }
  const instruments = await selectAll(db, 'instruments', filters, statuses)
  const categories = (CATEGORIES_BY_LEVEL[query.level] as readonly string[]).filter((c) =>
    query.categories ? query.categories.includes(c) : true,
  )
  const inCellOrder = cellOrder(instruments)
  return {
    ...head,
    rows: categories.map((category) => ({
      category,
      label: CATEGORY_LABELS[category]!,
      cells: query.economies.map((economy_id) => ({
        economy_id,
        instruments: instruments
          .filter((i) => i.category === category && i.economy_id === economy_id)
          .sort(inCellOrder),
      })),
    })),
  }
}

type EdgeKind = Edge['kind']

/** A network node's id: its kind and its entry's id (`economy:us`, `alliance:chip4`, `initiative:…`), one form for all. */
const nodeId = (kind: 'economy' | 'alliance' | 'initiative' | 'instrument', id: string) => `${kind}:${id}`

/** Instrument categories that link an economy to its partners. */
const PARTNER_EDGES: Partial<Record<string, EdgeKind>> = {
  nearshoring: 'nearshoring',
  friend_shoring: 'friend_shoring',
  economic_framework: 'economic_framework',
  indo_pacific_plan: 'indo_pacific_plan',
  trade_agreement: 'trade_agreement',
  digital_trade: 'digital_trade',
  standards_cooperation: 'standards_cooperation',
}

/**
 * The chain-security network: economies, alliances and infrastructure initiatives as nodes;
 * partnerships, memberships, projects and China stances as typed edges, each with the
 * instruments and sources behind it. Edges of one kind between the same nodes are merged.
 */
export const buildNetwork = async (
  db: Executor,
  statuses: Status[],
  economyFilter?: string[],
  kinds?: string[],
  withInstruments = false,
) => {
  const economy = (id: unknown) => nodeId('economy', id as string)
  const [economies, instruments, alliances, strategies] = await Promise.all([
    selectAll(db, 'economies', {}, statuses),
    selectAll(db, 'instruments', {}, statuses),
    selectAll(db, 'alliances', {}, statuses),
    selectAll(db, 'china-strategies', {}, statuses),
  ])
  const edges = new Map<string, Edge>()
  const link = (
    kind: EdgeKind,
    source: string,
    target: string,
    instrumentIds: string[],
    sourceIds: string[],
    stance?: Edge['stance'],
  ) => {
    const key = `${kind}|${source}|${target}`
    const edge = edges.get(key) ?? {
      kind,
      source,
      target,
      ...(stance ? { stance } : {}),
      instrument_ids: [],
      source_ids: [],
    }
    edge.instrument_ids = [...new Set([...edge.instrument_ids, ...instrumentIds])]
    edge.source_ids = [...new Set([...edge.source_ids, ...sourceIds])]
    edges.set(key, edge)
  }
  const byId = new Map(instruments.map((i) => [i.id, i]))
  const initiatives = instruments.filter((i) => i.category === 'infrastructure_investment' && !i.parent_id)
  for (const i of instruments) {
    const kind = PARTNER_EDGES[i.category as string]
    const sources = i.source_ids as string[]
    if (kind)
      for (const partner of i.partner_ids as string[])
        link(kind, economy(i.economy_id), economy(partner), [i.id], sources)
    if (i.category === 'infrastructure_investment' && !i.parent_id)
      link('infrastructure_initiative', economy(i.economy_id), nodeId('initiative', i.id), [i.id], sources)
    const parent = i.parent_id ? byId.get(i.parent_id as string) : undefined
    if (parent?.category === 'infrastructure_investment') {
      for (const host of i.partner_ids as string[])
        link('infrastructure_project', nodeId('initiative', parent.id), economy(host), [i.id], sources)
    }
  }
  // Each instrument as a node of its own, linked to its economy (on request: they outnumber the rest).
  if (withInstruments)
    for (const i of instruments)
      link('instrument', economy(i.economy_id), nodeId('instrument', i.id), [i.id], i.source_ids as string[])
  for (const a of alliances) {
    const using = instruments.filter((i) => (i.alliance_ids as string[] | undefined)?.includes(a.id)).map((i) => i.id)
    for (const member of a.member_ids as string[])
      link('alliance_membership', economy(member), nodeId('alliance', a.id), using, a.source_ids as string[])
  }
  for (const s of strategies)
    link(
      'china_stance',
      economy(s.economy_id),
      economy('cn'),
      s.instrument_ids as string[],
      s.source_ids as string[],
      s.stance as Edge['stance'],
    )

  let kept = [...edges.values()]
  if (kinds?.length) kept = kept.filter((e) => kinds.includes(e.kind))
  if (economyFilter?.length) {
    // An economy's network: the edges it takes part in, and those of the alliances and initiatives it leads or joins.
    const own = new Set(economyFilter.map(economy))
    const ownHubs = new Set(
      kept.filter((e) => own.has(e.source) && !e.target.startsWith('economy:')).map((e) => e.target),
    )
    kept = kept.filter((e) => own.has(e.source) || own.has(e.target) || ownHubs.has(e.source) || ownHubs.has(e.target))
  }
  const used = new Set(kept.flatMap((e) => [e.source, e.target]))
  const nodes = [
    ...economies.map((e) => ({ id: economy(e.id), entity_id: e.id, kind: 'economy' as const, label: e.name })),
    ...alliances.map((a) => ({
      id: nodeId('alliance', a.id),
      entity_id: a.id,
      kind: 'alliance' as const,
      label: a.name,
    })),
    ...initiatives.map((i) => ({
      id: nodeId('initiative', i.id),
      entity_id: i.id,
      kind: 'initiative' as const,
      label: i.title,
      economy_id: i.economy_id as string,
    })),
    ...(withInstruments ? instruments : []).map((i) => ({
      id: nodeId('instrument', i.id),
      entity_id: i.id,
      kind: 'instrument' as const,
      label: i.title,
      economy_id: i.economy_id as string,
    })),
  ].filter((n) => used.has(n.id))
  return {
    nodes,
    edges: kept.sort(
      (a, b) => a.kind.localeCompare(b.kind) || a.source.localeCompare(b.source) || a.target.localeCompare(b.target),
    ),
  }
}

const yearOf = (date: unknown) => (typeof date === 'string' ? Number(date.slice(0, 4)) : undefined)

/** Instruments (with the list's filters) and China strategies (by economy) grouped by year. */
export const buildTimeline = async (db: Executor, filters: Filters, statuses: Status[], countsOnly = false) => {
  const instruments = await selectAll(db, 'instruments', filters, statuses)
  const strategyFilters = filters.economy ? { economy: filters.economy } : {}
  const strategies = await selectAll(db, 'china-strategies', strategyFilters, statuses)
  const years = new Map<number, { year: number; instruments: Entity[]; china_strategies: Entity[] }>()
  const slot = (year: number) =>
    years.get(year) ?? years.set(year, { year, instruments: [], china_strategies: [] }).get(year)!
  for (const i of instruments) if (typeof i.year === 'number') slot(i.year).instruments.push(i)
  const from = filters.year_from as number | undefined
  const to = filters.year_to as number | undefined
  for (const s of strategies) {
    const year = yearOf(s.period_start)
    if (year !== undefined && (from === undefined || year >= from) && (to === undefined || year <= to))
      slot(year).china_strategies.push(s)
  }
  const undated = instruments.filter((i) => typeof i.year !== 'number')
  const counted = (list: Entity[]) =>
    list.reduce<Record<string, number>>((by, e) => {
      by[e.economy_id as string] = (by[e.economy_id as string] ?? 0) + 1
      return by
    }, {})
  return {
    years: [...years.values()]
      .sort((a, b) => a.year - b.year)
      .map((y) => ({
        year: y.year,
        counts: {
          instruments: y.instruments.length,
          china_strategies: y.china_strategies.length,
          by_economy: counted(y.instruments),
        },
        ...(countsOnly ? {} : { instruments: y.instruments, china_strategies: y.china_strategies }),
      })),
    undated_count: undated.length,
    ...(countsOnly ? {} : { undated }),
  }
}
