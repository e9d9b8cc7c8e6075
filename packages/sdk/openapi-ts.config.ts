import { defineConfig } from '@hey-api/openapi-ts'

// Run from this folder (`pnpm sdk:generate` at the root). The input must start with `./`:
// a bare path would be read as a registry name.
export default defineConfig({
  input: './../../openapi/openapi.json',
  output: { path: './src/generated', module: { extension: '.js' } },
  plugins: [
    '@hey-api/typescript',
    // Errors throw (as ProblemError, see ../src/client.ts), so a call's type is its success alone.
    { name: '@hey-api/client-fetch', throwOnError: true },
    // One class whose methods are the operations, bound to the client it is built with. Auth is
    // added to every request by the wrapper: reads of drafts need it too, not only `security` ones.
    {
      name: '@hey-api/sdk',
      auth: false,
      operations: { strategy: 'single', containerName: 'AtlasSdk', methods: 'instance' },
    },
  ],
})
