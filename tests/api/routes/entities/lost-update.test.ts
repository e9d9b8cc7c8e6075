import t from 'tap'
import { testApp } from '../../../helpers/app.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'

const WRITERS = 6
const EDITS_PER_WRITER = 12
const READERS = 4
const URL_PATH = '/v1/economies/jp'

type Economy = { version: number; summary: { en: string; zh: string } }

t.test('sustained mixed load: read-modify-write by several curators while others read loses no update', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const start = (await (await fetch(base + URL_PATH)).json()) as Economy

  const acknowledged: { token: string; version: number }[] = []
  const problems: string[] = []
  let conflicts = 0
  let writing = WRITERS

  /** The version a curator edits: the working copy, or the published version before there is one. */
  const readForEdit = async () => {
    const draft = await fetch(`${base}${URL_PATH}/draft`, { headers: keys.editor.headers })
    if (draft.status === 200) return draft
    await draft.arrayBuffer()
    return fetch(base + URL_PATH)
  }

  /** Reads what to edit, changes the text, writes it back with If-Match; on 412 starts over. */
  const writer = async (w: number) => {
    for (let k = 0; k < EDITS_PER_WRITER; k++) {
      const token = `w${w}e${k}`
      for (;;) {
        const read = await readForEdit()
        const current = (await read.json()) as Economy
        const mine = acknowledged.filter((a) => a.token.startsWith(`w${w}e`)).at(-1)
        if (mine && current.version < mine.version)
          problems.push(`${token}: read v${current.version} after writing v${mine.version}`)
        const res = await fetch(base + URL_PATH, {
          method: 'PATCH',
          headers: {
            ...keys.editor.headers,
            'content-type': 'application/json',
            'if-match': read.headers.get('etag')!,
          },
          body: JSON.stringify({ summary: { en: `${current.summary.en} ${token}`, zh: current.summary.zh } }),
        })
        if (res.status === 412) {
          conflicts++
          await res.arrayBuffer()
          continue
        }
        if (res.status !== 200) {
          problems.push(`${token}: ${res.status} ${await res.text()}`)
          return
        }
        acknowledged.push({ token, version: ((await res.json()) as Economy).version })
        break
      }
    }
  }

  /** Reads the entity and a list holding it, anonymously, until the writers stop: the published version throughout. */
  const reader = async (r: number) => {
    let reads = 0
    while (writing > 0) {
      const single = (await (await fetch(base + URL_PATH)).json()) as Economy
      const list = (await (await fetch(`${base}/v1/economies?limit=50`)).json()) as {
        data: (Economy & { id: string })[]
      }
      const listed = list.data.find((e) => e.id === 'jp')!
      for (const seen of [single, listed]) {
        if (seen.version !== start.version || seen.summary.en !== start.summary.en)
          problems.push(`reader ${r}: saw v${seen.version}, an unpublished change`)
      }
      reads += 2
    }
    return reads
  }

  const readers = Array.from({ length: READERS }, (_, r) => reader(r))
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w).finally(() => writing--)))
  const reads = (await Promise.all(readers)).reduce((a, b) => a + b, 0)

  t.same(
    problems,
    [],
    'every write answered 200 or 412, no writer saw the entity go back in time, no reader saw an unpublished change',
  )
  t.equal(
    acknowledged.length,
    WRITERS * EDITS_PER_WRITER,
    `${acknowledged.length} writes acknowledged (${conflicts} conflicts retried, ${reads} reads alongside)`,
  )
  t.ok(conflicts > 0, 'the writers did contend for the same version')

  // The working copy goes to review and is published: the public reads every edit at once.
  const last = acknowledged.reduce((a, b) => Math.max(a, b.version), 0)
  const submit = await app.inject({
    method: 'POST',
    url: `${URL_PATH}/submit`,
    headers: { ...keys.editor.headers, 'if-match': `"v${last}"` },
  })
  const publish = await app.inject({
    method: 'POST',
    url: `${URL_PATH}/publish`,
    headers: { ...keys.editor.headers, 'if-match': submit.headers.etag as string },
  })
  t.equal(publish.statusCode, 200, 'submitted and published')
  const final = (await (await fetch(base + URL_PATH)).json()) as Economy
  const tokens = final.summary.en.slice(start.summary.en.length).trim().split(' ')
  t.same(
    [...tokens].sort(),
    acknowledged.map((a) => a.token).sort(),
    'the final text holds every acknowledged edit exactly once: no update was lost',
  )
  t.equal(final.version, start.version + acknowledged.length + 2, 'one version per acknowledged write, submit, publish')

  const revisions = (await app.inject({ url: `${URL_PATH}/revisions`, headers: keys.viewer.headers })).json().data as {
    version: number
    after: Economy
  }[]
  t.same(
    revisions.map((r) => r.version),
    Array.from({ length: final.version }, (_, i) => i + 1),
    'the history has every version, none twice',
  )
  const edits = revisions.slice(start.version, start.version + acknowledged.length)
  const chained = edits.every((r, i) => {
    const before = i === 0 ? start.summary.en : revisions[start.version + i - 1]!.after.summary.en
    return r.after.summary.en.startsWith(`${before} `) && r.after.summary.en.length > before.length
  })
  t.ok(chained, 'each revision builds on the one before it')
  t.same(
    acknowledged.map((a) => a.version).sort((a, b) => a - b),
    edits.map((r) => r.version),
    'each acknowledgement names its own version',
  )
})
