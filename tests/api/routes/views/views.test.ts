import t from 'tap'
import { sql } from 'drizzle-orm'
import { readDataset } from '@chain-atlas/db'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'
import { newInstrument } from '../../../helpers/entities.ts'

type Cell = {
  economy_id: string
  instruments: { id: string; title: { zh: string }; amounts: { value: number; currency: string }[] }[]
}
type Row = { category: string; label: { en: string; zh: string }; cells: Cell[] }

const cell = (rows: Row[], category: string, economy: string) =>
  rows.find((r) => r.category === category)!.cells.find((c) => c.economy_id === economy)!.instruments

t.test('compare table=1 gives back the paper’s Table 1 from the data', async (t) => {
  const { app } = await testApp(t)
  const res = await app.inject('/v1/compare?table=1')
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { level: 'national', table: 1 })
  t.same(
    body.economies.map((e: { id: string }) => e.id),
    ['us', 'jp', 'eu'],
    'the three subjects as columns',
  )
  t.same(
    body.rows.map((r: Row) => r.label.zh),
    [
      '政企联合风险管理工具',
      '基础设施投资与产业补贴：构建基础生产能力',
      '基础设施投资与产业补贴：强化高端生产能力',
      '贸易保护措施',
    ],
    'the table’s four rows',
  )
  const chips = cell(body.rows, 'high_end_capacity', 'us').find((i) => i.id === 'us-chips-and-science-act-2022')!
  t.match(chips.amounts, [{ value: 52_700_000_000, currency: 'USD' }], 'CHIPS: 527 亿美元')
  t.ok(
    cell(body.rows, 'high_end_capacity', 'eu').some((i) =>
      i.amounts.some((a) => a.value === 43_000_000_000 && a.currency === 'EUR'),
    ),
    'EU Chips Act: 430 亿欧元',
  )
  t.ok(
    cell(body.rows, 'risk_management', 'jp').some((i) => i.title.zh.includes('经济安全保障推进法')),
    'Japan’s ESPA in row 1',
  )
  t.ok(
    cell(body.rows, 'trade_protection', 'eu').some((i) => i.id === 'eu-fdi-screening-regulation-2019'),
    'EU FDI screening in row 4',
  )
  const filled = body.rows.flatMap((r: Row) => r.cells).filter((c: Cell) => c.instruments.length > 0).length
  t.equal(filled, 12, 'every one of the 12 cells holds instruments')
  t.same(
    cell(body.rows, 'high_end_capacity', 'us').map((i) => i.id),
    ['us-iija-battery-supply-chain-2021', 'us-ira-ev-green-tech-2022', 'us-chips-and-science-act-2022'],
    'a cell holds the parts the paper prints, in its order, never the act’s parent record',
  )
})

t.test('compare tables 2 and 3 at the regional level, and any economies', async (t) => {
  const { app } = await testApp(t)
  const table3 = (await app.inject('/v1/compare?table=3')).json()
  t.same(
    table3.rows.map((r: Row) => r.label.zh),
    ['交通设施', '能源', '数字'],
    'Table 3’s rows are its fields',
  )
  const us = cell(table3.rows, 'transport', 'us')
  t.same(
    us.map((i) => i.id),
    ['us-pgii-2022', 'us-pgii-lobito-atlantic-railway-corridor', 'us-pgii-ecuador-port-modernisation'],
    'the initiative leads its cell, its projects follow in the printed order',
  )
  t.ok(us.some((i) => i.id === 'us-pgii-lobito-atlantic-railway-corridor' && i.amounts[0]!.value === 250_000_000))
  t.same(cell(table3.rows, 'transport', 'jp'), [], 'Japan has no transport row in Table 3')
  const table2 = (await app.inject('/v1/compare?table=2')).json()
  const inTable2 = table2.rows.flatMap((r: Row) => r.cells.flatMap((c) => c.instruments.map((i) => i.id)))
  for (const id of ['us-ipef-2022', 'jp-partnership-for-quality-infrastructure-2015', 'eu-global-gateway-2021'])
    t.ok(inTable2.includes(id), `${id} in Table 2`)

  const pair = (await app.inject('/v1/compare?economy=jp,eu&level=global')).json()
  t.same(
    pair.economies.map((e: { id: string }) => e.id),
    ['jp', 'eu'],
  )
  t.ok(
    pair.rows.every((r: Row) => r.cells.length === 2),
    'one cell per requested economy',
  )

  const mismatch = await app.inject('/v1/compare?table=1&level=global')
  t.equal(mismatch.statusCode, 400)
  t.match(mismatch.json().errors, [{ pointer: '/query/level' }])
})

