import t from 'tap'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'

t.test('If-Match: 428 without it, 412 when stale; PATCH merges, PUT replaces', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const url = '/v1/instruments/us-chips-and-science-act-2022'
  const read = await app.inject(url)
  const etag = read.headers.etag as string
  t.equal(etag, `"v${read.json().version}"`, 'GET gives the version ETag writes use')

  const patch = (headers: Record<string, string>, payload: object) =>
    app.inject({
      method: 'PATCH',
      url,
      headers: { ...keys.editor.headers, 'content-type': 'application/merge-patch+json', ...headers },
      payload,
    })
  t.equal((await patch({}, { acronym: 'CHIPS' })).statusCode, 428, 'no If-Match: 428')
  const ok = await patch({ 'if-match': etag }, { acronym: 'CHIPS+', notes: null })
  t.equal(ok.statusCode, 200)
  t.match(ok.json(), { acronym: 'CHIPS+', version: read.json().version + 1, status: 'draft' }, 'the edit is a draft')
  t.equal(ok.headers.etag, `"v${read.json().version + 1}"`, 'with its own ETag')
  t.notOk('notes' in ok.json(), 'null removes a field')
  t.same(ok.json().amounts, read.json().amounts, 'fields not in the patch stay')
  t.same((await app.inject(url)).json(), read.json(), 'the public still reads the published version')
  const stale = await patch({ 'if-match': etag }, { acronym: 'LOST' })
  t.equal(stale.statusCode, 412, 'a stale ETag (the published version’s): 412')
  const draft = () => app.inject({ url: `${url}/draft`, headers: keys.viewer.headers })
  t.equal((await draft()).json().acronym, 'CHIPS+', 'and the other edit is not overwritten')

  const curatorEdit = await patch(
    { ...keys.curator.headers, 'if-match': ok.headers.etag as string },
    { acronym: 'CHIPS' },
  )
  t.match(curatorEdit.json(), { status: 'draft', acronym: 'CHIPS' }, 'a curator edits the same working copy')

  const current = (await draft()).json()
  const { id: _id, version: _v, status: _s, created_at: _c, updated_at: _u, ...content } = current
  const put = await app.inject({
    method: 'PUT',
    url,
    headers: { ...keys.editor.headers, 'if-match': `"v${current.version}"` },
    payload: { ...content, acronym: undefined },
  })
  t.equal(put.statusCode, 200)
  t.notOk('acronym' in put.json(), 'PUT replaces the whole content')
  t.equal((await app.inject(url)).json().acronym, read.json().acronym, 'still unseen by the public')
})

t.test('fifty concurrent updates with the same ETag: exactly one wins, the history is complete', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const url = '/v1/economies/jp'
  const etag = (await app.inject(url)).headers.etag as string
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      app.inject({
        method: 'PATCH',
        url,
        headers: { ...keys.editor.headers, 'if-match': etag },
        payload: { summary: { en: `Edit ${i}`, zh: `编辑 ${i}` } },
      }),
    ),
  )
  const codes = results.map((r) => r.statusCode)
  t.equal(codes.filter((c) => c === 200).length, 1, 'one 200')
  t.equal(codes.filter((c) => c === 412).length, 49, 'forty-nine 412')
  const winner = results.find((r) => r.statusCode === 200)!.json()
  const revisions = (await app.inject({ url: `${url}/revisions`, headers: keys.viewer.headers })).json().data
  t.same(
    revisions.map((r: { version: number }) => r.version),
    [1, 2],
    'the history holds the seed and the one change',
  )
  t.same(revisions[1].after.summary, winner.summary)
  t.ok(revisions[1].working, 'made to the working copy')
})

t.test('a merge patch is typed: nested objects merge, null clears what may be cleared, and nothing else', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const url = '/v1/instruments/us-chips-and-science-act-2022'
  const published = (await app.inject(url)).json()
  let etag = `"v${published.version}"`
  const patch = async (payload: unknown) => {
    const res = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...keys.curator.headers, 'content-type': 'application/merge-patch+json', 'if-match': etag },
      payload: payload as object,
    })
    if (res.statusCode === 200) etag = res.headers.etag as string
    return res
  }
  const merged = await patch({ title: { en: 'CHIPS Act, amended' } })
  t.same(merged.json().title, { ...published.title, en: 'CHIPS Act, amended' }, 'a nested object merges key by key')
  const cleared = await patch({ year: null, amounts: null, acronym: null })
  t.equal(cleared.statusCode, 200, 'null clears a nullable field, empties a list, removes an optional one')
  t.match(cleared.json(), { year: null, amounts: [] })
  t.notOk('acronym' in cleared.json())

  const refusals: [string, unknown, string][] = [
    ['a required field cannot be removed', { title: null }, '/body/title'],
    ['nor a required part of one', { title: { zh: null } }, '/body/title/zh'],
    ['an unknown field is named', { colour: 'red' }, '/body/colour'],
    ['a field the server keeps', { version: 9 }, '/body/version'],
    ['a wrong type', { year: 'soon' }, '/body/year'],
  ]
  for (const [label, payload, pointer] of refusals) {
    const res = await patch(payload)
    t.equal(res.statusCode, 400, label)
    t.ok(
      res.json().errors?.some((e: { pointer: string }) => e.pointer === pointer),
      `${label}: ${pointer} is named`,
    )
  }
  t.equal((await patch({})).statusCode, 400, 'an empty patch changes nothing: 400')
  const english = await patch({ notes: { en: 'Checked against the paper.', zh: null } })
  t.equal(english.statusCode, 200, 'a note may be in one language only')
  t.same(english.json().notes, { en: 'Checked against the paper.' })
  t.equal((await patch({ notes: { en: null } })).statusCode, 400, 'but not in none')
})
