import t, { type Test } from 'tap'
import type { Page } from 'playwright-core'
import { browserSkipReason, field, pick, serve } from '../../../tests/helpers/browser.ts'
import { shots } from './shots.ts'
import { openAs, say, settle, type Lang } from './ui.ts'

const skip = browserSkipReason()
const PAPER = ['us', 'jp', 'eu', 'cn']

type Economy = { id: string; name: { en: string; zh: string } }

/** The options an open picker shows, once what was typed has ordered them (the first is `first`, when given). */
const optionsShown = async (page: Page, first?: string | null) => {
  const options = page.getByRole('option')
  // None may match: the list's settling is waited for instead.
  if (first === null) await page.waitForTimeout(800)
  else await options.first().waitFor({ timeout: 10_000 })
  if (first) {
    const deadline = Date.now() + 10_000
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator: the option as shown
    while ((await options.first().innerText()).trim() !== first && Date.now() < deadline) await page.waitForTimeout(100)
  }
  return (await options.allInnerTexts()).map((s) => s.trim())
}

/** Types into a picker's input and returns the options it then shows. */
const typeInto = async (page: Page, input: ReturnType<Page['locator']>, text: string, first?: string | null) => {
  await input.click()
  await input.fill(text)
  return optionsShown(page, first)
}

/** The checks every economy picker passes, in `lang`, on the picker whose input is `input`. */
const checkPicker = async (
  t: Test,
  page: Page,
  input: ReturnType<Page['locator']>,
  economies: Economy[],
  lang: Lang,
  where: string,
) => {
  const label = (id: string) => `${economies.find((e) => e.id === id)!.name[lang]} · ${id}`
  await input.click()
  const all = await optionsShown(page)
  t.same(all.slice(0, 4), PAPER.map(label), `${where}: the paper’s economies first, in its order`)
  const rest = economies.filter((e) => !PAPER.includes(e.id))
  const collator = new Intl.Collator(lang, { sensitivity: 'base' })
  t.same(
    all.slice(4),
    rest.sort((a, b) => collator.compare(a.name[lang], b.name[lang])).map((e) => label(e.id)),
    `${where}: then every other by name in the UI language`,
  )
  const jap = await typeInto(page, input, 'Jap', label('jp'))
  t.equal(jap[0], label('jp'), `${where}: "Jap" ranks Japan first`)
  t.notOk(jap.includes(label('vn')), `${where}: and Vietnam nowhere above it`)
  const ri = await typeInto(page, input, '日', label('jp'))
  t.equal(ri[0], label('jp'), `${where}: "日" finds 日本`)
  const eu = await typeInto(page, input, 'eu', label('eu'))
  t.equal(eu[0], label('eu'), `${where}: "eu" finds the EU`)
  const union = await typeInto(page, input, 'union', label('eu'))
  t.ok(union.includes(label('african-union')), `${where}: a later word matches from its start ("union")`)
  const inside = await typeInto(page, input, 'pan', null)
  t.notOk(inside.includes(label('jp')), `${where}: not from inside a word ("pan" is no start of "Japan")`)
}

