import t from 'tap'
import { testApp } from '../../../helpers/app.ts'

type Claim = { field: string; source_ids: string[]; locator?: string }

t.test('an entry shows the sources of each claim: dates, memberships, amounts and figures', async (t) => {
  const { app } = await testApp(t)
  const chips = (await app.inject('/v1/instruments/eu-chips-act-2023')).json()
  t.match(chips.claims, [{ field: 'start_date', source_ids: ['eurlex-2023-1781-chips-act'], locator: 'title' }])
  t.ok(chips.source_ids.includes('eurlex-2023-1781-chips-act'), 'the official text is among the entry’s sources')

  const act = (await app.inject('/v1/instruments/us-chips-and-science-act-2022')).json()
  t.match(act.amounts, [
    { value: 52_700_000_000, currency: 'USD', source_ids: ['paper-hao-ming-2024'], locator: 'Table 1, row 3, US' },
  ])

  const gpai = (await app.inject('/v1/alliances/global-partnership-on-ai')).json()
  t.same(
    gpai.claims.map((c: Claim) => c.field),
    ['founded_year', 'member_ids'],
    'the founding year and the members name their source',
  )

  const eurlex = (await app.inject('/v1/sources/eurlex-2023-1781-chips-act')).json()
  t.match(eurlex, { published_on: '2023-09-13', url: 'https://eur-lex.europa.eu/eli/reg/2023/1781/oj' })
  const usedBy = (await app.inject('/v1/sources/state-2022-minerals-security-partnership/used-by')).json()
  const users: string[] = usedBy.data.map((e: { collection: string; id: string }) => `${e.collection}/${e.id}`)
  t.same(
    users.filter((user) => !user.startsWith('economies/')),
    ['alliances/minerals-security-partnership'],
    'the source of a claim is used by that entry',
  )
  t.ok(users.includes('economies/fi'), 'and by the member economies it is the source of (Finland among them)')
})
