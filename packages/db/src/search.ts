import { stemmer } from 'stemmer'
import { collectionSpecs, type CollectionName } from '@chain-atlas/types'

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const WORDS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[\p{L}\p{N}]+/gu

/**
 * A Latin word as search compares it: its English stem, so that plurals and -ing/-ed forms meet
 * (`controls`, `controlled` → `control`). Words of three letters or fewer are kept whole: they are
 * mostly acronyms (`EAR` must not meet `early`).
 */
export const stem = (word: string) => {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word
  let stemmed = stems.get(word)
  if (stemmed === undefined) {
    // The entries' vocabulary is some thousands of words: a search's matches and snippets stem
    // the same ones again and again (it was a fifth of a search's CPU). Bounded: queries add words.
    if (stems.size >= MAX_STEMS) stems.clear()
    stemmed = stemmer(word)
    stems.set(word, stemmed)
  }
  return stemmed
}
const stems = new Map<string, string>()
const MAX_STEMS = 50_000

/**
 * Lexemes for bilingual search. Latin words are stemmed (lower case); Chinese and Japanese, which
 * have no spaces, are indexed as single characters and bigrams, so that `芯片` finds
 * `芯片与科学法案` without a dictionary.
 */
export const lexemes = (text: string): string[] => {
  const out: string[] = []
  for (const [run] of fold(text).matchAll(WORDS)) {
    if (!CJK.test(run)) {
      out.push(stem(run))
      continue
    }
    const chars = [...run]
    chars.forEach((char, i) => {
      out.push(char)
      if (i + 1 < chars.length) out.push(char + chars[i + 1])
    })
  }
  return out
}

/** Every string inside a value (texts, lists, nested objects), without the keys. */
export const strings = (value: unknown, into: string[] = []): string[] => {
  if (typeof value === 'string') into.push(value)
  else if (Array.isArray(value)) for (const v of value) strings(v, into)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, into)
  return into
}

/**
 * How much a match in a field counts (PostgreSQL's weights, A highest): what names an entry, then
 * what summarises it, then the rest. The id's words count as a summary's.
 */
export const FIELD_WEIGHTS: Record<string, 'A' | 'B'> = {
  title: 'A',
  name: 'A',
  acronym: 'A',
  term: 'A',
  strategy: 'A',
  statement: 'A',
  summary: 'B',
  description: 'B',
  definition: 'B',
  labels: 'B',
  id: 'B',
}
export const weightOf = (field: string) => FIELD_WEIGHTS[field] ?? 'C'

/**
 * A collection's searchable fields, its id first among them, in the order a match lists them: the
 * most telling first (a stable sort by weight).
 */
export const matchFieldsOf = (collection: CollectionName): readonly string[] => matchFields[collection]
const matchFields = Object.fromEntries(
  Object.entries(collectionSpecs).map(([collection, spec]) => [
    collection,
    Object.freeze(['id', ...spec.searchFields].sort((a, b) => weightOf(a).localeCompare(weightOf(b)))),
  ]),
) as Record<CollectionName, readonly string[]>

/** The texts of a searchable field of an entity (an id as its words). */
const textsOf = (entity: Record<string, unknown>, field: string) =>
  field === 'id' ? [String(entity.id ?? '').replaceAll('-', ' ')] : strings(entity[field])

/**
 * The search documents of an entity, written with its row, from each searchable field's lexemes
 * (its id among them), read once for both:
 * - `search_tokens`: each distinct lexeme with the weight of the most telling field it is in
 *   (`chip:1A`), as a tsvector literal: what search finds and ranks entries by;
 * - `search_fields`: each field's lexemes, in `matchFieldsOf` order, as a PostgreSQL array of
 *   tsvectors (`{"chip scienc act","chip",…}`): a search's page asks PostgreSQL which fields hold a
 *   term (`@@` on each) instead of the API reading every field of every hit for it (the most of a
 *   search's CPU).
 * Lexemes hold only letters and digits, so none of these literals needs quoting inside.
 */
