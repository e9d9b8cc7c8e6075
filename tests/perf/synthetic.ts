// A synthetic knowledge base: the seed dataset plus N generated instruments, written with COPY.
// Rows come from the app's own `toRow`, so derived columns (search lexemes, currencies,
// has_amount) are exactly what a curator's write would store. Same N, same rows: a seeded PRNG.
import { once } from 'node:events'
import postgres from 'postgres'
import { CATEGORIES_BY_LEVEL, INSTRUMENT_KINDS, LIFECYCLES, LEVELS } from '@chain-atlas/types'
import { openDatabase, seedFromFiles, toRow } from '@chain-atlas/db'

/**
 * Bump when the generated rows change, so a cached database is rebuilt: also when how they are
 * stored does (3: search documents kept in the row, migration 0016, which rows already in TOAST
 * do not follow; 4: each row's public JSON, which a load by an earlier build of migration 0018
 * left empty; 5: each row's search fields, migration 0019).
 */
const GENERATOR_VERSION = 5

/** mulberry32: small, fast and the same on every machine. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

// Real domain words, each with its Chinese, then pseudo-words: a vocabulary with a long tail.
// Words are drawn with a skew (low indexes often), so a term's frequency depends on its place.
const DOMAIN: [string, string][] = [
  ['supply', '供应'],
  ['chain', '链条'],
  ['security', '安全'],
  ['industrial', '工业'],
  ['policy', '政策'],
  ['strategy', '战略'],
  ['investment', '投资'],
  ['subsidy', '补贴'],
  ['export', '出口'],
  ['control', '管制'],
  ['screening', '审查'],
  ['resilience', '韧性'],
  ['manufacturing', '制造'],
  ['energy', '能源'],
  ['critical', '关键'],
  ['minerals', '矿产'],
  ['battery', '电池'],
  ['partnership', '伙伴'],
  ['framework', '框架'],
  ['alliance', '联盟'],
  ['infrastructure', '基础设施'],
  ['technology', '技术'],
  ['innovation', '创新'],
  ['semiconductor', '半导体'],
  ['chips', '芯片'],
  ['quantum', '量子'],
  ['hydrogen', '氢能'],
  ['standards', '标准'],
]
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'po', 'qua', 'den', 'mor', 'tek', 'lin', 'var']
const HAN = [
  ...'国家产业合作发展计划法案资金项目区域全球市场贸易数据网络系统材料设备研究服务资源交通运输环境经济金融保障体系',
]
const VOCABULARY: [string, string][] = (() => {
  const words = [...DOMAIN.slice(0, 24)]
  const next = prng(7)
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!
  while (words.length < 5000) {
    // Rare domain words go deep in the tail: "chips" and 芯片 match about 0.4% of instruments.
    if (words.length === 600) words.push(...DOMAIN.slice(24))
    words.push([pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES), pick(HAN) + pick(HAN)])
  }
  return words
})()

const ECONOMIES = ['us', 'us', 'jp', 'eu', 'eu', 'kr', 'gb', 'in']
const PARTNERS = ['mx', 'vn', 'in', 'kr', 'au', 'ca', 'sg', 'ph']
const SECTORS = [
  'semiconductors',
  'batteries',
  'critical-minerals',
  'energy',
  'manufacturing',
  'artificial-intelligence',
  'hydrogen',
  'ports',
]
const CURRENCIES = ['USD', 'JPY', 'EUR']

/** Instrument number `i` of the synthetic set, as a curator would have written it. */
export const syntheticInstrument = (i: number): Record<string, unknown> => {
  const next = prng(i * 2654435761)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const words = (n: number) => Array.from({ length: n }, () => VOCABULARY[Math.floor(VOCABULARY.length * next() ** 2)]!)
  const text = (n: number) => {
    const w = words(n)
    return { en: w.map(([en]) => en).join(' '), zh: w.map(([, zh]) => zh).join('') }
  }
  const level = pick(LEVELS)
  const title = text(4)
  const hasAmount = next() < 0.3
  const year = next() < 0.05 ? null : 1990 + Math.floor(next() * 36)
  return {
    id: `syn-${String(i).padStart(7, '0')}-${title.en.split(' ')[0]}`,
    status: next() < 0.95 ? 'published' : 'draft',
    economy_id: pick(ECONOMIES),
    level,
    category: pick(CATEGORIES_BY_LEVEL[level]),
    kind: pick(INSTRUMENT_KINDS),
    title,
    year,
    lifecycle: pick(LIFECYCLES),
    summary: text(14),
    amounts: hasAmount ? [{ value: Math.floor(next() * 1e11), currency: pick(CURRENCIES), kind: 'funding' }] : [],
    sector_ids: [...new Set([pick(SECTORS), ...(next() < 0.5 ? [pick(SECTORS)] : [])])],
    partner_ids: next() < 0.3 ? [pick(PARTNERS)] : [],
    source_ids: ['paper-hao-ming-2024'],
  }
}

