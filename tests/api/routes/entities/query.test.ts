import t from 'tap'
import { readDataset } from '@chain-atlas/db'
import { COLLECTION_NAMES, INCLUDES, SORTS, STATUSES, selectableFields } from '@chain-atlas/types'
import { testApp } from '../../../helpers/app.ts'
import { adminSession } from '../../../helpers/accounts.ts'
import { publishChange } from '../../../helpers/entities.ts'

type Instrument = Record<string, any> & { id: string }

const get = async (app: Awaited<ReturnType<typeof testApp>>['app'], url: string) => {
  const res = await app.inject(url)
  return { status: res.statusCode, body: res.json(), headers: res.headers }
}

/** Follows next_cursor to the end, returning every entry in the order served. */
const all = async (app: Awaited<ReturnType<typeof testApp>>['app'], url: string) => {
  const out: Instrument[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    if (++pages > 500) throw new Error(`${url}: still paging after 500 pages`)
    const { status, body } = await get(
      app,
      `${url}${url.includes('?') ? '&' : '?'}limit=5${cursor ? `&cursor=${cursor}` : ''}`,
    )
    if (status !== 200) throw new Error(`${url}: ${status} ${JSON.stringify(body)}`)
    out.push(...body.data)
    cursor = body.meta.next_cursor
  } while (cursor)
  return out
}

t.test('filters narrow the list, comma lists match any value', async (t) => {
  const { app } = await testApp(t)
  const { dataset } = await readDataset()
  const expectIds = async (url: string, keep: (i: Instrument) => boolean) => {
    const collection = url.split('?')[0]!.split('/')[2] as keyof typeof dataset
    const served = (await all(app, url)).map((i) => i.id)
    const expected = dataset[collection]
      .map((e) => e.record)
      .filter(keep)
      .map((i) => i.id)
      .sort()
    t.ok(expected.length > 0, `${url} has matches in the dataset`)
    t.same(served, expected, url)
  }
  await expectIds('/v1/instruments?economy=us,jp', (i) => ['us', 'jp'].includes(i.economy_id))
  await expectIds('/v1/instruments?economy=us&economy=eu', (i) => ['us', 'eu'].includes(i.economy_id))
  await expectIds(
    '/v1/instruments?level=national&category=high_end_capacity',
    (i) => i.category === 'high_end_capacity',
  )
  await expectIds('/v1/instruments?sector=semiconductors', (i) => i.sector_ids.includes('semiconductors'))
  await expectIds('/v1/instruments?partner=mx', (i) => i.partner_ids.includes('mx'))
  await expectIds('/v1/instruments?year_from=2022&year_to=2023', (i) => i.year >= 2022 && i.year <= 2023)
  await expectIds('/v1/instruments?lifecycle=ended,superseded', (i) => ['ended', 'superseded'].includes(i.lifecycle))
  await expectIds('/v1/instruments?currency=EUR', (i) =>
    i.amounts.some((a: { currency: string }) => a.currency === 'EUR'),
  )
  await expectIds('/v1/instruments?has_amount=true', (i) => i.amounts.length > 0)
  await expectIds(
    '/v1/instruments?has_amount=false&level=global',
    (i) => i.amounts.length === 0 && i.level === 'global',
  )
  await expectIds('/v1/instruments?parent=us-pgii-2022', (i) => i.parent_id === 'us-pgii-2022')
  await expectIds('/v1/china-strategies?stance=de_risking', (s) => s.stance === 'de_risking')
  await expectIds('/v1/sources?kind=law&language=en', (s) => s.kind === 'law' && s.language === 'en')
  await expectIds('/v1/sources?year=2021,2022', (s) =>
    ['2021', '2022'].includes(String(s.published_on ?? '').slice(0, 4)),
  )
  await expectIds('/v1/alliances?member=jp', (a) => a.member_ids.includes('jp'))
  await expectIds('/v1/economies?role=host', (e) => e.roles.includes('host'))

  const none = await get(app, '/v1/instruments?economy=cn')
  t.same(none.body.data, [], 'a filter matching nothing gives an empty page')
})

