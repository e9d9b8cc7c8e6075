import { and, sql, type SQL } from 'drizzle-orm'
import type { Status } from '@chain-atlas/types'
import { rowsOf, type Executor } from './client.ts'
import { whereFilters, type Filters } from './queries.ts'
import { instruments } from './schema/index.ts'

/** What instruments' amounts can be grouped by: the instrument's own columns and the amount's. */
export const STATS_DIMENSIONS = ['economy', 'level', 'category', 'year', 'currency', 'amount_kind'] as const
export type StatsDimension = (typeof STATS_DIMENSIONS)[number]

const i = instruments
const COLUMN: Record<StatsDimension, SQL> = {
  economy: sql`${i.economy_id}`,
  level: sql`${i.level}`,
  category: sql`${i.category}`,
  year: sql`${i.year}`,
  currency: sql`a ->> 'currency'`,
  amount_kind: sql`a ->> 'kind'`,
}

export type StatsGroup = {
  key: Partial<Record<StatsDimension, string | number | null>>
  instruments: number
  totals: { currency: string; value: number; amounts: number }[]
}

/**
 * Instruments and their amounts grouped by any of the dimensions, with the filters of the list:
 * per group, how many instruments, and per currency the sum of their amounts and how many there
 * are. Amounts in different currencies are never added together.
 */
export const instrumentStats = async (
  db: Executor,
  groupBy: StatsDimension[],
  filters: Filters,
  statuses: Status[],
): Promise<StatsGroup[]> => {
  const where = and(...whereFilters('instruments', filters, statuses))
  const keyOf = (row: Record<string, unknown>) =>
    Object.fromEntries(groupBy.map((d) => [d, (row[d] ?? null) as string | number | null]))
  const selected = groupBy.map((d) => sql`${COLUMN[d]} as ${sql.identifier(d)}`)
  const grouped = (extra: SQL[] = []) => {
    const by = [...groupBy.map((d) => COLUMN[d]), ...extra]
    return by.length ? sql`group by ${sql.join(by, sql`, `)}` : sql``
  }
  const byAmount = groupBy.some((d) => d === 'currency' || d === 'amount_kind')
  const amounts = sql`cross join lateral jsonb_array_elements(${i.amounts}) a`

  // Amounts, one row per group and currency.
  const sums = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select ${sql.join([...selected, sql`a ->> 'currency' as total_currency`], sql`, `)},
        count(*)::int as amounts, sum((a ->> 'value')::numeric)::float8 as total
      from ${i} ${amounts}
      where ${where}
      ${grouped([sql`a ->> 'currency'`])}
    `),
  )
  // Instruments per group: with an amount of the group's kind or currency, or (currency or kind
  // null) with no amount at all: every instrument counts somewhere.
  const everyInstrument = sql`left join lateral jsonb_array_elements(${i.amounts}) a on true`
  const counts = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select ${sql.join([...selected, sql`count(distinct ${i.id})::int as instruments`], sql`, `)}
      from ${i} ${byAmount ? everyInstrument : sql``}
      where ${where}
      ${grouped()}
    `),
  )

  const groups = new Map<string, StatsGroup>()
  const groupOf = (row: Record<string, unknown>) => {
    const key = keyOf(row)
    const id = JSON.stringify(key)
    return groups.get(id) ?? groups.set(id, { key, instruments: 0, totals: [] }).get(id)!
  }
  for (const row of counts) groupOf(row).instruments = Number(row.instruments)
  for (const row of sums)
    groupOf(row).totals.push({
      currency: String(row.total_currency),
      value: Number(row.total),
      amounts: Number(row.amounts),
    })
  const ordered = [...groups.values()]
  for (const g of ordered) g.totals.sort((a, b) => a.currency.localeCompare(b.currency))
  return ordered.sort((a, b) =>
    JSON.stringify(Object.values(a.key)).localeCompare(JSON.stringify(Object.values(b.key))),
  )
}
