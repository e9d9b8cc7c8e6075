import { join } from 'node:path'
import t from 'tap'
import { signIn } from '../../../tests/helpers/accounts.ts'
import {
  SCREENSHOTS_DIR,
  browserSkipReason,
  choose,
  field,
  launchBrowser,
  signedInPage,
  pick,
  serve,
  signInThroughUi,
  userOf,
} from '../../../tests/helpers/browser.ts'
import { COLLECTION_NAMES } from '@chain-atlas/types'
import { PRIMARY_TEXT } from '../src/collections.ts'
import { act, say, showColumn } from './ui.ts'

const skip = browserSkipReason()

t.test(
  'a curator filters the instrument list by economy and level, and gets what the API gives',
  { skip },
  async (t) => {
    const { app, address, page } = await signedInPage(t, 'curator')
    await page.goto(`${address}/admin/#/instruments`)
    await showColumn(page, 'Id')
    await page.locator('td.column-id').first().waitFor({ timeout: 20_000 })

    await pick(page, 'economy', 'Japan', 'Japan · jp')
    await choose(page, 'level', 'National')
    const expected = (await app.inject('/v1/instruments?economy=jp&level=national&limit=200'))
      .json()
      .data.map((i: { id: string }) => i.id)
    t.ok(expected.length > 5, 'the seed has Japanese national instruments')
    await page.waitForFunction((n) => document.querySelectorAll('td.column-id').length === n, expected.length, {
      timeout: 20_000,
    })
    const shown = await page.locator('td.column-id').allInnerTexts()
    t.same(shown.sort(), [...expected].sort(), 'the list shows exactly the filtered instruments')
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'instruments-filtered.png'), fullPage: true })

    await choose(page, 'category', 'Trade protection')
    await page.waitForFunction(() => document.querySelectorAll('td.column-id').length === 1, undefined, {
      timeout: 20_000,
    })
    t.same(
      await page.locator('td.column-id').allInnerTexts(),
      ['jp-foreign-exchange-foreign-trade-act-2020'],
      'a third filter narrows it again',
    )
  },
)

