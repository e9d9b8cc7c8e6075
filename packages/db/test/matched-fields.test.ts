// Which fields a search hit names: a term matches a word with the same stem (Latin; the last word
// typed also as the start of one) or a character pair it equals (Chinese), never a mere substring.
import t from 'tap'
import { collectionSpecs, COLLECTION_NAMES } from '@chain-atlas/types'
import {
  firstWordAt,
  lexemes,
  matchedFields,
  readDataset,
  searchTerms,
  snippetOf,
  strings,
  weightOf,
  type Entity,
} from '@chain-atlas/db'

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
  t.same(matchedFields('instruments', entity, 'chips programme'), ['title'], 'both terms in one field')
  t.same(
    matchedFields('instruments', entity, 'microchips programme'),
    ['title', 'summary'],
    'every field holding a term, the title first',
  )
})

t.test('English words meet by their stems; acronyms only as whole words', async (t) => {
  const entity = instrument({
    title: { en: 'Export Administration Regulations (EAR)', zh: '出口管理条例' },
    summary: { en: 'Controls on semiconductors and dual-use items, controlled early', zh: '管制' },
  })
  t.same(matchedFields('instruments', entity, 'export controls'), ['title', 'summary'], 'plural and singular meet')
  t.same(matchedFields('instruments', entity, 'semiconductor'), ['summary'])
  t.same(matchedFields('instruments', entity, 'control'), ['summary'], '-ed and -s forms meet')
  t.same(matchedFields('instruments', entity, 'dual use'), ['summary'], 'hyphenated and spaced forms meet')
  t.same(matchedFields('instruments', entity, 'EAR'), ['title'], 'EAR, in capitals, is not the start of “early”')
  t.same(
    matchedFields('instruments', entity, 'admin'),
    ['title'],
    'the last word typed in lower case may be the start of one',
  )
  t.same(
    searchTerms('the rules of origin').map((term) => term.lexeme),
    ['rule', 'origin'],
    'stop words are left out',
  )
})