for (const lang of ['en', 'zh'] as const) {
  t.test(
    `economy pickers: the paper’s four first, then by name; names in both languages from the start of words (${lang})`,
    { skip },
    async (t) => {
      const { app, address } = await serve(t, ['curator'])
      const economies = (await app.inject('/v1/economies?limit=200')).json().data as Economy[]
      const page = await openAs(t, address, 'curator', lang)

      await page.goto(`${address}/admin/#/instruments/create`)
      const form = field(page, 'economy_id').locator('input').first()
      await form.waitFor({ timeout: 20_000 })
      await checkPicker(t, page, form, economies, lang, 'the form’s economy')
      await typeInto(page, form, 'Jap', `${economies.find((e) => e.id === 'jp')!.name[lang]} · jp`)
      await shots(page, 'pickers-economy-form', lang)
      await page.keyboard.press('Escape')

      await page.goto(`${address}/admin/#/instruments`)
      await settle(page)
      const filter = field(page, 'economy').locator('input').first()
      await checkPicker(t, page, filter, economies, lang, 'the list filter')
      const asked = page.waitForRequest((r) => /\/v1\/instruments\?(.*&)?economy=jp(&|$)/.test(r.url()), {
        timeout: 10_000,
      })
      await pick(page, 'economy', 'Jap', `${economies.find((e) => e.id === 'jp')!.name[lang]} · jp`)
      await asked
      t.pass('picked, the list asks the API for Japan’s instruments')

      await page.goto(`${address}/admin/#/timeline`)
      const timeline = page.locator('input[name="economies"]')
      await timeline.waitFor({ timeout: 20_000 })
      await settle(page)
      await checkPicker(t, page, timeline, economies, lang, 'the timeline’s filter')
    },
  )

  t.test(`an amount reads back in words in both languages as it is typed (${lang})`, { skip }, async (t) => {
    const { address } = await serve(t, ['curator'])
    const page = await openAs(t, address, 'curator', lang)
    await page.goto(`${address}/admin/#/instruments/create`)
    await page.locator('.ra-input-amounts .button-add').first().click()
    const value = page.locator('[name="amounts.0.value"]')
    await value.waitFor({ timeout: 20_000 })
    const amount = field(page, 'amounts.0.value')
    t.ok(await amount.getByText(say(lang, 'atlas.help.value')).isVisible(), 'before anything is typed: the hint')
    const words = amount.locator('[data-amount-words]')
    await value.fill('52700000000')
    await words.getByText('52.7 billion · 527 亿', { exact: true }).waitFor({ timeout: 10_000 })
    t.pass('the number in words, before a currency is picked')
    await pick(page, 'amounts.0.currency', 'USD', 'USD')
    await words.getByText('52.7 billion USD · 527 亿美元', { exact: true }).waitFor({ timeout: 10_000 })
    t.pass('with the currency: the issue’s example')
    await shots(page, 'pickers-amount-words', lang)
    await value.fill('331600000000')
    await pick(page, 'amounts.0.currency', 'JPY', 'JPY')
    await words.getByText('331.6 billion JPY · 3316 亿日元', { exact: true }).waitFor({ timeout: 10_000 })
    t.pass('it follows the value and the currency')
    await value.fill('3316000000001')
    await words.getByText('3.316000000001 trillion JPY · 3.316000000001 万亿日元', { exact: true }).waitFor()
    t.pass('a typo shows: every digit is kept')
  })

  t.test(
    `while an input method composes, the search sends no pinyin; it searches once (${lang})`,
    { skip },
    async (t) => {
      const { address } = await serve(t, ['curator'])
      const page = await openAs(t, address, 'curator', lang)
      await page.goto(`${address}/admin/#/instruments`)
      await settle(page)
      // What the input method did, as the page saw it.
      await page.evaluate(() => {
        const seen: string[] = []
        ;(window as unknown as { compositions: string[] }).compositions = seen
        for (const type of ['compositionstart', 'compositionend'])
          document.addEventListener(type, () => seen.push(type), true)
      })
      const searches: string[] = []
      page.on('request', (r) => {
        const url = new URL(r.url())
        const q = url.searchParams.get('q')
        if (url.pathname === '/v1/instruments' && q !== null) searches.push(q)
      })
      const box = page.locator('input[name="q"]')
      await box.click()
      const cdp = await page.context().newCDPSession(page)
      for (const pinyin of ['x', 'xin', 'xinp', 'xinpian']) {
        await cdp.send('Input.imeSetComposition', {
          text: pinyin,
          selectionStart: pinyin.length,
          selectionEnd: pinyin.length,
        })
        await page.waitForTimeout(150)
      }
      t.equal(await box.inputValue(), 'xinpian', 'the pinyin shows in the box while composing')
      t.same(
        await page.evaluate(() => (window as unknown as { compositions: string[] }).compositions),
        ['compositionstart'],
        'the browser is composing',
      )
      await page.waitForTimeout(1500)
      t.same(searches, [], 'nothing sent while composing, even after the search’s pause')
      const asked = page.waitForRequest((r) => new URL(r.url()).searchParams.get('q') === '芯片', { timeout: 10_000 })
      await cdp.send('Input.insertText', { text: '芯片' })
      await asked
      await settle(page)
      t.equal(await box.inputValue(), '芯片', 'the chosen characters in the box')
      t.same(searches, ['芯片'], 'one search, for the characters chosen')
      await page.locator('.RaDatagrid-table tbody tr').first().waitFor({ timeout: 10_000 })
      await shots(page, 'pickers-ime-search', lang)

      searches.length = 0
      await box.fill('')
      const typed = page.waitForRequest((r) => new URL(r.url()).searchParams.get('q') === 'chips', { timeout: 10_000 })
      await box.pressSequentially('chips', { delay: 30 })
      await typed
      await settle(page)
      t.ok(searches.includes('chips'), 'typed without an input method, the search runs as before')
    },
  )
}
