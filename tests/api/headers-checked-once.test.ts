import t from 'tap'
import { createServer, type ServerResponse } from 'node:http'
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { headersCheckedOnce, writeHeadChecked } from '../../apps/api/src/performance/headers-checked-once.ts'

// An answer from memory hands Node its headers checked once (issue 24, item 4): the bytes on the
// wire must be those Node writes from the plain header list, and the connection must stay open.

const LIST = [
  'content-type',
  'application/json; charset=utf-8',
  'etag',
  '"v3"',
  'cache-control',
  'public, max-age=60',
  'content-length',
  '2',
  'x-request-id',
  '',
]
const EXTRA = ['ratelimit-remaining', '41', 'strict-transport-security', 'max-age=31536000; includeSubDomains']

/** A server answering `/plain` from the list and `/checked` from the record, with the same id. */
const serve = async (t: { teardown(fn: () => unknown): void }) => {
  const record = headersCheckedOnce(LIST)!
  const server = createServer((req, res: ServerResponse) => {
    res.sendDate = false
    const status = req.url!.endsWith('304') ? 304 : 200
    const extra = req.url!.includes('extra') ? EXTRA : []
    if (req.url!.includes('before')) res.setHeader('x-set-before', 'kept')
    if (req.url!.startsWith('/plain')) res.writeHead(status, [...LIST.slice(0, -1), 'trace-7', ...extra])
    else writeHeadChecked(res, status, record, 'trace-7', extra)
    status === 304 ? res.end() : res.end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise((resolve) => server.close(resolve)))
  return (server.address() as AddressInfo).port
}

/** Sends each path on one keep-alive connection, in order; the raw answers. */
const exchange = (port: number, paths: string[]) =>
  new Promise<string[]>((resolve, reject) => {
    let text = ''
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(paths.map((p) => `GET ${p} HTTP/1.1\r\nHost: atlas\r\n\r\n`).join('')),
    )
    socket.setEncoding('latin1').on('data', (chunk) => {
      text += chunk
      const answers = text.split(/(?=HTTP\/1\.1 )/)
      if (answers.length === paths.length && /\r\n\r\n(\{\})?$/.test(text)) {
        socket.end()
        resolve(answers)
      }
    })
    socket.on('error', reject)
  })

t.test('the record of headers checked once gives the bytes of the list, on a connection kept open', async (t) => {
  const port = await serve(t)
  const answers = await exchange(port, [
    '/plain',
    '/checked',
    '/plain-extra',
    '/checked-extra',
    '/plain-304',
    '/checked-304',
  ])
  t.equal(answers.length, 6, 'six answers on one connection: none closed it')
  t.equal(answers[1], answers[0], 'a 200: the same bytes')
  t.equal(answers[3], answers[2], 'with headers of this request only: the same bytes')
  t.equal(answers[5], answers[4], 'a 304: the same bytes')
  t.match(answers[1], /^HTTP\/1\.1 200 OK\r\ncontent-type: application\/json; charset=utf-8\r\netag: "v3"\r\n/)
  t.match(answers[3], /x-request-id: trace-7\r\nratelimit-remaining: 41\r\nstrict-transport-security: /)
  t.match(answers[1], /Connection: keep-alive\r\n/, 'Node read the content length: keep-alive')
  const [plain, checked] = await exchange(port, ['/plain-before', '/checked-before'])
  t.equal(checked, plain, 'a header set on the response before: the same bytes')
  t.match(checked, /x-set-before: kept\r\n/, 'it stays')
})

t.test('a header Node would refuse is never taken as checked', async (t) => {
  t.equal(headersCheckedOnce(['x-bad', 'one\r\ninjected: two']), undefined, 'a line break in a value')
  t.equal(headersCheckedOnce(['bad name', 'x']), undefined, 'a space in a name')
  t.ok(headersCheckedOnce(['x-fine', 'value']), 'a good header is')
})
