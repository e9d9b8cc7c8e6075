// Relevance judged as a researcher would: for each query of judged-queries.json (half Chinese, half
// English: titles, acronyms, plurals, Japanese titles, misspellings), where the first entry they
// expect comes; the mean reciprocal rank must stay at 0.9 or above.
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { searchTerms } from '@chain-atlas/db'
import { testApp } from '../../helpers/app.ts'

type Judged = { q: string; collection: string; expected: string[]; note?: string }

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const judged: Judged[] = JSON.parse(await readFile(new URL('judged-queries.json', import.meta.url), 'utf8'))

t.test(`search ranks what a researcher expects first: ${judged.length} judged queries`, async (t) => {
  const { app } = await testApp(t)
  const scores: { q: string; zh: boolean; rr: number; got: string[] }[] = []
  for (const { q, collection, expected } of judged) {
    const res = await app.inject(`/v1/${collection}?q=${encodeURIComponent(q)}&limit=20`)
    t.equal(res.statusCode, 200, q)
    const got = res.json().data.map((e: { id: string }) => e.id) as string[]
    const rank = got.findIndex((id) => expected.includes(id)) + 1
    scores.push({ q, zh: CJK.test(q), rr: rank ? 1 / rank : 0, got: got.slice(0, 3) })
  }
  const mrr = (list: typeof scores) => list.reduce((sum, s) => sum + s.rr, 0) / list.length
  const zh = scores.filter((s) => s.zh)
  const en = scores.filter((s) => !s.zh)
  for (const s of scores.filter((s) => s.rr < 1)) t.comment(`${s.rr.toFixed(2)}  ${s.q}  → ${s.got.join(', ')}`)
  t.comment(
    `MRR ${mrr(scores).toFixed(3)} (zh ${mrr(zh).toFixed(3)} over ${zh.length}, en ${mrr(en).toFixed(3)} over ${en.length})`,
  )
  t.ok(zh.length >= 20 && en.length >= 20, 'at least 20 queries in each language')
  t.ok(mrr(scores) >= 0.9, `mean reciprocal rank ${mrr(scores).toFixed(3)} ≥ 0.9`)
})

t.test('a Chinese query’s characters order the titles its bigrams cannot tell apart', async (t) => {
  const { app } = await testApp(t)
  // 美欧 (the US and the EU) is no bigram of 美国—欧盟贸易和技术委员会, which shares every other
  // bigram with 印度—欧盟贸易和技术委员会; its character 美 tells them apart.
  const res = await app.inject(`/v1/instruments?q=${encodeURIComponent('美欧贸易技术委员会')}&limit=5`)
  const data = res.json().data as { id: string; title: { original?: string }; match: { rank: number } }[]
  t.same(
    data.slice(0, 2).map((e) => e.id),
    ['eu-us-ttc-2021', 'eu-india-ttc-2022'],
  )
  t.ok(data[0]!.match.rank > data[1]!.match.rank, 'ranked apart, not tied and ordered by id')
  t.ok(
    data.some((e) => e.title.original === undefined) && data.every((e) => e.match.rank > 0),
    'an entry without an original title is ranked all the same',
  )
})

t.test('economies named by one character each are looked for by their names', async (t) => {
  const { app } = await testApp(t)
  // 美欧 is the US and the EU; no entry writes it, they write 美国 and 欧盟.
  const ids = async (q: string) =>
    (await app.inject(`/v1/instruments?q=${encodeURIComponent(q)}&limit=5`))
      .json()
      .data.map((e: { id: string }) => e.id)
  t.same((await ids('美欧')).slice(0, 2), ['eu-us-ttc-2021', 'eu-ttip-2013'])
  t.equal((await ids('美日'))[0], 'jp-us-economic-2plus2-2nm-chips-2022', 'the US and Japan')
  const lexemes = (q: string) => searchTerms(q).map((term) => term.lexeme)
  t.same(lexemes('美日印澳').slice(-4), ['美国', '日本', '印度', '澳大'], 'the Quad, four of them')
  t.same(lexemes('法国'), ['法国'], 'one character of an economy is not a pair: left as it is')
  t.same(lexemes('芯片法案'), ['芯片', '片法', '法案'], 'nor is one inside a run')
})