t.test('bad filter values are 400 problems naming the parameter', async (t) => {
  const { app } = await testApp(t)
  const cases: [string, string][] = [
    ['/v1/instruments?level=planetary', '/query/level/0'],
    ['/v1/instruments?economy=us,Not_Valid', '/query/economy/1'],
    ['/v1/instruments?year_from=1066', '/query/year_from'],
    ['/v1/instruments?has_amount=maybe', '/query/has_amount'],
    ['/v1/instruments?currency=XYZ', '/query/currency/0'],
    ['/v1/instruments?sort=colour', '/query/sort'],
    ['/v1/instruments?include=everything', '/query/include/0'],
    ['/v1/instruments?q=', '/query/q'],
    ['/v1/instruments?economy=', '/query/economy/0'],
    ['/v1/instruments?as_of=yesterday', '/query/as_of'],
    ['/v1/changes?since=abc', '/query/since'],
  ]
  for (const [url, pointer] of cases) {
    const res = await get(app, url)
    t.equal(res.status, 400, url)
    t.ok(
      res.body.errors?.some((e: { pointer: string }) => e.pointer === pointer),
      `${url} names ${pointer}: ${JSON.stringify(res.body.errors)}`,
    )
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer)
    t.same(pointers, [...new Set(pointers)], `${url}: one error per field, not two messages for one fault`)
  }
})

t.test('sector_tree widens a sector filter to the sectors under it', async (t) => {
  const { app } = await testApp(t)
  const sectors = (await get(app, '/v1/sectors?limit=200')).body.data as { id: string; parent_id?: string }[]
  const parent = sectors.find((s) => sectors.some((c) => c.parent_id === s.id))!
  t.ok(parent, `a sector with sectors under it: ${parent.id}`)
  const children = sectors.filter((c) => c.parent_id === parent.id).map((c) => c.id)
  const ids = (list: Instrument[]) => list.map((i) => i.id).sort()
  const widened = await all(app, `/v1/instruments?sector=${parent.id}&sector_tree=true`)
  const union = await all(app, `/v1/instruments?sector=${[parent.id, ...children].join(',')}`)
  t.same(ids(widened), ids(union), 'the same as naming the sector and those under it')
  const narrow = await all(app, `/v1/instruments?sector=${parent.id}`)
  t.ok(widened.length >= narrow.length, `${narrow.length} named it, ${widened.length} with the sectors under it`)
})

t.test('updated_since lists what changed at or after a moment', async (t) => {
  const { app } = await testApp(t)
  const admin = await adminSession(app)
  await new Promise((r) => setTimeout(r, 20))
  const moment = new Date().toISOString()
  t.same((await get(app, `/v1/economies?updated_since=${moment}`)).body.data, [], 'nothing changed since now')
  const jp = (await get(app, '/v1/economies/jp')).body
  const changed = await publishChange(app, admin.headers, '/v1/economies/jp', `"v${jp.version}"`, {
    notes: { en: 'Checked.', zh: '已核对。' },
  })
  t.equal(changed.statusCode, 200)
  const since = (await get(app, `/v1/economies?updated_since=${moment}`)).body.data
  t.same(
    since.map((e: { id: string }) => e.id),
    ['jp'],
    'the entry published since',
  )
  t.equal((await get(app, `/v1/economies/facets?updated_since=${moment}`)).body.total, 1, 'facets count the same')
  t.equal((await get(app, '/v1/economies?updated_since=tuesday')).status, 400, 'not a time: 400')
})

