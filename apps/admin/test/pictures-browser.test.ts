import t from 'tap'
import type { Page } from 'playwright-core'
import type { Instrument, Network, Timeline } from '@chain-atlas/types'
import { browserSkipReason, launchBrowser, serve, signInThroughUi, userOf } from '../../../tests/helpers/browser.ts'
import { shots } from './shots.ts'
import { say, toChinese, type Lang } from './ui.ts'

const skip = browserSkipReason()

/** A viewer's page at 1280×720, in `lang`. */
const openAs = async (t: Parameters<typeof launchBrowser>[0], address: string, lang: Lang) => {
  const page = await (await launchBrowser(t)).newPage()
  await page.setViewportSize({ width: 1280, height: 720 })
  await signInThroughUi(page, address, userOf('viewer'))
  if (lang === 'zh') await toChinese(page)
  return page
}

type Drawn = {
  nodes: { id: string; label: string; x: number; y: number }[]
  edges: { kind: string; source: string; target: string; label: string }[]
}

/**
 * What Cytoscape drew, once its layout has finished and it holds `nodes` nodes: read from the
 * instance Cytoscape registers on its container (`_cyreg`), positions as rendered on the page.
 */
const drawn = async (page: Page, nodes: number): Promise<Drawn> => {
  const handle = await page.waitForFunction(
    (count) => {
      const element = document.querySelector('[data-testid="network-graph"]') as
        | (HTMLElement & { _cyreg?: { cy?: any } })
        | null
      const cy = element?._cyreg?.cy
      if (!cy || element!.dataset.ready !== 'true' || cy.nodes().length !== count) return null
      return {
        nodes: cy.nodes().map((n: any) => ({ id: n.id(), label: n.data('label'), ...n.renderedPosition() })),
        edges: cy.edges().map((e: any) => ({
          kind: e.data('kind'),
          source: e.data('source'),
          target: e.data('target'),
          label: e.data('label'),
        })),
      }
    },
    nodes,
    { timeout: 30_000 },
  )
  return (await handle.jsonValue()) as Drawn
}

/** Two animation frames: what a resize redraws is on the screen. */
const painted = (page: Page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))

