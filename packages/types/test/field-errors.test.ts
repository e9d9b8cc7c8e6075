import t from 'tap'
import { TEXT_PATTERN, TEXT_PATTERN_DETAIL, fieldErrors, type ValidationIssue } from '@chain-atlas/types'

const issues: ValidationIssue[] = [
  { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'colour' } },
  { instancePath: '/title', keyword: 'required', params: { missingProperty: 'zh' } },
  { instancePath: '/level', keyword: 'enum', params: { allowedValues: ['national', 'regional'] } },
  { instancePath: '/summary/en', keyword: 'pattern', params: { pattern: TEXT_PATTERN }, message: 'must match pattern' },
  { instancePath: '/code', keyword: 'pattern', params: { pattern: '^x$' }, message: 'must match pattern "^x$"' },
  { instancePath: '/limit', keyword: 'maximum', params: { limit: 200 }, message: 'must be <= 200' },
  { instancePath: '/limit', keyword: 'type', params: {} },
]

t.test('a value on its own: pointers from its root, one error per field (the first)', async (t) => {
  t.same(fieldErrors(issues), [
    { pointer: '/colour', detail: 'is not a known field' },
    { pointer: '/title/zh', detail: 'is required' },
    { pointer: '/level', detail: 'must be one of: national, regional' },
    { pointer: '/summary/en', detail: TEXT_PATTERN_DETAIL },
    { pointer: '/code', detail: 'must match pattern "^x$"' },
    { pointer: '/limit', detail: 'must be <= 200' },
  ])
})

t.test('a part of a request: pointers from that part; a query has parameters, a body fields', async (t) => {
  t.same(fieldErrors(issues.slice(0, 2), 'querystring'), [
    { pointer: '/query/colour', detail: 'is not a known parameter' },
    { pointer: '/query/title/zh', detail: 'is required' },
  ])
  t.same(fieldErrors(issues.slice(0, 1), 'body'), [{ pointer: '/body/colour', detail: 'is not a known field' }])
  t.same(fieldErrors(issues.slice(5, 6), 'params'), [{ pointer: '/path/limit', detail: 'must be <= 200' }])
  t.same(fieldErrors(issues.slice(5, 6), 'headers'), [{ pointer: '/header/limit', detail: 'must be <= 200' }])
  t.same(fieldErrors(issues.slice(5, 6), 'request'), [{ pointer: '/request/limit', detail: 'must be <= 200' }])
})