t.test('the network links economies, alliances and initiatives with typed, sourced edges', async (t) => {
  const { app } = await testApp(t)
  const { nodes, edges } = (await app.inject('/v1/network')).json()
  const ids = new Set(nodes.map((n: { id: string }) => n.id))
  t.ok(
    edges.every((e: { source: string; target: string }) => ids.has(e.source) && ids.has(e.target)),
    'every edge joins two nodes',
  )
  t.ok(
    nodes.every((n: { id: string; kind: string; entity_id: string }) => n.id === `${n.kind}:${n.entity_id}`),
    'every node id has one form: kind:id, with the entry’s id beside it',
  )
  const find = (kind: string, source: string, target: string) =>
    edges.find((e: any) => e.kind === kind && e.source === source && e.target === target)
  t.match(find('nearshoring', 'economy:us', 'economy:mx'), {
    instrument_ids: ['us-nearshoring-mexico'],
    source_ids: Array,
  })
  t.match(find('china_stance', 'economy:jp', 'economy:cn'), { stance: 'hedging' })
  t.match(find('china_stance', 'economy:eu', 'economy:cn'), { stance: 'de_risking' })
  t.ok(find('alliance_membership', 'economy:jp', 'alliance:chip-4'), 'Japan is in Chip 4')
  t.ok(find('infrastructure_project', 'initiative:us-pgii-2022', 'economy:ao'), 'a PGII project in Angola')
  t.ok(
    edges.every((e: any) => e.source_ids.length > 0),
    'every edge has sources',
  )

  const unknown = await app.inject('/v1/network?economy=jp,zz')
  t.equal(unknown.statusCode, 400, 'an unknown economy is a 400, not an empty network')
  t.same(
    unknown.json().errors,
    [{ pointer: '/query/economy', detail: '"zz" is not an economy id: did you mean "za"?' }],
    'naming it, with the nearest id',
  )

  const japan = (await app.inject('/v1/network?economy=jp&kind=china_stance,nearshoring')).json()
  t.ok(japan.edges.length > 0)
  t.ok(
    japan.edges.every(
      (e: any) =>
        ['china_stance', 'nearshoring'].includes(e.kind) && (e.source === 'economy:jp' || e.target === 'economy:jp'),
    ),
  )
})

t.test('the timeline groups instruments and strategies by year', async (t) => {
  const { app } = await testApp(t)
  const { dataset } = await readDataset()
  const body = (await app.inject('/v1/timeline?economy=eu')).json()
  const years = body.years.map((y: { year: number }) => y.year)
  t.same(
    years,
    [...years].sort((a, b) => a - b),
    'years in order',
  )
  const served = body.years
    .flatMap((y: any) => y.instruments.map((i: { id: string }) => i.id))
    .concat(body.undated.map((i: { id: string }) => i.id))
  t.equal(
    served.length,
    dataset.instruments.filter((e) => e.record.economy_id === 'eu').length,
    'every EU instrument, once',
  )
  t.ok(
    body.years.some((y: any) => y.china_strategies.some((s: { id: string }) => s.id === 'eu-china-strategy')),
    'the EU’s China strategy at its start year',
  )
  const window = (await app.inject('/v1/timeline?year_from=2022&year_to=2022')).json()
  t.same(
    window.years.map((y: { year: number }) => y.year),
    [2022],
  )
})