t.test('a question that cannot be meant as asked is a 400 that says what is wrong', async (t) => {
  const { app } = await testApp(t)
  const unknown = await get(app, '/v1/instruments?economy=usa')
  t.equal(unknown.status, 400, 'an economy that does not exist')
  t.match(unknown.body.errors, [
    { pointer: '/query/economy', detail: /"usa" is not an economy id: did you mean "us"\?/ },
  ])
  const twoUnknown = await get(app, '/v1/alliances?member=jp,japn,atlantis')
  t.same(
    twoUnknown.body.errors.map((e: { detail: string }) => e.detail),
    ['"japn" is not an economy id: did you mean "jp"?', '"atlantis" is not an economy id'],
    'each unknown id named, a suggestion only when one is near',
  )
  for (const url of [
    '/v1/instruments/facets?sector=semiconductor',
    '/v1/export/instruments?economy=usa',
    '/v1/timeline?economy=usa',
  ]) {
    t.equal((await get(app, url)).status, 400, `${url}: the same on facets, export and timeline`)
  }
  const upper = await get(app, '/v1/instruments?economy=US')
  t.match(upper.body.errors, [{ pointer: '/query/economy', detail: 'ids are lower-case: "US" should be "us"' }])
  const range = await get(app, '/v1/instruments?year_from=2024&year_to=2020')
  t.equal(range.status, 400, 'year_from after year_to')
  t.match(range.body.errors, [{ pointer: '/query/year_from', detail: /after year_to/ }])

  const usPage = await get(app, '/v1/instruments?economy=us&limit=2')
  const elsewhere = await get(app, `/v1/instruments?economy=jp&limit=2&cursor=${usPage.body.meta.next_cursor}`)
  t.equal(elsewhere.status, 400, 'a cursor reused with other filters')
  t.match(elsewhere.body.errors, [{ pointer: '/query/cursor', detail: /other filters/ }])
  const reordered = await get(app, `/v1/instruments?economy=us&limit=2&cursor=${usPage.body.meta.next_cursor}`)
  t.equal(reordered.status, 200, 'the same filters continue')
  const drafts = await get(app, `/v1/instruments?economy=us&q=chips&limit=2&cursor=${usPage.body.meta.next_cursor}`)
  t.equal(drafts.status, 400, 'so does a cursor reused with a search added')
})