export const searchDocuments = (collection: CollectionName, record: Record<string, unknown>) => {
  const weights = new Map<string, string>()
  const vectors: string[] = []
  for (const field of matchFieldsOf(collection)) {
    const own = new Set(textsOf(record, field).flatMap(lexemes))
    // The fields come most telling first: a lexeme's first weight is its best.
    for (const lexeme of own) if (!weights.has(lexeme)) weights.set(lexeme, weightOf(field))
    vectors.push(`"${[...own].join(' ')}"`)
  }
  return {
    search_tokens: [...weights].map(([lexeme, weight]) => `${lexeme}:1${weight}`).join(' '),
    search_fields: `{${vectors.join(',')}}`,
  }
}

/** Words that carry no meaning of their own in a query (kept when a query holds nothing else). */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'for',
  'to',
  'in',
  'on',
  'by',
  'with',
  'at',
  'from',
  'or',
  'its',
])

/** At most this many terms count in a query: a pasted paragraph is not a search. */
const MAX_TERMS = 32

/** The distinct Chinese or Japanese characters of a query, at most MAX_TERMS of them. */
export const cjkCharacters = (q: string): string[] =>
  [...new Set(q.normalize('NFKC').match(EVERY_CJK) ?? [])].slice(0, MAX_TERMS)
const EVERY_CJK = new RegExp(CJK.source, 'gu')

/** One term of a query: a stemmed Latin word (`prefix`: the last word, being typed), a CJK character or bigram. */
export type SearchTerm = { lexeme: string; prefix: boolean }

/**
 * Economies as Chinese names them in a pair or a list, one character each (`美欧`: the US and the
 * EU; `美日印澳`: the Quad), and the first bigram of the name the data writes (`美国`, `欧盟`).
 */
const ECONOMY_CHARACTERS: Record<string, string> = {
  美: '美国',
  日: '日本',
  欧: '欧盟',
  中: '中国',
  印: '印度',
  澳: '澳大',
  韩: '韩国',
  英: '英国',
  德: '德国',
  法: '法国',
  俄: '俄罗',
  加: '加拿',
}

/** The names a run starting with two or more economies' characters stands for (`美日印澳…`). */
const economiesNamed = (run: string): string[] => {
  const leading: string[] = []
  for (const character of run) {
    if (!ECONOMY_CHARACTERS[character]) break
    leading.push(ECONOMY_CHARACTERS[character]!)
  }
  return leading.length >= 2 ? leading : []
}

/**
 * The terms of a search. Latin words by their stems (stop words left out), the last one also as a
 * prefix while it is being typed (three letters or more, and not in capitals: an acronym is a whole
 * word); Chinese and
 * Japanese runs by their bigrams, each a term of its own, so that `芯片法案` finds a title holding
 * `芯片` and `法案` apart, and ranks the one holding all three bigrams first. A run that starts
 * with economies' characters (`美欧贸易…`) also looks for their names (`美国`, `欧盟`), which hold
 * none of its first bigrams.
 */
export const searchTerms = (q: string): readonly SearchTerm[] => {
  let terms = termsOfQueries.get(q)
  if (!terms) {
    // A search reads its query's terms four times (its statement's shape, conditions, match and
    // term statistics); queries repeat. Bounded: clients make up queries.
    if (termsOfQueries.size >= MAX_QUERIES) termsOfQueries.clear()
    terms = Object.freeze(termsOf(q).map((term) => Object.freeze(term)))
    termsOfQueries.set(q, terms)
  }
  return terms
}
const termsOfQueries = new Map<string, readonly SearchTerm[]>()
const MAX_QUERIES = 10_000

