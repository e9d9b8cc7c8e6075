import t from 'tap'
import { amountInWords, chineseAmount, englishAmount } from '../src/display/amountWords.ts'

t.test('an amount in words, in both languages', async (t) => {
  t.equal(amountInWords(52_700_000_000, 'USD'), '52.7 billion USD · 527 亿美元', 'the issue’s example')
  t.equal(amountInWords('52700000000', 'USD'), '52.7 billion USD · 527 亿美元', 'as the input gives it, a string')
  t.equal(amountInWords(331_600_000_000, 'JPY'), '331.6 billion JPY · 3316 亿日元')
  t.equal(amountInWords(43_000_000_000, 'EUR'), '43 billion EUR · 430 亿欧元')
  t.equal(amountInWords(1_000_000_000_000, 'CNY'), '1 trillion CNY · 1 万亿人民币')
  t.equal(
    amountInWords(3_000_000_000, 'SEK'),
    '3 billion SEK · 30 亿瑞典克朗',
    'every ISO 4217 currency has its Chinese name, from the browser’s ICU data',
  )
  t.equal(amountInWords(0, 'USD'), '0 USD · 0 美元')
  t.equal(amountInWords(52_700_000_000, null), '52.7 billion · 527 亿', 'no currency picked yet: the number alone')
  t.equal(amountInWords('', 'USD'), '', 'nothing typed: no words')
  t.equal(amountInWords(undefined, 'USD'), '')
  t.equal(amountInWords('abc', 'USD'), '')
})

t.test('English: short scale, grouped digits below a million, exact digits', async (t) => {
  t.equal(englishAmount(527_000, 'USD'), '527,000 USD')
  t.equal(englishAmount(999_999), '999,999')
  t.equal(englishAmount(1_000_000), '1 million')
  t.equal(englishAmount(2_500_000, 'EUR'), '2.5 million EUR')
  t.equal(englishAmount(52_712_345_678, 'USD'), '52.712345678 billion USD', 'every digit typed shows: a typo is seen')
  t.equal(englishAmount(1_234_000_000_000_000), '1,234 trillion', 'beyond a trillion: trillions, grouped')
  t.equal(englishAmount(0.5, 'USD'), '0.5 USD')
  t.equal(englishAmount(-3_000_000), '-3 million')
})

t.test('Chinese: 万, 亿, 万亿; the currency’s Chinese name', async (t) => {
  t.equal(chineseAmount(5000, 'USD'), '5000 美元', 'below 万: the digits')
  t.equal(chineseAmount(10_000, 'USD'), '1 万美元')
  t.equal(chineseAmount(52_000_000, 'USD'), '5200 万美元')
  t.equal(chineseAmount(100_000_000, 'JPY'), '1 亿日元')
  t.equal(chineseAmount(2_800_000_000_000, 'USD'), '2.8 万亿美元')
  t.equal(chineseAmount(150_000_000, 'GBP'), '1.5 亿英镑')
  t.equal(chineseAmount(52_712_345_678, 'USD'), '527.12345678 亿美元')
})
