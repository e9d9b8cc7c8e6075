/**
 * An amount as words in both languages, for the curator to check the zeros they typed:
 * 52700000000 USD is "52.7 billion USD · 527 亿美元". English counts in the short scale (million,
 * billion, trillion) with the ISO code after the number; Chinese in 万, 亿 and 万亿 with the
 * currency's Chinese name where it is well known, else its code. The digits are exact (shifted as
 * text, never rounded): a typo shows.
 */

const ENGLISH_SCALE = [
  { power: 12, word: 'trillion' },
  { power: 9, word: 'billion' },
  { power: 6, word: 'million' },
] as const

const CHINESE_SCALE = [
  { power: 12, word: '万亿' },
  { power: 8, word: '亿' },
  { power: 4, word: '万' },
] as const

/** Currencies' Chinese names from the browser's own ICU data (美元, 欧元, 日元…); a code it does not know stays a code. */
const chineseCurrencyNames = new Intl.DisplayNames(['zh'], { type: 'currency', fallback: 'code' })

/** The number's digits in full, without exponent or grouping (1e21 is "1000000000000000000000"). */
const plainDigits = (value: number) =>
  new Intl.NumberFormat('en', { useGrouping: false, maximumFractionDigits: 20 }).format(value)

/** `digits` divided by 10^power, exactly: ("52700000000", 9) is "52.7". */
const shift = (digits: string, power: number) => {
  const [whole = '0', fraction = ''] = digits.split('.')
  const padded = whole.padStart(power + 1, '0')
  const head = padded.slice(0, padded.length - power).replace(/^0+(?=\d)/, '')
  const tail = `${padded.slice(padded.length - power)}${fraction}`.replace(/0+$/, '')
  return tail ? `${head}.${tail}` : head
}

/** Thousands separated by commas in the whole part: "1234567.5" is "1,234,567.5". */
const grouped = (number: string) => {
  const [whole = '', fraction] = number.split('.')
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction ? `${withCommas}.${fraction}` : withCommas
}

/** The number in the largest unit of `scale` it reaches, as "digits unit" (or the digits alone below them all). */
const inScale = (value: number, scale: readonly { power: number; word: string }[], group: boolean) => {
  const digits = plainDigits(Math.abs(value))
  const sign = value < 0 ? '-' : ''
  const unit = scale.find(({ power }) => Math.abs(value) >= 10 ** power)
  const number = unit ? shift(digits, unit.power) : digits
  return { number: `${sign}${group ? grouped(number) : number}`, unit: unit?.word ?? '' }
}

/** "52.7 billion USD"; "527,000 USD" below a million; without a currency, the number alone. */
export const englishAmount = (value: number, currency?: string) => {
  const { number, unit } = inScale(value, ENGLISH_SCALE, true)
  return [number, unit, currency].filter(Boolean).join(' ')
}

/** "527 亿美元"; "5000 美元" below 万; a code ICU has no name for stays a code, apart: "3 亿 XYZ". */
export const chineseAmount = (value: number, currency?: string) => {
  const { number, unit } = inScale(value, CHINESE_SCALE, false)
  const name = currency ? chineseCurrencyNames.of(currency) : ''
  const words = unit ? `${number} ${unit}` : number
  if (!name) return words
  // A Chinese name follows the unit directly (527 亿美元); a code, or a name after digits alone, stands apart.
  return unit && name !== currency ? `${words}${name}` : `${words} ${name}`
}

/** Both: "52.7 billion USD · 527 亿美元"; '' for no number. */
export const amountInWords = (value: unknown, currency?: string | null) => {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isFinite(number)) return ''
  const code = currency || undefined
  return `${englishAmount(number, code)} · ${chineseAmount(number, code)}`
}