const termsOf = (q: string): SearchTerm[] => {
  const runs = [...q.normalize('NFKC').matchAll(WORDS)].map(([run]) => run)
  const meaningful = runs.filter((run) => CJK.test(run) || !STOP_WORDS.has(run.toLowerCase()))
  const kept = meaningful.length ? meaningful : runs
  const terms = new Map<string, SearchTerm>()
  kept.forEach((written, i) => {
    const run = written.toLowerCase()
    if (!CJK.test(run)) {
      // The last word may be half typed (`Jap`), unless it is written in capitals: an acronym (`EAR`).
      const typing = i === kept.length - 1 && run.length >= 3 && written !== written.toUpperCase()
      terms.set(stem(run), { lexeme: stem(run), prefix: typing })
    } else if ([...run].length === 1) terms.set(run, { lexeme: run, prefix: false })
    else
      for (const l of [...lexemes(run).filter((l) => [...l].length === 2), ...economiesNamed(run)])
        terms.set(l, { lexeme: l, prefix: false })
  })
  return [...terms.values()].slice(0, MAX_TERMS)
}

/** A term as a tsquery operand; lexemes hold only letters and digits, so quoting is safe. */
export const termQuery = (term: SearchTerm) => `'${term.lexeme}'${term.prefix ? ':*' : ''}`

/** The tsquery of a search: any of its terms (how many, and where, decides the rank). */
export const searchQuery = (q: string): string | null => {
  const terms = searchTerms(q)
  return terms.length ? terms.map(termQuery).join(' | ') : null
}

/** How many of a query's terms an entry must hold: half of them, rounded up. */
export const termsNeeded = (terms: readonly SearchTerm[]) => Math.ceil(terms.length / 2)

/** Past this many ways of choosing the terms an entry must hold, `atLeastQuery` gives up. */
const MAX_CHOICES = 64

const choices = <T>(items: readonly T[], k: number): T[][] =>
  k === 0 ? [[]] : items.flatMap((item, i) => choices(items.slice(i + 1), k - 1).map((rest) => [item, ...rest]))

const binomial = (n: number, k: number) => {
  let out = 1
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i
  return out
}

/**
 * The tsquery of the entries holding enough of the terms (`termsNeeded`): each way of choosing
 * them, joined by `|`, so that a row's search document is read once to test it, not once per term
 * (each test reads the document again: a third of the cost when it was kept in TOAST). Undefined
 * when the ways are too many (eight terms or more).
 */
export const atLeastQuery = (terms: readonly SearchTerm[]): string | undefined => {
  const needed = termsNeeded(terms)
  if (binomial(terms.length, needed) > MAX_CHOICES) return undefined
  return choices(terms, needed)
    .map((chosen) => `(${chosen.map(termQuery).join(' & ')})`)
    .join(' | ')
}

/**
 * What a text must contain (normalized and lower case) to hold a term: a stem differs from the
 * words it comes from in its last letter at most (`polici` ← `policy`, `hope` ← `hoping`), a short
 * word or a CJK bigram is itself. Most fields of most results hold none of the query's terms, and
 * this test spares them stemming every word (a search's miss spent most of its time there).
 */
const mustContain = (term: SearchTerm) => (term.lexeme.length > 3 ? term.lexeme.slice(0, -1) : term.lexeme)

const holds = (lexemes: string[], term: SearchTerm) =>
  lexemes.some((l) => l === term.lexeme || (term.prefix && l.startsWith(term.lexeme)))

/**
 * A text as search compares it: NFKC, lower case. ASCII is its own NFKC, and skipping ICU for
 * it spares a search's matches a third of their folding (most texts of a page are English).
 */
const fold = (text: string) => (NON_ASCII.test(text) ? text.normalize('NFKC').toLowerCase() : text.toLowerCase())
// biome-ignore lint/suspicious/noControlCharactersInRegex: every character outside ASCII
const NON_ASCII = /[^\u0000-\u007f]/

const LETTER = /[\p{L}\p{N}]/u

/**
 * The word of a text around position `at` (a letter), as `WORDS` reads it. `WORDS` reads a run of
 * letters from its start: a Chinese or Japanese lead as a word of its own, then the rest of the
 * run as one word, indexed as characters and pairs (`lexemes`) when it holds any Chinese or Japanese.
 */