t.test('sort orders pages by the field, ascending or descending, every entry once', async (t) => {
  const { app } = await testApp(t)
  const byYearDesc = await all(app, '/v1/instruments?sort=-year')
  const years = byYearDesc.map((i) => i.year ?? -1)
  t.same(
    years,
    [...years].sort((a, b) => b - a),
    'years descend',
  )
  t.equal(new Set(byYearDesc.map((i) => i.id)).size, byYearDesc.length, 'no entry twice')
  const byId = await all(app, '/v1/instruments')
  t.equal(byYearDesc.length, byId.length, 'no entry lost')

  const titles = (await all(app, '/v1/instruments?sort=title&economy=jp')).map((i) => i.title.en)
  t.same(
    titles,
    [...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    'titles ascend',
  )

  const byYear = await all(app, '/v1/instruments?sort=year')
  const undated = byYear.filter((i) => i.year === null).length
  t.ok(undated > 0, 'some instruments are undated')
  for (const [label, list] of [
    ['ascending', byYear],
    ['descending', byYearDesc],
  ] as const) {
    t.ok(
      list.slice(-undated).every((i) => i.year === null),
      `undated instruments come last, ${label}`,
    )
  }
  const dated = byYear.slice(0, -undated).map((i) => i.year)
  t.same(
    dated,
    [...dated].sort((a, b) => a - b),
    'years ascend',
  )

  const first = await get(app, '/v1/instruments?sort=year&limit=3')
  const wrongOrder = await get(app, `/v1/instruments?sort=-year&cursor=${first.body.meta.next_cursor}`)
  t.equal(wrongOrder.status, 400, 'a cursor only continues the order that issued it')
  t.match(wrongOrder.body.errors[0], { pointer: '/query/cursor' })
})

t.test('every sort pages through every entry once, listed or searched, in both directions', async (t) => {
  const { app } = await testApp(t)
  const everyId = (await all(app, '/v1/instruments')).map((i) => i.id).sort()
  const found = (await all(app, '/v1/instruments?q=security')).map((i) => i.id).sort()
  t.ok(found.length > 5, 'the search finds more than a page')
  // Seeded in one transaction, every entry has the same created_at and updated_at: ties on a time.
  for (const field of Object.keys(SORTS.instruments))
    for (const sort of [field, `-${field}`]) {
      const listed = (await all(app, `/v1/instruments?sort=${sort}`)).map((i) => i.id)
      t.same([...listed].sort(), everyId, `sort=${sort}: every entry once`)
      const searched = (await all(app, `/v1/instruments?q=security&sort=${sort}`)).map((i) => i.id)
      t.same([...searched].sort(), found, `q=security&sort=${sort}: every match once`)
    }
})

t.test('count=true adds the total of matching entries', async (t) => {
  const { app } = await testApp(t)
  const { dataset } = await readDataset()
  const res = await get(app, '/v1/instruments?economy=eu&limit=1&count=true')
  t.equal(res.body.meta.total, dataset.instruments.filter((e) => e.record.economy_id === 'eu').length)
  t.equal(res.body.data.length, 1)
  t.notOk('total' in (await get(app, '/v1/instruments?limit=1')).body.meta, 'no total unless asked')
})

t.test('search works in Chinese and English, ranked, saying which fields matched', async (t) => {
  const { app } = await testApp(t)
  for (const q of ['芯片', 'chips', 'Chips Act']) {
    const res = await get(app, `/v1/instruments?q=${encodeURIComponent(q)}`)
    t.equal(res.status, 200)
    const ids = res.body.data.map((i: Instrument) => i.id)
    t.ok(ids.includes('us-chips-and-science-act-2022'), `q=${q} finds the CHIPS and Science Act`)
    t.ok(ids.includes('eu-chips-act-2023'), `q=${q} finds the European Chips Act`)
    const ranks = res.body.data.map((i: Instrument) => i.match.rank)
    t.same(
      ranks,
      [...ranks].sort((a: number, b: number) => b - a),
      `q=${q}: ranked, best first`,
    )
    t.ok(
      res.body.data.every((i: Instrument) => i.match.fields.length > 0),
      `q=${q}: each hit names the fields that matched`,
    )
  }
  const chips = (await get(app, '/v1/instruments?q=芯片')).body.data.find(
    (i: Instrument) => i.id === 'eu-chips-act-2023',
  )
  t.ok(chips.match.fields.includes('title'), 'the Chinese title matched')

  t.same(
    (await get(app, '/v1/instruments?q=quasar%20unicorns')).body,
    { data: [], meta: { limit: 50, next_cursor: null, has_more: false } },
    'nothing matches: an empty list',
  )
  t.same(
    (await get(app, '/v1/instruments?q=%E2%80%94%E2%80%94')).body.data,
    [],
    'punctuation only: an empty list, not an error',
  )

  const ranked = await all(app, '/v1/instruments?q=supply')
  t.ok(ranked.length > 5, 'ranked search pages')
  t.equal(new Set(ranked.map((i) => i.id)).size, ranked.length, 'ranked pages give every hit once')
  t.equal(
    ranked.length,
    (await get(app, '/v1/instruments?q=supply&count=true&limit=1')).body.meta.total,
    'as many as counted',
  )

  const sources = (await get(app, '/v1/sources?q=经济安全')).body.data
  t.ok(sources.length > 0, 'other collections search too')
})

t.test('include adds the referenced entries once each, by collection and id, without another round trip', async (t) => {
  const { app } = await testApp(t)
  const res = await get(
    app,
    '/v1/instruments?economy=us&category=infrastructure_investment&include=economy,sources,partners,parent',
  )
  t.equal(res.status, 200)
  const { data, included } = res.body
  t.notOk(
    data.some((i: Record<string, unknown>) => 'included' in i),
    'nothing repeated inside the items',
  )
  const cited = (field: 'source_ids' | 'partner_ids') => new Set(data.flatMap((i: Instrument) => i[field]))
  t.same(Object.keys(included.sources).sort(), [...cited('source_ids')].sort(), 'every cited source, once')
  t.ok(
    data.filter((i: Instrument) => i.source_ids.includes('paper-hao-ming-2024')).length > 1,
    'a source many items cite…',
  )
  t.match(
    included.sources['paper-hao-ming-2024'],
    { id: 'paper-hao-ming-2024', title: { zh: String } },
    '…is there once',
  )
  const economies = new Set([...cited('partner_ids'), ...data.map((i: Instrument) => i.economy_id)])
  t.same(Object.keys(included.economies).sort(), [...economies].sort(), 'economy and partners share one map')
  t.match(included.economies.us, { id: 'us', name: { en: 'United States' } })
  t.equal(included.instruments['us-pgii-2022'].id, 'us-pgii-2022', 'the parent under its own collection')
  const one = await get(app, '/v1/china-strategies/eu-china-strategy?include=instruments,economy')
  t.equal(Object.keys(one.body.included.instruments).length, one.body.instrument_ids.length, 'get takes include too')
  t.notOk('included' in (await get(app, '/v1/instruments/us-pgii-2022')).body, 'nothing included unless asked')
})

t.test('fields keeps only the fields named, on lists, gets and exports', async (t) => {
  const { app } = await testApp(t)
  const list = await get(app, '/v1/instruments?economy=jp&fields=title,year&limit=5')
  t.equal(list.status, 200)
  t.equal(list.body.data.length, 5)
  for (const item of list.body.data)
    t.same(Object.keys(item).sort(), ['id', 'title', 'year'], `${item.id}: id, title, year`)
  t.match(list.body.meta, { limit: 5, has_more: true }, 'the page is a page as before')
  const full = (await get(app, '/v1/instruments?economy=jp&limit=5')).body.data
  t.same(
    list.body.data.map((i: Instrument) => i.title),
    full.map((i: Instrument) => i.title),
    'the same entries, the same values',
  )
  const found = await get(app, '/v1/instruments?q=semiconductor&fields=title')
  t.ok(found.body.data[0].match.rank > 0, 'a search keeps why each entry matched')
  const withSources = await get(app, '/v1/instruments?economy=jp&fields=title&include=sources&limit=3')
  t.ok(
    Object.values(withSources.body.included.sources).every((s) => 'published_on' in (s as object)),
    'included entries stay whole',
  )
  t.same(Object.keys(withSources.body.data[0]).sort(), ['id', 'title'], 'and the items cut, without source_ids')

  const one = await get(app, '/v1/instruments/us-chips-and-science-act-2022?fields=amounts')
  t.same(Object.keys(one.body).sort(), ['amounts', 'id'])
  t.notOk(one.headers.etag?.startsWith('"v'), 'a cut entry does not carry the ETag writes take')

  const missing = await app.inject('/v1/instruments/no-such-instrument?fields=title')
  t.equal(missing.statusCode, 404)
  t.match(missing.headers['content-type'], /^application\/problem\+json/, 'a miss is still a problem')
  t.match(missing.json(), { status: 404, title: String })
  const badCursor = await app.inject('/v1/instruments?fields=title&cursor=nonsense')
  t.match([badCursor.statusCode, badCursor.headers['content-type']], [400, /^application\/problem\+json/])

  const csv = await app.inject('/v1/export/instruments?economy=jp&format=csv&fields=title,year')
  t.equal(csv.body.split('\r\n')[0], '\uFEFFid,title_en,title_zh,title_original,year', 'the CSV has their columns')
  const ndjson = await app.inject('/v1/export/instruments?economy=jp&format=ndjson&fields=year')
  const lines = ndjson.body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  t.ok(lines.length > 5 && lines.every((l) => Object.keys(l).join() === 'id,year'), 'NDJSON lines too')

  const wrong = await get(app, '/v1/instruments?fields=title,titel')
  t.equal(wrong.status, 400, 'a field the collection does not have is a 400')
  t.match(wrong.body.errors[0], { pointer: '/query/fields/1' })
  t.equal((await get(app, '/v1/instruments?fields=included')).status, 400, 'what a read adds is not a field')
  t.equal((await get(app, '/v1/instruments/facets?fields=title')).status, 400, 'facets count, they have no fields')
})

t.test('answers cut by fields or with entries included hold the entries’ own values, however built', async (t) => {
  const { app } = await testApp(t)
  const admin = await adminSession(app)
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
          )
        : value
  for (const collection of COLLECTION_NAMES) {
    const fields = selectableFields(collection)
    // Anonymous: cut by PostgreSQL. Signed in, asking for every status: cut by the API.
    const url = `/v1/${collection}?fields=${fields.join(',')}&limit=100`
    const [cut, whole, byApi] = await Promise.all([
      app.inject(url),
      app.inject(`/v1/${collection}?limit=100`),
      app.inject({ url: `${url}&status=${STATUSES.join(',')}`, headers: admin.headers }),
    ])
    t.match(cut.headers['content-type'], /^application\/json; charset=utf-8/, `${collection}: typed as JSON`)
    t.match(byApi.headers['content-type'], /^application\/json; charset=utf-8/, `${collection}: cut by the API too`)
    const entries = cut.json().data as Record<string, unknown>[]
    const expected = (whole.json().data as Record<string, unknown>[]).map((e) =>
      Object.fromEntries(Object.entries(e).filter(([k]) => k === 'id' || fields.includes(k))),
    )
    t.same(entries.map(sorted), expected.map(sorted), `${collection}: every field’s value as the whole entry has it`)
    t.same(
      entries.map((e) => Object.keys(e)),
      expected.map((e) => Object.keys(e)),
      `${collection}: in the entry’s order`,
    )
    const published = (byApi.json().data as Record<string, unknown>[]).filter((e) => entries.some((c) => c.id === e.id))
    t.same(published.map(sorted), entries.map(sorted), `${collection}: the same as the API cuts them`)
  }
  for (const collection of COLLECTION_NAMES) {
    const include = Object.keys(INCLUDES[collection])
    if (!include.length) continue
    // Every relation at once: the same entries embedded, each once, as the API embeds them.
    const url = `/v1/${collection}?include=${include.join(',')}&limit=100`
    const [byDb, byApi] = await Promise.all([
      app.inject(url),
      app.inject({ url: `${url}&status=${STATUSES.join(',')}`, headers: admin.headers }),
    ])
    const ids = new Set((byDb.json().data as { id: string }[]).map((e) => e.id))
    t.ok(Object.keys(byDb.json().included).length > 0, `${collection}: includes something`)
    t.same(sorted(byDb.json().included), sorted(byApi.json().included), `${collection}: the same entries included`)
    t.same(
      sorted(byDb.json().data),
      sorted(byApi.json().data.filter((e: { id: string }) => ids.has(e.id))),
      `${collection}: the same page`,
    )
    const first = [...ids][0]
    const [oneByDb, oneByApi] = await Promise.all([
      app.inject(`/v1/${collection}/${first}?include=${include.join(',')}&fields=${selectableFields(collection)[0]}`),
      app.inject({ url: `/v1/${collection}/${first}?include=${include.join(',')}`, headers: admin.headers }),
    ])
    t.same(
      sorted(oneByDb.json().included),
      sorted(oneByApi.json().included),
      `${collection}/${first}: the same included`,
    )
  }
  const included = (await get(app, '/v1/instruments?include=economy&limit=1')).body.included
  const economy = (await get(app, `/v1/economies/${Object.keys(included.economies)[0]}`)).body
  t.same(Object.values(included.economies), [economy], 'an included entry is the entry')

  const one = await app.inject('/v1/instruments/us-chips-and-science-act-2022?fields=title,amounts')
  t.match(one.headers['content-type'], /^application\/json; charset=utf-8/)
  const whole = (await get(app, '/v1/instruments/us-chips-and-science-act-2022')).body
  t.same(sorted(one.json()), sorted({ id: whole.id, title: whole.title, amounts: whole.amounts }))
  for (const url of [
    '/v1/instruments?q=chips&fields=title',
    '/v1/instruments?economy=jp&fields=title&include=sources&limit=3',
    '/v1/instruments/us-chips-and-science-act-2022?fields=title&include=economy',
    `/v1/instruments?fields=title&as_of=${new Date().toISOString()}`,
  ])
    t.match((await app.inject(url)).headers['content-type'], /^application\/json; charset=utf-8/, url)
})