for (const lang of ['en', 'zh'] as const) {
  const japan = lang === 'zh' ? '日本' : 'Japan'

  t.test(
    `the network page (${lang}): the /v1/network graph, filtered by economy and link type, a node opens its record, the table lists the same links`,
    { skip },
    async (t) => {
      const { app, address } = await serve(t, ['viewer'])
      const page = await openAs(t, address, lang)
      const all = (await app.inject('/v1/network')).json() as Network

      await page.getByRole('menuitem', { name: say(lang, 'atlas.network.menu') }).click()
      let graph = await drawn(page, all.nodes.length)
      t.equal(graph.edges.length, all.edges.length, 'every link of the API is drawn')
      t.equal(graph.nodes.find((n) => n.id === 'economy:jp')?.label, japan, 'Japan is a node, named in the UI language')
      t.ok(
        graph.edges.some((e) => e.kind === 'china_stance' && e.source === 'economy:jp' && e.target === 'economy:cn'),
        'with its China stance link',
      )
      t.ok(
        await page
          .getByText(say(lang, 'atlas.network.summary', { nodes: all.nodes.length, edges: all.edges.length }))
          .isVisible(),
        'the counts are said',
      )
      await shots(page, 'network', lang, () => painted(page))

      // Japan and the stance toward China, picked in the filters: the API filters, the URL keeps it.
      await page.getByLabel(say(lang, 'atlas.network.economies')).fill(japan)
      await page.getByRole('option', { name: `${japan} · jp`, exact: true }).click()
      await page.keyboard.press('Escape')
      await page.getByLabel(say(lang, 'atlas.network.kinds')).click()
      await page.getByRole('option', { name: say(lang, 'atlas.network.edge_kinds.china_stance'), exact: true }).click()
      await page.keyboard.press('Escape')
      await page.waitForURL(/economy=jp&kind=china_stance/)
      const filtered = (await app.inject('/v1/network?economy=jp&kind=china_stance')).json() as Network
      graph = await drawn(page, filtered.nodes.length)
      t.same(
        graph.edges.map((e) => `${e.source} ${e.kind} ${e.target}`).sort(),
        filtered.edges.map((e) => `${e.source} ${e.kind} ${e.target}`).sort(),
        'the links the API gives for Japan’s stance toward China',
      )
      t.equal(
        graph.edges.find((e) => e.source === 'economy:jp')?.label,
        say(lang, 'atlas.values.hedging'),
        'the stance is written on the link',
      )
      await shots(page, 'network-japan-china', lang, () => painted(page))

      // A click on Japan opens its record (where the graph, fitted again after the screenshots, shows it).
      await painted(page)
      graph = await drawn(page, filtered.nodes.length)
      const box = (await page.getByTestId('network-graph').boundingBox())!
      const node = graph.nodes.find((n) => n.id === 'economy:jp')!
      await page.mouse.click(box.x + node.x, box.y + node.y)
      await page.waitForURL(/#\/economies\/jp\/show/, { timeout: 20_000 })
      await page.getByText(japan).first().waitFor({ timeout: 20_000 })
      t.pass('clicking the node opened Japan’s record')

      // Back to the same filtered network; its table lists the same links.
      await page.goBack()
      await page.waitForURL(/#\/network\?economy=jp&kind=china_stance/)
      await page.getByRole('button', { name: say(lang, 'atlas.pictures.table'), exact: true }).click()
      const rows = page.locator('[data-testid="network-edges"] tbody tr')
      await rows.first().waitFor()
      t.equal(await rows.count(), filtered.edges.length, 'one row per link')
      const hedging = page.locator(
        '[data-testid="network-edges"] tr[data-source="economy:jp"][data-target="economy:cn"]',
      )
      t.match(await hedging.textContent(), say(lang, 'atlas.values.hedging'), 'Japan → China: hedging')
      t.match(await hedging.textContent(), japan, 'named in the UI language')
      await shots(page, 'network-table', lang)

      // The level filter (the API has none): links with an instrument of that level, as a table.
      const instruments = new Map(
        ((await app.inject('/v1/instruments?limit=200')).json().data as Instrument[]).map((i) => [i.id, i]),
      )
      const regional = all.edges.filter((e) => e.instrument_ids.some((id) => instruments.get(id)?.level === 'regional'))
      t.ok(regional.length > 0 && regional.length < all.edges.length, 'some links are regional, not all')
      await page.goto(`${address}/admin/#/network?level=regional&view=table`)
      await page
        .getByText(
          say(lang, 'atlas.network.summary', {
            nodes: new Set(regional.flatMap((e) => [e.source, e.target])).size,
            edges: regional.length,
          }),
        )
        .waitFor({ timeout: 20_000 })
      t.equal(await rows.count(), regional.length, 'the regional links only')
    },
  )

  t.test(
    `the timeline page (${lang}): instruments by year and economy from /v1/timeline; a bar lists its records, each a link; the table lists every entry`,
    { skip },
    async (t) => {
      const { app, address } = await serve(t, ['viewer'])
      const page = await openAs(t, address, lang)
      const timeline = (await app.inject('/v1/timeline')).json() as Timeline
      const bars = new Map<string, string[]>()
      for (const y of timeline.years) {
        for (const i of y.instruments ?? [])
          bars.set(`${y.year} ${i.economy_id}`, [...(bars.get(`${y.year} ${i.economy_id}`) ?? []), i.id])
      }

      await page.getByRole('menuitem', { name: say(lang, 'atlas.timeline.menu') }).click()
      const segments = page.locator('[data-testid="timeline-chart"] rect[data-year][data-economy]')
      await segments.first().waitFor({ timeout: 30_000 })
      t.equal(await segments.count(), bars.size, 'one bar segment per year and economy with instruments')
      const us2021 = page.locator('rect[data-year="2021"][data-economy="us"]')
      const expected = bars.get('2021 us')!
      t.ok(expected.length > 1, 'the United States have several instruments in 2021')
      t.match(await us2021.getAttribute('aria-label'), `${expected.length}`, 'the bar says how many')
      await shots(page, 'timeline', lang, () => painted(page))

      // A bar lists its instruments; each opens its record.
      await us2021.click()
      await page.waitForURL(/year=2021&of=us/)
      const links = page.locator('[data-testid="timeline-picked"] a')
      await links.first().waitFor()
      t.equal(await links.count(), expected.length, 'the bar’s instruments, each a link')
      await shots(page, 'timeline-picked', lang)
      const first = timeline.years.find((y) => y.year === 2021)!.instruments!.find((i) => i.economy_id === 'us')!
      await links.first().click()
      await page.waitForURL(new RegExp(`#/instruments/${first.id}/show`), { timeout: 20_000 })
      await page
        .getByText(lang === 'zh' ? first.title.zh : first.title.en)
        .first()
        .waitFor({ timeout: 20_000 })
      t.pass('the link opened the instrument')

      // Back: the same bar is still open; the table lists every entry, the undated too.
      await page.goBack()
      await links.first().waitFor({ timeout: 20_000 })
      t.equal(await links.count(), expected.length, 'the choice survives the way back')
      await page.getByRole('button', { name: say(lang, 'atlas.pictures.table'), exact: true }).click()
      const rows = page.locator('[data-testid="timeline-table"] tbody tr')
      await rows.first().waitFor()
      const entries =
        timeline.years.reduce((n, y) => n + (y.instruments?.length ?? 0) + (y.china_strategies?.length ?? 0), 0) +
        timeline.undated_count
      t.equal(await rows.count(), entries, 'one row per instrument and China strategy')
      t.equal(
        await page.locator('[data-testid="timeline-table"] tbody tr[data-year=""]').count(),
        timeline.undated_count,
        'the undated instruments are there',
      )
      await shots(page, 'timeline-table', lang)
    },
  )
}