t.test('instruments export as CSV a spreadsheet reads, NDJSON and JSON, with the list’s filters', async (t) => {
  const { app, database } = await testApp(t)
  const { dataset } = await readDataset()
  const japanese = dataset.instruments.filter((e) => e.record.economy_id === 'jp').length

  const csv = await app.inject('/v1/export/instruments?economy=jp&format=csv')
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], 'text/csv; charset=utf-8')
  t.match(csv.headers['content-disposition'], 'attachment; filename="chain-atlas-instruments.csv"')
  t.ok(csv.body.startsWith('\uFEFF'), 'starts with a UTF-8 byte-order mark')
  const lines = csv.body.slice(1).split('\r\n').filter(Boolean)
  t.match(lines[0], /^id,economy_id,level,category,kind,title_en,title_zh,/)
  t.ok(csv.body.includes('《经济安全保障推进法》'), 'Chinese text intact')
  const ids = lines.slice(1).map((l) => l.split(',')[0])
  t.equal(ids.length, japanese, 'one row per instrument')

  const ndjson = await app.inject({
    url: '/v1/export/instruments?economy=jp',
    headers: { accept: 'application/x-ndjson' },
  })
  t.match(ndjson.headers['content-type'], 'application/x-ndjson')
  const records = ndjson.body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  t.equal(records.length, japanese, 'Accept chooses NDJSON')
  for (const [accept, media] of [
    ['text/csv;q=0, application/json', 'application/json'],
    ['application/x-ndjson;q=0.5, text/csv', 'text/csv'],
    ['text/*', 'text/csv'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'application/json'],
    ['application/json;q=0, text/csv;q=0.2, application/x-ndjson;q=0.3', 'application/x-ndjson'],
    ['image/png', 'application/json'],
  ])
    t.match(
      (await app.inject({ url: '/v1/export/instruments?economy=jp', headers: { accept } })).headers['content-type'],
      media,
      `Accept: ${accept} gives ${media}`,
    )

  const json = await app.inject('/v1/export/instruments?q=芯片')
  t.ok(
    json.json().some((i: { id: string }) => i.id === 'us-chips-and-science-act-2022'),
    'JSON by default, search applies',
  )
  t.equal((await app.inject('/v1/export/instruments?format=xml')).statusCode, 400)

  const etag = csv.headers.etag as string
  t.ok(etag, 'a streamed export has an ETag too')
  const again = await app.inject({
    url: '/v1/export/instruments?economy=jp&format=csv',
    headers: { 'if-none-match': etag },
  })
  t.equal(again.statusCode, 304, 'and answers 304 when nothing changed')
  t.equal(again.body, '')
  for (const [what, header] of [
    ['its opaque tag without W/ (a weak comparison)', etag.replace(/^W\//, '')],
    ['*', '*'],
    ['a list naming it', `"other", ${etag}`],
  ])
    t.equal(
      (await app.inject({ url: '/v1/export/instruments?economy=jp&format=csv', headers: { 'if-none-match': header } }))
        .statusCode,
      304,
      `If-None-Match with ${what}: 304`,
    )
  t.equal(csv.headers['cache-tag'], 'instruments', 'a CDN keeping it is told a published instrument purges it')
  t.equal(csv.headers['surrogate-key'], 'instruments')
  const other = await app.inject({
    url: '/v1/export/instruments?economy=jp&format=ndjson',
    headers: { 'if-none-match': etag },
  })
  t.equal(other.statusCode, 200, 'another format is another representation')

  await database.db.execute(sql`update instruments set updated_at = now() + interval '1 second' where id = 'jp-apaec'`)
  const changed = await app.inject({
    url: '/v1/export/instruments?economy=jp&format=csv',
    headers: { 'if-none-match': etag },
  })
  t.equal(changed.statusCode, 200, 'a change to a matching instrument changes the ETag')
})