const wordAt = (text: string, at: number) => {
  let start = at
  let end = at
  while (start > 0 && LETTER.test(text[start - 1]!)) start--
  while (end < text.length && LETTER.test(text[end]!)) end++
  while (start < at && CJK.test(text[start]!)) start++
  const word = text.slice(start, end)
  return { word, asCharacters: CJK.test(word) }
}

/**
 * Whether a text (normalized, lower case) holds a term as `lexemes` indexes it, stemming only the
 * words where the term's letters are: stemming every word of every field of every result was most
 * of a search's CPU. A term is in a run read as characters exactly when it is one or two of them.
 */
const textHolds = (normal: string, term: SearchTerm): boolean => {
  if (CJK.test(term.lexeme)) return normal.includes(term.lexeme)
  const short = [...term.lexeme].length <= 2
  const letters = mustContain(term)
  for (let at = normal.indexOf(letters); at >= 0; at = normal.indexOf(letters, at + 1)) {
    const { word, asCharacters } = wordAt(normal, at)
    if (asCharacters ? short : holds([stem(word)], term)) return true
  }
  return false
}

/**
 * The words of a text from `from`, in order and lazily, with where each starts and the lexemes it
 * is indexed as: a Latin word's stem (only when it may be one of `terms`: `[]` otherwise), or for
 * each character of a Chinese or Japanese run, itself and its bigram with the next.
 */
function* wordsOf(text: string, terms: readonly SearchTerm[], from: number) {
  NEXT_WORD.lastIndex = from
  for (let m = NEXT_WORD.exec(text); m; m = NEXT_WORD.exec(text)) {
    const word = m[0]
    if (!CJK.test(word)) {
      const normal = fold(word)
      const may = terms.some((term) => normal.includes(mustContain(term)))
      yield { at: m.index, length: word.length, lexemes: may ? [stem(normal)] : [] }
      continue
    }
    const chars = [...word]
    let at = m.index
    for (const [i, char] of chars.entries()) {
      const next = chars[i + 1]
      yield { at, length: char.length + (next?.length ?? 0), lexemes: next ? [char, char + next] : [char] }
      at += char.length
    }
  }
}

const NEXT_WORD = new RegExp(WORDS.source, 'gu')

/** What folding (NFKC, lower case) may change the length of a character by contracting it. */
const MAY_CONTRACT = /[\p{M}\u1100-\u11FF\uD800-\uDFFF]/u

/**
 * Where a text's first word that may hold a term starts: the start of the run of letters around the
 * first place a term's letters are in the folded text (NFKC, lower case); the text's length when
 * they are nowhere. Found in the folded text, a place is the same in the text only when folding
 * changed no character's length: without a combining mark, a Hangul jamo or a surrogate nothing
 * contracts, so an unchanged length means nothing expanded either. Otherwise, the start of the
 * text: a snippet of a long summary read every word before its first match (most of a search's
 * time spent on its matches).
 */
export const firstWordAt = (text: string, terms: readonly SearchTerm[]) => {
  const ascii = !NON_ASCII.test(text)
  const folded = ascii ? text.toLowerCase() : fold(text)
  if (!ascii && (folded.length !== text.length || MAY_CONTRACT.test(text))) return 0
  let first = text.length
  for (const term of terms) {
    const at = folded.indexOf(CJK.test(term.lexeme) ? term.lexeme : mustContain(term))
    if (at >= 0 && at < first) first = at
  }
  while (first > 0 && first < text.length && LETTER.test(text[first - 1]!)) first--
  return first
}

/** Characters of context a snippet keeps on each side of its first match. */
const CONTEXT = 60

