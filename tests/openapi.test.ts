import { readFile } from 'node:fs/promises'
import t from 'tap'
import { testApp } from './helpers/app.ts'

const committedPath = new URL('../openapi/openapi.json', import.meta.url)

t.test('the committed OpenAPI document is the one the code generates', async (t) => {
  const { app } = await testApp(t, 'migrated')
  const generated = `${JSON.stringify(app.swagger(), null, 2)}\n`
  const committed = await readFile(committedPath, 'utf8')
  t.ok(generated === committed, 'openapi/openapi.json is up to date (run `pnpm openapi:generate` and commit it)')
})

t.test('every operation is documented for SDK generators', async (t) => {
  const document = JSON.parse(await readFile(committedPath, 'utf8'))
  t.equal(document.openapi, '3.1.0')
  const ids = new Set<string>()
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
    for (const [method, operation] of Object.entries<any>(item)) {
      const where = `${method.toUpperCase()} ${path}`
      t.match(operation.operationId, /^[a-z][A-Za-z]+$/, `${where} has a camelCase operationId`)
      t.notOk(ids.has(operation.operationId), `${where}: operationId is unique`)
      ids.add(operation.operationId)
      t.ok(operation.summary && operation.tags?.length, `${where} has a summary and tags`)
      for (const [status, response] of Object.entries<any>(operation.responses)) {
        if (Number(status) >= 400) {
          t.ok(response.content?.['application/problem+json'], `${where} ${status} is problem+json`)
        }
      }
    }
  }
  for (const name of ['Economy', 'Instrument', 'ChinaStrategy', 'Problem', 'InstrumentList', 'Export']) {
    t.ok(document.components.schemas[name], `component ${name} is named`)
  }
})
