import t from 'tap'
import { sql } from 'drizzle-orm'
import { rowsOf } from '@chain-atlas/db'
import { COLLECTION_NAMES, collectionSpecs, referencesOf, type CollectionName } from '@chain-atlas/types'
import { testApp } from '../../../helpers/app.ts'
import { adminSession } from '../../../helpers/accounts.ts'
import { newInstrument } from '../../../helpers/entities.ts'

type App = Awaited<ReturnType<typeof testApp>>['app']
type Citing = { collection: string; id: string; fields: string[]; title: { en: string; zh: string }; status: string }

/** Every page of an entry's used-by, followed by cursor. */
const allUsedBy = async (app: App, path: string, headers: Record<string, string> = {}, limit = 200) => {
  const entries: Citing[] = []
  let cursor: string | null = null
  do {
    const res: { statusCode: number; body: string; json(): any } = await app.inject({
      url: `${path}/used-by?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      headers,
    })
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`)
    const page: { data: Citing[]; meta: { next_cursor: string | null } } = res.json()
    entries.push(...page.data)
    cursor = page.meta.next_cursor
  } while (cursor)
  return entries
}

/** Who refers to what in a whole dataset, by scanning every entry's references: `collection/id` → citing entries. */
const scan = (dataset: Record<string, Record<string, any>[]>) => {
  const citing = new Map<string, Map<string, Citing>>()
  for (const collection of COLLECTION_NAMES) {
    for (const entry of dataset[collection]!) {
      for (const use of referencesOf(collection, entry)) {
        const target = `${use.collection}/${use.id}`
        if (!citing.has(target)) citing.set(target, new Map())
        const key = `${collection}/${entry.id}`
        const title = entry[collectionSpecs[collection].titleField]
        const found: Citing = citing.get(target)!.get(key) ?? {
          collection,
          id: entry.id,
          title: { en: title.en, zh: title.zh },
          status: 'published', // the export holds published entries only
          fields: [],
        }
        // The field is the path without its indexes and last step: `figures/0/source_ids/1` → `figures/*/source_ids`.
        const field = use.pointer
          .slice(1)
          .replace(/\/\d+$/, '')
          .replace(/\/\d+\//g, '/*/')
        if (!found.fields.includes(field)) found.fields.push(field)
        citing.get(target)!.set(key, found)
      }
    }
  }
  return citing
}

const order = (entries: Citing[]) =>
  entries
    .map((e) => ({ ...e, fields: [...e.fields].sort() }))
    .sort(
      (a, b) =>
        COLLECTION_NAMES.indexOf(a.collection as CollectionName) -
          COLLECTION_NAMES.indexOf(b.collection as CollectionName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )

t.test('used-by of every entry matches a scan of the whole published dataset', async (t) => {
  const { app } = await testApp(t)
  const dataset = (await app.inject('/v1/export')).json()
  const expected = scan(dataset)
  let cited = 0
  for (const collection of COLLECTION_NAMES) {
    for (const entry of dataset[collection] as { id: string }[]) {
      const found = await allUsedBy(app, `/v1/${collection}/${entry.id}`)
      const want = [...(expected.get(`${collection}/${entry.id}`)?.values() ?? [])]
      if (want.length) cited++
      t.same(order(found), order(want), `${collection}/${entry.id}`, { diagnostic: false })
    }
  }
  t.ok(cited > 50, `the dataset cross-references (${cited} entries are cited)`)
})

t.test('pages by cursor give the same entries, each once; a bad cursor is a 400 naming it', async (t) => {
  const { app } = await testApp(t)
  const source = '/v1/sources/paper-hao-ming-2024'
  const whole = await allUsedBy(app, source)
  t.ok(whole.length > 100, `the paper is cited widely (${whole.length})`)
  t.same(await allUsedBy(app, source, {}, 7), whole, 'pages of 7 add up to the whole')
  for (const cursor of ['nonsense', Buffer.from('["planets","x"]').toString('base64url'), 'W10']) {
    const res = await app.inject(`${source}/used-by?cursor=${cursor}`)
    t.equal(res.statusCode, 400, `cursor ${cursor}`)
    t.equal(res.json().errors[0].pointer, '/query/cursor')
  }
  t.equal((await app.inject('/v1/sources/no-such-source/used-by')).statusCode, 404, 'an unknown entry is a 404')
})

t.test('anonymous readers see published citing entries only; signed-in users see drafts too', async (t) => {
  const { app } = await testApp(t)
  const admin = await adminSession(app)
  const draft = newInstrument('us-test-cites-the-chips-act', { parent_id: 'us-chips-and-science-act-2022' })
  t.equal(
    (await app.inject({ method: 'POST', url: '/v1/instruments', headers: admin.headers, payload: draft })).statusCode,
    201,
  )
  const path = '/v1/instruments/us-chips-and-science-act-2022'
  const anonymous = await allUsedBy(app, path)
  t.notOk(
    anonymous.some((e) => e.id === draft.id),
    'the draft is not shown to the public',
  )
  const signedIn = await allUsedBy(app, path, admin.headers)
  t.match(
    signedIn.find((e) => e.id === draft.id),
    { collection: 'instruments', status: 'draft', fields: ['parent_id'], title: { en: draft.title.en } },
    'a signed-in user sees it, with its status and field',
  )
  t.equal(
    (await app.inject(`/v1/instruments/${draft.id}/used-by`)).statusCode,
    404,
    'the used-by of a draft is not public',
  )
  t.equal((await app.inject({ url: `/v1/instruments/${draft.id}/used-by`, headers: admin.headers })).statusCode, 200)
})

t.test('an entry cited more than 2,000 times pages the same, in the database’s id order', async (t) => {
  const { app, database } = await testApp(t)
  const admin = await adminSession(app)
  const source = 'test-2026-widely-cited'
  const made = await app.inject({
    method: 'POST',
    url: '/v1/sources',
    headers: admin.headers,
    payload: { id: source, kind: 'report', language: 'en', title: { en: 'Widely cited', zh: '广泛引用' } },
  })
  t.equal(made.statusCode, 201)
  // Past the threshold (FEW in used-by.ts) where a page stops being cut from all the citing ids.
  await database.db.execute(sql`
    insert into instruments (id, economy_id, level, category, kind, title, lifecycle, summary, amounts, source_ids)
    select 'us-test-citing-' || g, 'us', 'national', 'high_end_capacity', 'law', '{"en":"T","zh":"T"}', 'in_force',
           '{"en":"S","zh":"S"}', '[]', array[${source}]
    from generate_series(1, 2100) g`)
  const expected = rowsOf<{ id: string }>(
    await database.db.execute(sql`select id from instruments where ${source} = any(source_ids) order by id`),
  ).map((r) => r.id)
  t.equal(expected.length, 2100)
  const found = await allUsedBy(app, `/v1/sources/${source}`, admin.headers)
  t.same(
    found.map((e) => e.id),
    expected,
    'every citing entry once, in order',
  )
  t.ok(
    found.every((e) => e.status === 'draft' && e.fields.join() === 'source_ids'),
    'with status and field',
  )
})