/** The words of a text holding a term, from the first to `CONTEXT * 2` characters past it (what a snippet shows). */
const marksIn = (text: string, terms: readonly SearchTerm[]) => {
  const marks: { at: number; length: number }[] = []
  for (const word of wordsOf(text, terms, firstWordAt(text, terms))) {
    if (marks.length && word.at >= marks[0]!.at + CONTEXT * 2) break
    if (terms.some((term) => holds(word.lexemes, term))) marks.push(word)
  }
  return marks
}

/** Which searchable fields of an entity (its id among them) hold any term of the query, the most telling first. */
export const matchedFields = (collection: CollectionName, entity: Record<string, unknown>, q: string): string[] =>
  fieldsHolding(collection, entity, searchTerms(q))

/** `matchedFields` with the query's terms read already. */
export const fieldsHolding = (
  collection: CollectionName,
  entity: Record<string, unknown>,
  terms: readonly SearchTerm[],
): string[] => {
  return matchFieldsOf(collection).filter((field) =>
    textsOf(entity, field).some((text) => {
      const normal = fold(text)
      return terms.some((term) => textHolds(normal, term))
    }),
  )
}

/**
 * Marks that overlap or touch, as one: `半导体` holds `半导` and `导体`, which overlap, and is one
 * mark (the second was dropped, leaving `<mark>半导</mark>体`).
 */
const joined = (marks: { at: number; length: number }[]) => {
  const out: { at: number; end: number }[] = []
  for (const { at, length } of marks) {
    const last = out.at(-1)
    if (last && at <= last.end) last.end = Math.max(last.end, at + length)
    else out.push({ at, end: at + length })
  }
  return out
}

const escapeHtml = (text: string) => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)

/**
 * A short excerpt of the most telling matched field, in the query's language, with each matched
 * word in `<mark>…</mark>` (the rest HTML-escaped): what a result list shows under a title.
 */
export const snippetOf = (entity: Record<string, unknown>, fields: readonly string[], q: string): string | undefined =>
  snippetWith((field) => entity[field], fields, searchTerms(q), languageOf(q))

/**
 * What a search result says of its match: its rank, the searchable fields that hold a term (the
 * most telling first), and a snippet of the first that has one, its fields read by `fieldValue`.
 */
export const matchWith = (
  fieldValue: (field: string) => unknown,
  fields: readonly string[],
  terms: readonly SearchTerm[],
  lang: 'en' | 'zh',
  rank: number,
) => {
  const snippet = snippetWith(fieldValue, fields, terms, lang)
  return { rank, fields, ...(snippet ? { snippet } : {}) }
}

/** The language a query is written in, as a snippet shows it. */
export const languageOf = (q: string) => (CJK.test(q) ? 'zh' : 'en')

/**
 * `snippetOf` with the query's terms and language read already, and the entry's fields read as
 * the snippet needs them (`fieldValue`): most often the first alone.
 */
export const snippetWith = (
  fieldValue: (field: string) => unknown,
  fields: readonly string[],
  terms: readonly SearchTerm[],
  lang: 'en' | 'zh',
): string | undefined => {
  for (const field of fields) {
    if (field === 'id') continue
    const value = fieldValue(field)
    const texts =
      value && typeof value === 'object' && !Array.isArray(value) && lang in value
        ? [String((value as Record<string, unknown>)[lang])]
        : strings(value)
    for (const text of texts) {
      const marks = marksIn(text, terms)
      if (!marks.length) continue
      const from = Math.max(0, marks[0]!.at - CONTEXT)
      const to = Math.min(text.length, marks[0]!.at + CONTEXT * 2)
      let out = ''
      let at = from
      for (const mark of joined(marks.filter((m) => m.at >= from && m.at + m.length <= to))) {
        out += `${escapeHtml(text.slice(at, mark.at))}<mark>${escapeHtml(text.slice(mark.at, mark.end))}</mark>`
        at = mark.end
      }
      out += escapeHtml(text.slice(at, to))
      return `${from > 0 ? '…' : ''}${out}${to < text.length ? '…' : ''}`
    }
  }
  return undefined
}