t.test(
  'creating an instrument: the form checks the API’s rules before sending, then saves amounts and references',
  { skip },
  async (t) => {
    const { app, address, page } = await signedInPage(t, 'curator')
    const posts: string[] = []
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/v1/instruments') && posts.push(r.url()))
    const refused: string[] = []
    page.on('console', (m) => m.text().includes('Content Security Policy') && refused.push(m.text()))

    const validators = page.waitForResponse((r) => r.url().includes('/assets/validators-'), { timeout: 20_000 })
    t.notOk(
      await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('/validators-'))),
      'the forms’ validators are not fetched before a form shows',
    )
    await page.goto(`${address}/admin/#/instruments/create`)
    await page.locator('[name="id"]').waitFor({ timeout: 20_000 })
    t.equal((await validators).status(), 200, 'they are fetched as the form shows, before its first check')
    await page.locator('[name="id"]').fill('Not A Slug')
    await page.getByRole('button', { name: 'Save' }).click()
    await field(page, 'title.en').getByText(say('en', 'atlas.validation.required')).waitFor({ timeout: 10_000 })
    t.ok(
      await field(page, 'id').getByText(say('en', 'atlas.validation.slug')).isVisible(),
      'a bad id is named at its input, saying what to type',
    )
    t.ok(
      await field(page, 'economy_id').getByText(say('en', 'atlas.validation.required')).isVisible(),
      'a missing reference is named',
    )
    t.same(posts, [], 'nothing was sent')
    t.same(refused, [], 'the rules checked under the CSP, which allows no eval: nothing refused')
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'instrument-create-errors.png'), fullPage: true })

    await page.locator('[name="id"]').fill('us-chips-and-science-act-2022')
    await pick(page, 'economy_id', 'Japan', 'Japan · jp')
    await choose(page, 'level', 'National')
    await choose(page, 'category', 'Infrastructure investment and subsidies: high-end production capacity')
    await choose(page, 'kind', 'Fund')
    await page.locator('[name="title.en"]').fill('Battery supply chain fund (test)')
    await page.locator('[name="title.zh"]').fill('蓄电池供应链基金（测试）')
    await choose(page, 'lifecycle', 'Planned')
    await page.locator('[name="summary.en"]').fill('A fund for battery factories, entered through the admin UI.')
    await page.locator('[name="summary.zh"]').fill('通过管理界面录入的蓄电池工厂基金。')
    await page.locator('.ra-input-amounts .button-add').first().click()
    await page.locator('[name="amounts.0.value"]').fill('331600000000')
    await pick(page, 'amounts.0.currency', 'JPY', 'JPY')
    await choose(page, 'amounts.0.qualifier', 'About')
    await choose(page, 'amounts.0.kind', 'Subsidy')
    await page.locator('[name="amounts.0.purpose.en"]').fill('Subsidies for battery plants')
    await page.locator('[name="amounts.0.purpose.zh"]').fill('蓄电池工厂补贴')
    await pick(page, 'sector_ids', 'batter', 'batteries')
    await pick(page, 'source_ids', 'Logic of the Industrial', 'paper-hao-ming-2024')
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'instrument-create.png'), fullPage: true })
    await page.getByRole('button', { name: 'Save' }).click()
    await field(page, 'id').getByText(say('en', 'atlas.validation.taken')).waitFor({ timeout: 20_000 })
    t.equal(
      (await app.inject('/v1/instruments/us-chips-and-science-act-2022')).json().economy_id,
      'us',
      'the server’s 409 marks the id; the existing entry is untouched',
    )
    await page.locator('[name="id"]').fill('jp-test-2026-battery-fund')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL((url) => url.hash.endsWith('/show'), { timeout: 20_000 })

    const session = await signIn(app, userOf('curator').email, userOf('curator').password)
    const saved = (
      await app.inject({ url: '/v1/instruments/jp-test-2026-battery-fund', headers: session.headers })
    ).json()
    t.equal(saved.status, 'draft', 'a new entry is a draft')
    t.same(
      saved.amounts,
      [
        {
          value: 331600000000,
          currency: 'JPY',
          qualifier: 'about',
          kind: 'subsidy',
          purpose: { en: 'Subsidies for battery plants', zh: '蓄电池工厂补贴' },
        },
      ],
      'the amount as entered, in full units',
    )
    t.same(saved.sector_ids, ['batteries'], 'the sector picked by searching')
    t.same(saved.source_ids, ['paper-hao-ming-2024'], 'the source picked by searching')
    t.equal(saved.economy_id, 'jp', 'the economy picked by searching')
    t.equal(saved.year, null, 'an empty year is sent as none (the schema allows null, not absence)')
    t.equal(posts.length, 2, 'one refused request, then one that created it')
  },
)

t.test('an editor reads the history with a readable diff and reverts to an earlier version', { skip }, async (t) => {
  const { app, address } = await serve(t, ['editor'])
  const editor = await signIn(app, userOf('editor').email, userOf('editor').password)
  const url = '/v1/instruments/us-chips-and-science-act-2022'
  const original = (await app.inject(url)).json()
  const patch = await app.inject({
    method: 'PATCH',
    url,
    headers: {
      ...editor.headers,
      'if-match': `"v${original.version}"`,
      'content-type': 'application/merge-patch+json',
    },
    payload: { title: { en: 'CHIPS Act, wrongly renamed', zh: '被误改的芯片法案' } },
  })
  t.equal(patch.statusCode, 200, 'someone renames the act by mistake')

  const page = await (await launchBrowser(t)).newPage()
  await signInThroughUi(page, address, userOf('editor'))
  await page.goto(`${address}/admin/#/instruments/us-chips-and-science-act-2022/show/history`)
  const edited = page.locator(`tr[data-version="${original.version + 1}"]`)
  await edited.waitFor({ timeout: 20_000 })
  await edited.click()
  await page.locator('[data-change="removed"]', { hasText: 'and Science' }).first().waitFor({ timeout: 10_000 })
  t.ok(
    await page.locator('[data-change="added"]', { hasText: 'wrongly' }).first().isVisible(),
    'the diff marks the words added',
  )
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'instrument-history.png'), fullPage: true })

  await page
    .locator(`tr[data-version="${original.version}"]`)
    .getByRole('button', { name: 'Revert to this version' })
    .click()
  await page.getByRole('dialog').getByRole('button', { name: 'Revert to this version' }).click()
  await page.getByText(`Reverted to version ${original.version}`).waitFor({ timeout: 20_000 })
  // The rename and its revert went to the working copy: the public never saw either.
  const reverted = (await app.inject({ url: `${url}/draft`, headers: editor.headers })).json()
  t.same(reverted.title, original.title, 'the draft has the restored title')
  t.equal(reverted.version, original.version + 2, 'the revert is a new version')
  t.same((await app.inject(url)).json(), original, 'the public API serves the published version throughout')
  const revisions = (await app.inject({ url: `${url}/revisions`, headers: editor.headers })).json().data
  t.equal(revisions.at(-1).action, 'revert', 'and the history says so')
})