t.test('facets count entries per filter value under the current filters', async (t) => {
  const { app } = await testApp(t)
  const { dataset } = await readDataset()
  const res = await get(app, '/v1/instruments/facets?level=national')
  t.equal(res.status, 200)
  const national = dataset.instruments.map((e) => e.record).filter((i) => i.level === 'national')
  t.equal(res.body.total, national.length)
  const us = res.body.facets.economy.find((f: { value: string }) => f.value === 'us')
  t.equal(us.count, national.filter((i) => i.economy_id === 'us').length, 'economy counts under level=national')
  const levels = Object.fromEntries(
    res.body.facets.level.map((f: { value: string; count: number }) => [f.value, f.count]),
  )
  t.equal(
    levels.regional,
    dataset.instruments.filter((e) => e.record.level === 'regional').length,
    'a dimension’s own filter is left out of its counts',
  )
  const sector = res.body.facets.sector.find((f: { value: string }) => f.value === 'semiconductors')
  t.equal(
    sector.count,
    national.filter((i) => i.sector_ids.includes('semiconductors')).length,
    'array dimensions count each value',
  )
  const stances = (await get(app, '/v1/china-strategies/facets')).body.facets.stance
  t.same(stances.map((s: { value: string }) => s.value).sort(), ['containment', 'de_risking', 'hedging'])
})

