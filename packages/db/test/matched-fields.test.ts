// Which fields a search hit names: a term matches a word it starts (Latin) or a character pair
// it equals (Chinese), never a mere substring inside a longer word.
import t from 'tap'
import { matchedFields, type Entity } from '@chain-atlas/db'

const instrument = (fields: Record<string, unknown>) => ({ id: 'us-test-act-2026', ...fields }) as unknown as Entity

t.test('a Latin term matches the start of a word, in any case and width', async (t) => {
  const entity = instrument({
    title: { en: 'The CHIPSET Programme', zh: '芯片组计划' },
    summary: { en: 'Microchips for all', zh: '微芯片' },
  })
  t.same(
    matchedFields('instruments', entity, 'chips'),
    ['title'],
    '“chipset” starts with chips; “microchips” only holds it',
  )
  t.same(matchedFields('instruments', entity, 'ｃｈｉｐｓ'), ['title'], 'full-width letters fold to the same term')
  t.same(matchedFields('instruments', entity, 'test'), ['id'], 'the id is searched as words too')
  t.same(matchedFields('instruments', entity, 'chips programme'), ['title'], 'every term in one field')
  t.same(matchedFields('instruments', entity, 'chips microchips'), [], 'terms split across fields match none')
})

t.test('a Chinese term matches as character pairs', async (t) => {
  const entity = instrument({ title: { en: 'Chip plan', zh: '芯片组计划' }, summary: { en: 'x', zh: '芯 片' } })
  t.same(
    matchedFields('instruments', entity, '芯片'),
    ['title'],
    'the pair 芯片 is in the title; the summary holds both characters apart',
  )
  t.same(
    matchedFields('instruments', entity, '芯'),
    ['title', 'summary'],
    'a single character matches wherever it stands',
  )
})
