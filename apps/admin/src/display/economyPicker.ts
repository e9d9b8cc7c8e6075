import type { Bilingual } from '../collections.ts'

/** The paper's economies, in its order: first wherever economies are listed or picked. */
export const PAPER_ECONOMIES = ['us', 'jp', 'eu', 'cn']

type Named = { id: string; name?: Bilingual }

const nameIn = (economy: Named, locale: string) =>
  (locale === 'zh' ? (economy.name?.zh ?? economy.name?.en) : (economy.name?.en ?? economy.name?.zh)) ?? economy.id

const paperRank = (id: string) => {
  const at = PAPER_ECONOMIES.indexOf(id)
  return at < 0 ? PAPER_ECONOMIES.length : at
}

/** The order of a picker with nothing typed: the paper's economies, then the rest by name in the UI language. */
export const economyOrder = (locale: string) => {
  const collator = new Intl.Collator(locale === 'zh' ? 'zh' : 'en', { sensitivity: 'base' })
  return (a: Named, b: Named) =>
    paperRank(a.id) - paperRank(b.id) ||
    collator.compare(nameIn(a, locale), nameIn(b, locale)) ||
    (a.id < b.id ? -1 : 1)
}

/** Lower case, without accents: "Côte" is typed "cote". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** Where words begin: after a space, a hyphen, a bracket or other punctuation. */
const WORD_START = /(?:^|[\s\p{P}])(?=[^\s\p{P}])/gu

/** The words of a text from each word's start to the end (`"European Union"` → both, `"Union"`). */
const wordStarts = (text: string) =>
  [...fold(text).matchAll(WORD_START)].map((m) => fold(text).slice(m.index + m[0].length))

/**
 * How well an economy matches what was typed: 0 when a name or the id starts with it, 1 when a
 * later word of a name does, null when nothing does. Names in both languages count whatever the UI
 * language ("Jap" and "日" both find Japan); matching is from the start of words only, so "Jap"
 * never finds an economy whose name merely contains it.
 */
export const matchRank = (economy: Named, typed: string): 0 | 1 | null => {
  const query = fold(typed.trim())
  if (!query) return 0
  const texts = [economy.id, economy.name?.en, economy.name?.zh, economy.name?.original].filter((t): t is string =>
    Boolean(t),
  )
  if (texts.some((t) => fold(t).startsWith(query))) return 0
  if (texts.some((t) => wordStarts(t).some((w) => w.startsWith(query)))) return 1
  return null
}

/**
 * Economies as a picker offers them for what was typed: the matches, best first (a name that starts
 * with it before one with a later word that does), each group in `economyOrder`; with nothing typed,
 * all of them in `economyOrder`.
 */
export const pickEconomies = <E extends Named>(economies: readonly E[], typed: string, locale: string): E[] => {
  const order = economyOrder(locale)
  return economies
    .map((economy) => ({ economy, rank: matchRank(economy, typed) }))
    .filter((m): m is { economy: E; rank: 0 | 1 } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || order(a.economy, b.economy))
    .map((m) => m.economy)
}
