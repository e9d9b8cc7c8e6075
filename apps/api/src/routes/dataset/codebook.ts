import type { RouteApp } from '../route-app.ts'
import { codebook } from '@chain-atlas/types'
import { NoQuery, ok, readErrors } from '../../responses.ts'

/**
 * The codebook: every collection, field, value type and enumeration, defined in English and
 * Chinese, generated from the schemas (docs/codebook.md is the same as Markdown).
 *
 *   GET /v1/codebook  getCodebook
 */
export default async function codebookRoute(app: RouteApp) {
  app.get(
    '/v1/codebook',
    {
      schema: {
        operationId: 'getCodebook',
        summary: 'Define every field and value of the dataset',
        description:
          'Every collection and its fields (type, whether required, which collection a reference points to), the value types, and every enumeration and category value, each defined in English and Chinese. Generated from the schemas the API validates with; `docs/codebook.md` is the same as Markdown.',
        tags: ['dataset'],
        querystring: NoQuery,
        response: { 200: ok('Codebook', 'The codebook.'), ...readErrors },
      },
      // It changes only with the code: no entry's change invalidates it.
      config: { publicCache: () => [] },
    },
    async () => codebook(),
  )
}
