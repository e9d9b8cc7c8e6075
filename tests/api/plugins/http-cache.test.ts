import t from 'tap'
import { purgeTags } from '../../../apps/api/src/plugins/application/http-cache.ts'
import { testApp } from '../../helpers/app.ts'
import { adminSession } from '../../helpers/accounts.ts'

const ID = 'us-chips-and-science-act-2022'

t.test(
  'public reads may be kept by a CDN: stale while revalidating or on error, tagged with what purges them',
  async (t) => {
    const { app } = await testApp(t)
    const read = async (url: string) => {
      const res = await app.inject(url)
      t.equal(res.statusCode, 200, url)
      return {
        control: String(res.headers['cache-control']).split(', '),
        tags: String(res.headers['cache-tag']).split(','),
        keys: String(res.headers['surrogate-key']).split(' '),
      }
    }
    const entry = await read(`/v1/instruments/${ID}`)
    t.ok(entry.control.includes('public') && entry.control.includes('max-age=60'), 'shareable, fresh for a minute')
    t.ok(entry.control.includes('stale-while-revalidate=60'), 'then served while a cache revalidates it')
    t.ok(entry.control.includes('stale-if-error=86400'), 'and for a day while the API is down')
    t.notOk(entry.control.includes('must-revalidate'), 'which must-revalidate would forbid')
    t.same(entry.tags, [`instruments/${ID}`], 'an entry is tagged with itself')
    t.same(entry.keys, entry.tags, 'Surrogate-Key says the same, space-separated')

    const list = await read('/v1/instruments?include=sources&economy=us')
    t.same(list.tags.sort(), ['instruments', 'sources'], 'a list: its collection and what it includes')
    const compare = await read('/v1/compare?table=1')
    t.same(compare.tags, ['all'], 'a view combining collections: everything')

    // What publishing this instrument purges reaches every answer it changes, and only those.
    const purged = new Set(purgeTags('instruments', ID))
    for (const [name, answer] of Object.entries({ entry, list, compare }))
      t.ok(
        answer.tags.some((tag) => purged.has(tag)),
        `${name}: purged when the instrument is published`,
      )
    const sources = await read('/v1/sources')
    t.notOk(
      sources.tags.some((tag) => purged.has(tag)),
      'the sources list is kept: an instrument does not change it',
    )
  },
)

t.test('a signed-in reader’s answer is private and untagged', async (t) => {
  const { app } = await testApp(t)
  const admin = await adminSession(app)
  const res = await app.inject({ url: `/v1/instruments/${ID}`, headers: admin.headers })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['cache-control'], 'private, no-cache', 'never in a shared cache')
  t.notOk(res.headers['cache-tag'], 'no tags for a CDN')
  t.notOk(res.headers['surrogate-key'])
})

t.test('an answer long enough to be compressed says it varies by Accept-Encoding, plain or not', async (t) => {
  // A shared cache that kept the plain answer without Vary would give it to every client.
  const { app } = await testApp(t)
  const url = '/v1/instruments?economy=us'
  for (const [what, headers] of [
    ['asked for nothing', {}],
    ['asked for gzip', { 'accept-encoding': 'gzip' }],
    ['refusing gzip', { 'accept-encoding': 'gzip;q=0, identity' }],
  ] as const) {
    for (const turn of ['stored', 'from memory']) {
      const res = await app.inject({ url, headers })
      t.equal(res.statusCode, 200, `${what} (${turn})`)
      t.equal(res.headers.vary, 'accept-encoding', `${what} (${turn}): Vary names Accept-Encoding once`)
    }
  }
  const plain = await app.inject({ url, headers: { 'accept-encoding': 'gzip;q=0, identity' } })
  t.notOk(plain.headers['content-encoding'], 'a client refusing gzip gets the plain bytes')
  const etag = String(plain.headers.etag)
  const notModified = await app.inject({ url, headers: { 'if-none-match': etag } })
  t.equal(notModified.statusCode, 304)
  t.equal(notModified.headers.vary, 'accept-encoding', 'a 304 names it too')
  const short = await app.inject('/v1/instruments?economy=cn')
  t.ok(Number(short.headers['content-length']) < 1024, 'an answer under the threshold…')
  t.notOk(short.headers.vary, '…is never compressed, so varies by nothing')
})