const COLUMNS = [
  'id',
  'status',
  'version',
  'created_at',
  'updated_at',
  'search_tokens',
  'search_fields',
  'economy_id',
  'level',
  'category',
  'kind',
  'title',
  'acronym',
  'year',
  'start_date',
  'end_date',
  'lifecycle',
  'summary',
  'amounts',
  'currencies',
  'has_amount',
  'figures',
  'components',
  'sector_ids',
  'partner_ids',
  'alliance_ids',
  'parent_id',
  'source_ids',
  'paper_refs',
  'notes',
]

const JSONB = new Set(['title', 'summary', 'amounts', 'figures', 'components', 'notes'])

/** One value in COPY's text format. */
const copyValue = (column: string, value: unknown): string => {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (value instanceof Date) return value.toISOString()
  // Every text[] here holds slugs or currency codes: no quoting needed inside the array literal.
  const raw = JSONB.has(column) ? JSON.stringify(value) : Array.isArray(value) ? `{${value.join(',')}}` : String(value)
  return raw.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
}

const BASE_TIME = Date.parse('2025-01-01T00:00:00Z')

/** When generated instrument `i` was created and last changed: a second after the one before. */
export const syntheticTime = (i: number) => new Date(BASE_TIME + i * 1000)

const rowLine = (i: number) => {
  const row: Record<string, unknown> = { ...toRow('instruments', syntheticInstrument(i)), version: 1 }
  row.created_at = row.updated_at = syntheticTime(i)
  return `${COLUMNS.map((c) => copyValue(c, row[c])).join('\t')}\n`
}

const marker = (count: number) => `chain-atlas synthetic v${GENERATOR_VERSION} n=${count}`

/**
 * Makes `url` hold the migrated, seeded dataset plus `count` synthetic instruments. A database
 * this generator built for the same count is kept, and only brought up to the latest migration.
 */
export const ensureSyntheticDatabase = async (url: string, count: number, log: (line: string) => void) => {
  const name = new URL(url).pathname.slice(1)
  const admin = postgres(url.replace(/\/[^/]*$/, '/postgres'), { max: 1, onnotice: () => {} })
  try {
    const [db] = await admin<
      { comment: string | null }[]
    >`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${name}`
    if (db?.comment === marker(count)) {
      const handle = await openDatabase({ databaseUrl: url, maxConnections: 1 })
      await handle.migrate()
      await handle.close()
      return log(`${name}: synthetic database of ${count} instruments kept (migrated to the latest)`)
    }
    await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.unsafe(`create database ${name}`)
  } finally {
    await admin.end()
  }
  const started = Date.now()
  const handle = await openDatabase({ databaseUrl: url, maxConnections: 1 })
  await handle.migrate()
  await seedFromFiles(handle.db)
  await handle.close()

  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    // Building indexes once after the load is far faster than updating them row by row.
    const indexes = await sql<{ name: string; def: string }[]>`
      select indexname as name, indexdef as def from pg_indexes where tablename = 'instruments' and indexname <> 'instruments_pkey'`
    for (const { name: index } of indexes) await sql.unsafe(`drop index "${index}"`)
    await sql`set session_replication_role = replica` // skip FK triggers: every reference is valid by construction
    const copy = await sql.unsafe(`copy instruments (${COLUMNS.join(', ')}) from stdin`).writable()
    for (let i = 1; i <= count; i++) {
      if (!copy.write(rowLine(i))) await once(copy, 'drain')
      if (i % 200_000 === 0) log(`  ${i} rows`)
    }
    copy.end()
    await once(copy, 'finish')
    await sql`set session_replication_role = origin`
    await sql`set maintenance_work_mem = '1GB'`
    for (const { def } of indexes) await sql.unsafe(def)
    await sql`vacuum analyze instruments`
    await sql.unsafe(`comment on database ${name} is '${marker(count)}'`)
  } finally {
    await sql.end()
  }
  log(`${name}: ${count} synthetic instruments generated in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
