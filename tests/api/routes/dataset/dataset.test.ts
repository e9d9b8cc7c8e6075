import t from 'tap'
import { COLLECTION_NAMES, describeCodebook } from '@chain-atlas/types'
import { readDataset, release } from '@chain-atlas/db'
import { PUBLIC_CACHE_CONTROL } from '../../../../apps/api/src/plugins/application/http-cache.ts'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'
import { NEW_SOURCE } from '../../../helpers/entities.ts'

const PAPER_DOI = '10.13851/j.cnki.gjzw.202404003'

t.test('the dataset says its release, its published counts, its licence and how to cite it', async (t) => {
  const { app } = await testApp(t)
  const { dataset } = await readDataset()
  const res = await app.inject('/v1/dataset')
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { version: release.version, released_on: release.released_on, licence: { id: 'CC-BY-4.0' } })
  for (const collection of COLLECTION_NAMES) {
    const published = dataset[collection].filter((e) => (e.record.status ?? 'published') === 'published').length
    t.equal(body.counts[collection], published, `${collection}: ${published} published entries`)
  }
  t.match(body.paper, {
    source_id: 'paper-hao-ming-2024',
    doi: PAPER_DOI,
    url: `https://doi.org/${PAPER_DOI}`,
    authors: ['郝宇彪', '明莹'],
    issue: '4',
  })
  t.match(body.paper.reference.en, /^Hao Yubiao and Ming Ying\. 2024\. “美日欧产业链安全保障机制的逻辑解构与比较分析”/)
  t.match(body.paper.reference.en, /no\. 4: 37–56\. https:\/\/doi\.org\/10\.13851/)
  t.match(body.paper.reference.zh, /《国际展望》2024年第4期/)
  t.match(body.paper.bibtex, /^@article\{hao_2024,\n {2}author = \{Hao, Yubiao and Ming, Ying\}/)
  t.match(body.paper.bibtex, /pages = \{37--56\}/)
  t.match(body.citation.text.en, `(Version ${release.version}) [Data set]`)
  t.match(body.citation.text.zh, `版本 ${release.version}`)
  t.match(body.citation.bibtex, new RegExp(`version = \\{${release.version.replaceAll('.', '\\.')}\\}`))
  t.equal(body.codebook, '/v1/codebook')
})

t.test('the counts are what anonymous readers see: a draft is not counted, its publication is', async (t) => {
  const { app } = await testApp(t)
  const { editor } = await roleKeys(app, await adminSession(app))
  const first = await app.inject('/v1/dataset')
  const etag = first.headers.etag as string
  t.ok(etag, 'an ETag')
  t.equal(first.headers['cache-control'], PUBLIC_CACHE_CONTROL)
  const again = await app.inject({ url: '/v1/dataset', headers: { 'if-none-match': etag } })
  t.equal(again.statusCode, 304, 'If-None-Match answers 304 while nothing changed')
  t.equal(again.body, '')

  const created = await app.inject({ method: 'POST', url: '/v1/sources', headers: editor.headers, payload: NEW_SOURCE })
  t.equal(created.statusCode, 201)
  const signedIn = await app.inject({ url: '/v1/dataset', headers: editor.headers })
  t.equal(signedIn.json().counts.sources, first.json().counts.sources, 'a draft is not counted, even for its editor')
  t.equal(
    (await app.inject({ url: '/v1/dataset', headers: { 'if-none-match': etag } })).statusCode,
    304,
    'a draft changes nothing public',
  )

  const url = `/v1/sources/${NEW_SOURCE.id}`
  const submitted = await app.inject({
    method: 'POST',
    url: `${url}/submit`,
    headers: { ...editor.headers, 'if-match': created.headers.etag },
  })
  const published = await app.inject({
    method: 'POST',
    url: `${url}/publish`,
    headers: { ...editor.headers, 'if-match': submitted.headers.etag },
  })
  t.equal(published.statusCode, 200)
  const after = await app.inject({ url: '/v1/dataset', headers: { 'if-none-match': etag } })
  t.equal(after.statusCode, 200, 'a publication changes the ETag')
  t.equal(after.json().counts.sources, first.json().counts.sources + 1, 'and the count')
})

t.test('the codebook is the schemas’ codebook, cacheable', async (t) => {
  const { app } = await testApp(t)
  const res = await app.inject('/v1/codebook')
  t.equal(res.statusCode, 200)
  t.same(res.json(), describeCodebook().codebook, 'every collection, field, type and enumeration')
  const instruments = res.json().collections.find((c: { name: string }) => c.name === 'instruments')
  t.match(
    instruments.fields.find((f: { name: string }) => f.name === 'economy_id'),
    {
      references: 'economies',
      definition: { en: String, zh: String },
    },
  )
  const etag = res.headers.etag as string
  t.ok(etag)
  const again = await app.inject({ url: '/v1/codebook', headers: { 'if-none-match': etag } })
  t.equal(again.statusCode, 304, 'If-None-Match answers 304')
  t.equal((await app.inject('/v1/codebook?lang=zh')).statusCode, 400, 'an unknown parameter is a 400')
})
