import { collectionSpecs, type CollectionName } from '@chain-atlas/types'

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const WORDS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[\p{L}\p{N}]+/gu

/**
 * Lexemes for bilingual search. Latin words are kept whole (lower case); Chinese and Japanese,
 * which have no spaces, are indexed as single characters and bigrams, so that `芯片` finds
 * `芯片与科学法案` without a dictionary.
 */
export const lexemes = (text: string): string[] => {
  const out: string[] = []
  for (const [run] of text.normalize('NFKC').toLowerCase().matchAll(WORDS)) {
    if (!CJK.test(run)) {
      out.push(run)
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

/** The search document of an entity: the distinct lexemes of its id and searchable fields. */
export const searchTokens = (collection: CollectionName, record: Record<string, unknown>): string => {
  const texts = [String(record.id ?? '').replaceAll('-', ' ')]
  for (const field of collectionSpecs[collection].searchFields) strings(record[field], texts)
  return [...new Set(texts.flatMap(lexemes))].join(' ')
}
