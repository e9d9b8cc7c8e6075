import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'
import { checkOpenapiTypescript } from '../scripts/check-openapi-typescript.ts'
import { testApp } from '../../../tests/helpers/app.ts'

const run = promisify(execFile)

t.test('packages/sdk/src/generated is what @hey-api/openapi-ts makes of the committed contract', async (t) => {
  const result = await run(process.execPath, ['--import', 'tsx', 'packages/sdk/scripts/generate.ts', '--check'])
    .then(() => ({ code: 0, stderr: '' }))
    .catch((error: { code: number; stderr: string }) => error)
  t.equal(result.code, 0, result.stderr || 'up to date (else run `pnpm sdk:generate` and commit it)')
})

t.test(
  'openapi-typescript generates the contract without a warning, and an openapi-fetch client on it works',
  async (t) => {
    const { warnings, typeErrors, example } = await checkOpenapiTypescript()
    t.same(warnings, [], 'no warning from the generator')
    t.same(typeErrors, [], 'the openapi-fetch example type-checks against the generated types')

    const { app } = await testApp(t)
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
    const { stdout } = await run(process.execPath, ['--import', 'tsx', example], {
      env: { ...process.env, CHAIN_ATLAS_URL: baseUrl },
    })
    const answer = JSON.parse(stdout)
    t.ok(answer.titles.length > 0, 'a search')
    t.equal(answer.year, 2022, 'an entry, typed')
    t.equal(answer.etag, '"v1"', 'with its ETag')
    t.equal(answer.problem, 404, 'and a typed problem')
  },
)
