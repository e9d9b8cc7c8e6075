import t from 'tap'
import { COLLECTION_NAMES } from '@chain-atlas/types'
import { readDataset } from '@chain-atlas/db'
import { testApp } from '../../../helpers/app.ts'

t.test('the export holds every collection with every published entry', async (t) => {
  const { app } = await testApp(t)
  const { dataset } = await readDataset()
  const res = await app.inject('/v1/export')
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(Object.keys(body).sort(), [...COLLECTION_NAMES].sort(), 'one key per collection, named by its path')
  for (const collection of COLLECTION_NAMES) {
    t.equal(body[collection].length, dataset[collection].length, `${collection}: ${dataset[collection].length} entries`)
  }
  const chips = body.instruments.find((i: { id: string }) => i.id === 'us-chips-and-science-act-2022')
  t.match(
    chips,
    { economy_id: 'us', level: 'national', amounts: [{ value: 52700000000, currency: 'USD' }] },
    'full entities, amounts included',
  )
})

t.test('the export is compressed for clients that accept it', async (t) => {
  const { app } = await testApp(t)
  const res = await app.inject({ url: '/v1/export', headers: { 'accept-encoding': 'gzip' } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-encoding'], 'gzip')
})
