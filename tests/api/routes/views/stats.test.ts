import t from 'tap'
import { testApp } from '../../../helpers/app.ts'

type Amount = { value: number; currency: string; kind: string }
type Instrument = { id: string; economy_id: string; level: string; year: number | null; amounts: Amount[] }
type Group = {
  key: Record<string, string | number | null>
  instruments: number
  totals: { currency: string; value: number; amounts: number }[]
}

t.test('stats count instruments and sum their amounts per group and currency, as the data adds up', async (t) => {
  const { app } = await testApp(t)
  const all = (await app.inject('/v1/export/instruments?format=json')).json() as Instrument[]

  const byEconomy = (await app.inject('/v1/instruments/stats?group_by=economy,currency')).json()
  t.same(byEconomy.group_by, ['economy', 'currency'])
  const expected = new Map<string, { value: number; amounts: number; ids: Set<string> }>()
  const add = (key: string, id: string, a?: Amount) => {
    const sum = expected.get(key) ?? { value: 0, amounts: 0, ids: new Set<string>() }
    sum.value += a?.value ?? 0
    sum.amounts += a ? 1 : 0
    sum.ids.add(id)
    expected.set(key, sum)
  }
  for (const i of all) {
    for (const a of i.amounts) add(`${i.economy_id}|${a.currency}`, i.id, a)
    if (!i.amounts.length) add(`${i.economy_id}|null`, i.id) // no amount: counted with currency null
  }
  t.ok(
    all.some((i) => !i.amounts.length),
    'the data has instruments without an amount (they used to vanish from every group)',
  )
  t.equal(byEconomy.groups.length, expected.size, 'a group per economy and currency, and one without amounts')
  for (const group of byEconomy.groups as Group[]) {
    const want = expected.get(`${group.key.economy}|${group.key.currency}`)!
    t.same(
      group.totals,
      group.key.currency === null ? [] : [{ currency: group.key.currency, value: want.value, amounts: want.amounts }],
      JSON.stringify(group.key),
    )
    t.equal(group.instruments, want.ids.size)
  }

  const byYear = (await app.inject('/v1/instruments/stats?group_by=year&economy=jp')).json().groups as Group[]
  const jp = all.filter((i) => i.economy_id === 'jp')
  t.equal(
    byYear.reduce((n, g) => n + g.instruments, 0),
    jp.length,
    'grouped by the instruments’ own year, every Japanese instrument counts, with an amount or not',
  )
  for (const group of byYear) {
    const currencies = group.totals.map((x) => x.currency)
    t.equal(new Set(currencies).size, currencies.length, `${group.key.year}: one sum per currency, never added up`)
  }
  const total = (await app.inject('/v1/instruments/stats?group_by=&economy=jp')).statusCode
  t.equal(total, 400, 'an empty grouping is refused')
  t.equal((await app.inject('/v1/instruments/stats?group_by=colour')).statusCode, 400, 'an unknown dimension too')
  t.equal((await app.inject('/v1/instruments/stats?economy=usa')).statusCode, 400, 'and an unknown economy')
})