t.test('with sector_tree, a sector facet counts what choosing it gives: the sector and those under it', async (t) => {
  // It counted each sector alone: `technology` showed 4 and choosing it gave 31.
  const { app } = await testApp(t)
  const facets = await get(app, '/v1/instruments/facets?sector=semiconductors&sector_tree=true&level=national')
  t.equal(facets.status, 200)
  const values = facets.body.facets.sector as { value: string; count: number }[]
  t.ok(values.length > 5, `${values.length} sectors counted`)
  let widened = 0
  for (const { value, count } of values) {
    const chosen = await get(app, `/v1/instruments?sector=${value}&sector_tree=true&level=national&count=true&limit=1`)
    t.equal(count, chosen.body.meta.total, `${value}: the count is what choosing it lists`)
    const alone = await get(app, `/v1/instruments?sector=${value}&level=national&count=true&limit=1`)
    if (chosen.body.meta.total > alone.body.meta.total) widened++
  }
  t.ok(widened > 0, `${widened} sectors count entries under them too`)
})

t.test('facet values carry their names in both languages, and instruments a year facet', async (t) => {
  const { app } = await testApp(t)
  const { dataset } = await readDataset()
  const { facets } = (await get(app, '/v1/instruments/facets?economy=us&year_from=2022&year_to=2022')).body
  const us = facets.economy.find((f: { value: string }) => f.value === 'us')
  const economy = dataset.economies.find((e) => e.record.id === 'us')!.record
  t.same(us.label, { en: economy.name.en, zh: economy.name.zh }, 'a referenced entry is named by its name')
  const semis = facets.sector.find((f: { value: string }) => f.value === 'semiconductors')
  t.equal(semis.label.zh, dataset.sectors.find((e) => e.record.id === 'semiconductors')!.record.name.zh)
  t.same(
    facets.level.find((f: { value: string }) => f.value === 'national').label,
    { en: 'National', zh: '国家层面' },
    'a closed-list value by its label',
  )
  t.same(facets.currency.find((f: { value: string }) => f.value === 'USD')?.label, { en: 'US Dollar', zh: '美元' })
  const usInstruments = dataset.instruments.map((e) => e.record).filter((i) => i.economy_id === 'us')
  const years = [...new Set(usInstruments.map((i) => i.year).filter((y) => y != null))].sort((a, b) => a! - b!)
  t.same(
    facets.year.map((f: { value: number }) => f.value),
    years,
    'the year facet ignores the year range (its own filters) and lists the years in order',
  )
  const y2022 = facets.year.find((f: { value: number }) => f.value === 2022)
  t.equal(y2022.count, usInstruments.filter((i) => i.year === 2022).length)
  t.same(y2022.label, { en: '2022', zh: '2022年' })
  const total = (await get(app, '/v1/instruments/facets?economy=us&year_from=2022&year_to=2022')).body.total
  t.equal(total, y2022.count, 'while the total keeps the range')
})
