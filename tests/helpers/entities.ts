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