t.test('a snippet shows the best matched field around the match, in the query’s language', async (t) => {
  const entity = instrument({
    title: { en: 'Chips Act', zh: '芯片法案' },
    summary: { en: `${'Background. '.repeat(10)}Grants for <fabs> making chips.`, zh: '为晶圆厂提供芯片补贴' },
  })
  t.equal(snippetOf(entity, ['title', 'summary'], 'chips'), '<mark>Chips</mark> Act')
  t.equal(
    snippetOf(entity, ['summary'], 'chips'),
    '…ackground. Background. Background. Grants for &lt;fabs&gt; making <mark>chips</mark>.',
    'an excerpt around the first match, HTML escaped',
  )
  t.equal(snippetOf(entity, ['title'], '芯片法案'), '<mark>芯片法案</mark>', 'Chinese, marked as one run')
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

/** A collection's entries, and every `every`-th distinct word of their titles: queries to try on them. */
const entriesAndTitleWords = (
  dataset: Awaited<ReturnType<typeof readDataset>>['dataset'],
  collection: (typeof COLLECTION_NAMES)[number],
  every: number,
) => {
  const entities = (dataset[collection] as unknown as { record: Entity }[]).map((entry) => entry.record)
  const titles = entities.flatMap((e) => strings(e[collectionSpecs[collection].titleField]))
  const words = [...new Set(titles.join(' ').split(/[\s,.;:()]+/))].filter(Boolean)
  return { entities, words: words.filter((_, i) => i % every === 0) }
}

t.test('over the whole dataset, a field matches exactly when its indexed lexemes hold a term', async (t) => {
  // The index's own definition (every word's lexemes), against matchedFields, which stems only the
  // words where a term's letters are. Queries: words of the entries themselves, in both languages,
  // whole, cut short (typed) and in capitals, and words next to Chinese characters.
  const { dataset } = await readDataset()
  const byIndex = (collection: (typeof COLLECTION_NAMES)[number], entity: Entity, q: string) => {
    const terms = searchTerms(q)
    const fields = ['id', ...collectionSpecs[collection].searchFields].filter((field) => {
      const texts = field === 'id' ? [String(entity.id).replaceAll('-', ' ')] : strings(entity[field])
      const indexed = texts.flatMap(lexemes)
      return terms.some((term) => indexed.some((l) => l === term.lexeme || (term.prefix && l.startsWith(term.lexeme))))
    })
    return fields.sort((a, b) => weightOf(a).localeCompare(weightOf(b)))
  }
  t.ok(Object.values(dataset).flat().length > 100, 'the dataset is read')
  let compared = 0
  const differences: string[] = []
  for (const collection of COLLECTION_NAMES) {
    const { entities, words } = entriesAndTitleWords(dataset, collection, 7)
    const queries = words.flatMap((w) => [w, w.slice(0, Math.max(3, w.length - 2)), w.toUpperCase(), `${w} 芯片`])
    for (const entity of entities.slice(0, 40))
      for (const q of queries) {
        compared++
        const expected = byIndex(collection, entity, q)
        const found = matchedFields(collection, entity, q)
        if (JSON.stringify(found) !== JSON.stringify(expected))
          differences.push(`${collection}/${entity.id} q=${q}: ${found.join(',')} ≠ ${expected.join(',')}`)
      }
  }
  t.ok(compared > 10_000, `${compared} entity and query pairs compared`)
  t.same(differences.slice(0, 10), [], 'no difference')
})

t.test('a Latin word written against Chinese characters is read as the index reads it', async (t) => {
  const entity = instrument({
    title: { en: '芯片security rules', zh: 'security芯片' },
    summary: { en: 'ab芯片security' },
  })
  // "芯片security": a Chinese run, then the word; "security芯片" and "ab芯片security": one run read as characters.
  t.same(matchedFields('instruments', entity, 'security'), ['title'])
  t.equal(snippetOf(entity, ['title'], 'security'), '芯片<mark>security</mark> rules')
})

t.test('a snippet starts reading where a term may be, and marks what reading every word would', async (t) => {
  const entity = instrument({
    title: { en: 'ﬁnal chips rules', zh: 'x' },
    summary: { en: 'Café\u0301 chips, then ＣＨＩＰＳ and chips', zh: 'x' },
  })
  // A ligature folds to two letters, a combining mark into the letter before: read from the start.
  t.equal(snippetOf(entity, ['title'], 'chips'), 'ﬁnal <mark>chips</mark> rules')
  t.equal(
    snippetOf(entity, ['summary'], 'chips'),
    'Café\u0301 <mark>chips</mark>, then <mark>ＣＨＩＰＳ</mark> and <mark>chips</mark>',
  )
  t.equal(firstWordAt('Grants for fabs making chips.', searchTerms('chips')), 'Grants for fabs making '.length)
  t.equal(
    firstWordAt('Grants for microchips.', searchTerms('chips')),
    'Grants for '.length,
    'from the start of the word',
  )
  t.equal(firstWordAt('No match here', searchTerms('chips')), 'No match here'.length)

  // Over the whole dataset: no word before where a snippet starts reading holds a term.
  const { dataset } = await readDataset()
  let skipped = 0
  const misses: string[] = []
  for (const collection of COLLECTION_NAMES) {
    const { entities, words } = entriesAndTitleWords(dataset, collection, 11)
    const queries = words.flatMap((w) => [w, w.slice(0, Math.max(3, w.length - 2))])
    const texts = entities.flatMap((e) => collectionSpecs[collection].searchFields.flatMap((f) => strings(e[f])))
    for (const q of queries) {
      const terms = searchTerms(q)
      for (const text of texts) {
        const at = firstWordAt(text, terms)
        if (at > 0) skipped++
        const before = lexemes(text.slice(0, at))
        const held = terms.find((term) =>
          before.some((l) => l === term.lexeme || (term.prefix && l.startsWith(term.lexeme))),
        )
        if (held) misses.push(`q=${q}: "${held.lexeme}" before ${at} in ${text.slice(0, 80)}`)
      }
    }
  }
  t.ok(skipped > 10_000, `${skipped} texts read from past their start`)
  t.same(misses.slice(0, 10), [], 'nothing skipped holds a term')
})