t.test('an editor publishes several entries in review at once from the list', { skip }, async (t) => {
  const { app, address } = await serve(t, ['curator', 'editor'])
  const curator = await signIn(app, userOf('curator').email, userOf('curator').password)
  const ids = ['test-2026-bulk-a', 'test-2026-bulk-b']
  for (const id of ids) {
    const source = { id, kind: 'report', title: { en: `Report ${id}`, zh: `报告 ${id}` }, language: 'en' }
    t.equal(
      (await app.inject({ method: 'POST', url: '/v1/sources', headers: curator.headers, payload: source })).statusCode,
      201,
      `${id} created`,
    )
    t.equal(
      (
        await app.inject({
          method: 'POST',
          url: `/v1/sources/${id}/submit`,
          headers: { ...curator.headers, 'if-match': '"v1"' },
        })
      ).statusCode,
      200,
      `${id} submitted`,
    )
  }

  const page = await (await launchBrowser(t)).newPage()
  await signInThroughUi(page, address, userOf('editor'))
  await page.goto(`${address}/admin/#/sources?filter=${encodeURIComponent(JSON.stringify({ status: ['in_review'] }))}`)
  await showColumn(page, 'Id')
  await page.locator('td.column-id', { hasText: ids[1] }).waitFor({ timeout: 20_000 })
  t.equal(await page.locator('td.column-id').count(), 2, 'the list filtered to entries in review')
  for (const id of ids) await page.locator('tr', { hasText: id }).locator('input[type="checkbox"]').check()
  await act(page, 'Publish', 'Both checked')
  await page.getByText('Publish: 2 entries').waitFor({ timeout: 20_000 })
  for (const id of ids) t.equal((await app.inject(`/v1/sources/${id}`)).json().status, 'published', `${id} is public`)
})

t.test('every collection’s form round-trips an entry: an edit to one field changes no other', { skip }, async (t) => {
  const { app, address } = await serve(t, ['editor'])
  const editor = await signIn(app, userOf('editor').email, userOf('editor').password)
  const page = await (await launchBrowser(t)).newPage()
  await signInThroughUi(page, address, userOf('editor'))
  const content = ({ version: _v, updated_at: _u, status: _s, ...rest }: Record<string, unknown>) => rest
  for (const collection of COLLECTION_NAMES) {
    // The entry with the most fields filled: the form must carry every one of them.
    const entries = (await app.inject(`/v1/${collection}?limit=200`)).json().data as Record<string, any>[]
    const entry = entries.sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0]!
    const primary = PRIMARY_TEXT[collection]
    await page.goto(`${address}/admin/#/${collection}/${entry.id}`)
    const input = page.locator(`[name="${primary}.en"]`)
    await input.waitFor({ timeout: 20_000 })
    await input.fill(`${entry[primary].en} (checked)`)
    await page.screenshot({ path: join(SCREENSHOTS_DIR, `form-${collection}.png`), fullPage: true })
    await page.getByRole('button', { name: 'Save' }).click()
    await page
      .waitForURL((url) => url.hash.endsWith('/show'), { timeout: 20_000 })
      .catch(async (error) => {
        await page.screenshot({ path: join(SCREENSHOTS_DIR, `form-${collection}-failed.png`), fullPage: true })
        throw error
      })
    // An edit to a published entry is its working copy.
    const after = (await app.inject({ url: `/v1/${collection}/${entry.id}/draft`, headers: editor.headers })).json()
    const expected = { ...entry, [primary]: { ...entry[primary], en: `${entry[primary].en} (checked)` } }
    t.same(content(after), content(expected), `${collection}/${entry.id}: the edit, and every other field as it was`)
  }
})
