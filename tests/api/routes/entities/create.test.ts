import t from 'tap'
import { testApp } from '../../../helpers/app.ts'
import { NEW_SOURCE, newInstrument } from '../../../helpers/entities.ts'
import { countRows } from '../../../helpers/database.ts'
import { adminSession, roleKeys } from '../../../helpers/accounts.ts'

t.test('bad writes are 4xx problems naming the field, and write nothing', async (t) => {
  const { app, database } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const before = {
    instruments: await countRows(database, 'instruments'),
    revisions: await countRows(database, 'revisions'),
  }
  const cases: [string, unknown, number, string][] = [
    ['unknown field', { ...newInstrument(), colour: 'red' }, 400, '/body/colour'],
    ['bad id', { ...newInstrument(), id: 'Not An Id' }, 400, '/body/id'],
    ['wrong enum value', { ...newInstrument(), level: 'planetary' }, 400, '/body/level'],
    ['category of another level', { ...newInstrument(), category: 'nearshoring' }, 400, '/body/category'],
    [
      'unknown currency',
      { ...newInstrument(), amounts: [{ value: 1, currency: 'XYZ', kind: 'funding' }] },
      400,
      '/body/amounts/0/currency',
    ],
    ['empty Chinese', { ...newInstrument(), title: { en: 'x', zh: '' } }, 400, '/body/title/zh'],
    ['source that does not exist', { ...newInstrument(), source_ids: ['no-such-source'] }, 400, '/body/source_ids/0'],
    ['economy that does not exist', { ...newInstrument(), economy_id: 'atlantis' }, 400, '/body/economy_id'],
    ['duplicate id', { ...newInstrument(), id: 'us-chips-and-science-act-2022' }, 409, '/body/id'],
  ]
  for (const [label, payload, status, pointer] of cases) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/instruments',
      headers: keys.curator.headers,
      payload: payload as object,
    })
    t.equal(res.statusCode, status, label)
    t.match(res.headers['content-type'], 'application/problem+json', label)
    t.ok(
      res.json().errors?.some((e: { pointer: string }) => e.pointer === pointer),
      `${label} names ${pointer}: ${res.body}`,
    )
  }
  const malformed = await app.inject({
    method: 'POST',
    url: '/v1/instruments',
    headers: { ...keys.curator.headers, 'content-type': 'application/json' },
    payload: '{"id": ',
  })
  t.equal(malformed.statusCode, 400, 'malformed JSON')
  t.same(
    { instruments: await countRows(database, 'instruments'), revisions: await countRows(database, 'revisions') },
    before,
    'nothing was written',
  )
})

t.test('Idempotency-Key: a retried create returns the first response and creates nothing twice', async (t) => {
  const { app, database } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const send = (payload: object) =>
    app.inject({
      method: 'POST',
      url: '/v1/sources',
      headers: { ...keys.curator.headers, 'idempotency-key': 'retry-1' },
      payload,
    })
  const before = await countRows(database, 'sources')
  const first = await send(NEW_SOURCE)
  const retry = await send(NEW_SOURCE)
  t.equal(first.statusCode, 201)
  t.equal(retry.statusCode, 201, 'the retry gets the first answer, not a 409')
  t.same(retry.json(), first.json())
  t.equal(retry.headers['idempotent-replayed'], 'true')
  t.equal(await countRows(database, 'sources'), before + 1, 'one source created')
  const misuse = await send({ ...NEW_SOURCE, id: 'test-other' })
  t.equal(misuse.statusCode, 422, 'the same key for another request is refused')
})

t.test('lists that may be empty may be left out of a new entry', async (t) => {
  const { app } = await testApp(t)
  const keys = await roleKeys(app, await adminSession(app))
  const { amounts: _a, sector_ids: _s, partner_ids: _p, ...lean } = newInstrument()
  const res = await app.inject({ method: 'POST', url: '/v1/instruments', headers: keys.curator.headers, payload: lean })
  t.equal(res.statusCode, 201)
  t.match(res.json(), { amounts: [], sector_ids: [], partner_ids: [] }, 'they are empty')
  const focus = await app.inject({
    method: 'POST',
    url: '/v1/sector-focuses',
    headers: keys.curator.headers,
    payload: { id: 'test-focus', economy_id: 'us', source_ids: ['paper-hao-ming-2024'] },
  })
  t.equal(focus.statusCode, 400, 'a list that must hold something is still required')
  t.ok(focus.json().errors.some((e: { pointer: string }) => e.pointer === '/body/sectors'))
})
