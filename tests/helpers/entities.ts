/** A valid new instrument for write tests (a US law citing the paper), with any fields replaced. */
export const newInstrument = (id = 'us-test-instrument-2025', fields: Record<string, unknown> = {}) => ({
  id,
  economy_id: 'us',
  level: 'national',
  category: 'high_end_capacity',
  kind: 'law',
  title: { en: `Test Act ${id}`, zh: `测试法案 ${id}` },
  year: 2025,
  lifecycle: 'in_force',
  summary: { en: 'A test instrument.', zh: '测试政策工具。' },
  amounts: [{ value: 1_000_000_000, currency: 'USD', kind: 'appropriation' }],
  sector_ids: ['semiconductors'],
  partner_ids: [],
  source_ids: ['paper-hao-ming-2024'],
  ...fields,
})

/** A valid new source (a report) for write tests. */
export const NEW_SOURCE = {
  id: 'test-2025-new-report',
  kind: 'report',
  title: { en: 'A new report', zh: '一份新报告' },
  language: 'en',
  published_on: '2025-03',
}

type Injector = { inject: (options: any) => Promise<any> }

/**
 * A change taken to the public as curators and editors do: a merge patch (it goes to the working
 * copy), submit, publish. The answer of the first step that fails, else the publish's.
 */
export const publishChange = async (
  app: Injector,
  headers: Record<string, string>,
  url: string,
  etag: string,
  patch: Record<string, unknown>,
) => {
  const edit = await app.inject({
    method: 'PATCH',
    url,
    headers: { ...headers, 'content-type': 'application/merge-patch+json', 'if-match': etag },
    payload: patch,
  })
  if (edit.statusCode !== 200) return edit
  const submitted = await app.inject({
    method: 'POST',
    url: `${url}/submit`,
    headers: { ...headers, 'if-match': edit.headers.etag },
  })
  if (submitted.statusCode !== 200) return submitted
  return app.inject({
    method: 'POST',
    url: `${url}/publish`,
    headers: { ...headers, 'if-match': submitted.headers.etag },
  })
}