t.test('the timeline in counts only, and the network with instruments as nodes', async (t) => {
  const { app } = await testApp(t)
  const full = (await app.inject('/v1/timeline?economy=us,jp')).json()
  const counts = (await app.inject('/v1/timeline?economy=us,jp&counts_only=true')).json()
  t.same(
    counts.years.map((y: { year: number; counts: { instruments: number } }) => [y.year, y.counts.instruments]),
    full.years.map((y: { year: number; instruments: unknown[] }) => [y.year, y.instruments.length]),
    'the same years with the counts of the entries',
  )
  t.ok(
    counts.years.every((y: object) => !('instruments' in y)),
    'without the entries',
  )
  t.equal(counts.undated_count, full.undated.length)
  const year = full.years.find((y: { instruments: unknown[] }) => y.instruments.length > 1)
  const byEconomy: Record<string, number> = {}
  for (const i of year.instruments) byEconomy[i.economy_id] = (byEconomy[i.economy_id] ?? 0) + 1
  t.same(year.counts.by_economy, byEconomy, 'and per economy')

  const plain = (await app.inject('/v1/network?economy=jp')).json()
  t.notOk(
    plain.nodes.some((n: { kind: string }) => n.kind === 'instrument'),
    'no instrument nodes unless asked',
  )
  const withInstruments = (await app.inject('/v1/network?economy=jp&instruments=true')).json()
  const instrumentNodes = withInstruments.nodes.filter((n: { kind: string }) => n.kind === 'instrument')
  const jp = (await app.inject('/v1/instruments?economy=jp&limit=200')).json().data
  t.equal(instrumentNodes.length, jp.length, 'every Japanese instrument as a node')
  t.ok(
    withInstruments.edges.some(
      (e: { kind: string; source: string; target: string }) =>
        e.kind === 'instrument' && e.source === 'economy:jp' && e.target === `instrument:${jp[0].id}`,
    ),
    'linked to its economy',
  )
})

t.test('the export and the timeline take `status` as the lists do: drafts for a signed-in reader only', async (t) => {
  // Both accepted `status` and answered 401 to every credential: they always read published entries.
  const { app } = await testApp(t)
  const { editor } = await roleKeys(app, await adminSession(app))
  const draft = newInstrument('us-draft-for-export-2025', { year: 2025 })
  const created = await app.inject({ method: 'POST', url: '/v1/instruments', headers: editor.headers, payload: draft })
  t.equal(created.statusCode, 201, 'a draft instrument')

  const anonymous = await app.inject('/v1/export/instruments?status=draft')
  t.equal(anonymous.statusCode, 401, 'drafts are not for anonymous readers')
  const exported = await app.inject({ url: '/v1/export/instruments?status=draft&format=json', headers: editor.headers })
  t.equal(exported.statusCode, 200)
  t.same(
    exported.json().map((i: { id: string }) => i.id),
    [draft.id],
    'a signed-in reader exports the drafts',
  )
  t.equal(exported.headers['cache-control'], 'private, no-cache', 'which no shared cache keeps')
  t.notOk(exported.headers['cache-tag'])
  const published = await app.inject({ url: '/v1/export/instruments?format=json', headers: editor.headers })
  t.notOk(
    published.json().some((i: { id: string }) => i.id === draft.id),
    'without `status`, published entries only',
  )

  const timeline = async (query: string) =>
    (await app.inject({ url: `/v1/timeline?counts_only=true${query}`, headers: editor.headers })).json()
  const in2025 = (body: { years: { year: number; counts: { instruments: number } }[] }) =>
    body.years.find((y) => y.year === 2025)?.counts.instruments ?? 0
  t.equal(in2025(await timeline('&status=published,draft')), in2025(await timeline('')) + 1, 'the timeline counts it')
  t.equal((await app.inject('/v1/timeline?status=draft')).statusCode, 401)
})
