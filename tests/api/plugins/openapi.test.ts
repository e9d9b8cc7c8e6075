import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import t from 'tap'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { testApp } from '../../helpers/app.ts'

const committedPath = new URL('../../../openapi/openapi.json', import.meta.url)

t.test('the committed OpenAPI documents are the ones the code generates', async (t) => {
  const { app } = await testApp(t, 'migrated')
  const generated = `${JSON.stringify(app.swagger(), null, 2)}\n`
  t.ok(
    generated === (await readFile(committedPath, 'utf8')),
    'openapi/openapi.json is up to date (run `pnpm openapi:generate` and commit it)',
  )
  const yaml = app.swagger({ yaml: true })
  t.ok(
    yaml === (await readFile(new URL('../../../openapi/openapi.yaml', import.meta.url), 'utf8')),
    'openapi/openapi.yaml is up to date',
  )
  const served = await app.inject('/openapi.json')
  t.same(served.json(), JSON.parse(generated), 'the server publishes the same document at /openapi.json')
})

t.test('Redocly’s recommended rules find no error and no warning', async (t) => {
  const { stdout } = await promisify(execFile)(
    'pnpm',
    ['exec', 'redocly', 'lint', 'openapi/openapi.json', '--format=json'],
    {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  ).catch((error: { stdout: string }) => ({ stdout: error.stdout }))
  const report = JSON.parse(stdout.slice(stdout.indexOf('{')))
  t.same(report.totals, { errors: 0, warnings: 0, ignored: 0 }, JSON.stringify(report.problems?.slice(0, 5)))
})

t.test('the interactive reference at /docs serves its own assets', async (t) => {
  const { app } = await testApp(t, 'migrated')
  const page = await app.inject('/docs/')
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], 'text/html')
  const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
  t.ok(assets.length > 0)
  t.notOk(
    assets.some((a) => /^(https?:)?\/\//.test(a)),
    'no asset from another host (works offline)',
  )
  for (const asset of assets.filter((a) => /\.(js|css)$/.test(a))) {
    const res = await app.inject(new URL(asset, 'http://localhost/docs/').pathname)
    t.equal(res.statusCode, 200, asset)
  }
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
      t.ok(operation.description?.length > 20, `${where} has a description`)
      t.notMatch(
        operation.summary,
        /\ba (economy|instrument|alliance|assessment|API)\b/,
        `${where}: “an” before a vowel`,
      )
      for (const [type, media] of Object.entries<any>(operation.requestBody?.content ?? {})) {
        const ref = media.schema.$ref as string | undefined
        const schema = ref ? document.components.schemas[ref.split('/').at(-1)!] : media.schema
        t.ok(
          Object.keys(schema.properties ?? {}).length > 0,
          `${where} (${type}): the body schema names its properties, so SDKs type it`,
        )
      }
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

t.test('every public read has an example, from the seed, that its response schema accepts', async (t) => {
  const document = JSON.parse(await readFile(committedPath, 'utf8'))
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }))
  // The document itself is the schema registry: `#/components/schemas/X` resolves inside it.
  ajv.addSchema({ $id: 'contract', components: document.components }, 'contract')
  const local = (schema: unknown) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"contract#/components/'))
  let reads = 0
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
    const operation = item.get
    if (!operation || operation.security?.length) continue
    reads++
    const json = operation.responses['200'].content['application/json']
    t.ok(json?.example !== undefined, `GET ${path} has an example`)
    if (json?.example === undefined) continue
    const validate = ajv.compile(local(json.schema))
    t.ok(validate(json.example), `GET ${path}: the example is valid: ${ajv.errorsText(validate.errors)}`)
  }
  t.ok(reads > 40, `${reads} public reads`)
})
