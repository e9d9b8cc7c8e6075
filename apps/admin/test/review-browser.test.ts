import { join } from 'node:path'
import t from 'tap'
import type { Page } from 'playwright-core'
import { signIn } from '../../../tests/helpers/accounts.ts'
import {
  SCREENSHOTS_DIR,
  browserSkipReason,
  launchBrowser,
  serve,
  signInThroughUi,
  userOf,
} from '../../../tests/helpers/browser.ts'
import { act, say, toChinese, type Lang } from './ui.ts'

const skip = browserSkipReason()
const ID = 'us-chips-and-science-act-2022'
const URL = `/v1/instruments/${ID}`
const ITEM = `[data-review-item="instruments/${ID}"]`

/** A page at 1280×720 signed in as `role`, in `lang`. */
const openAs = async (
  t: Parameters<typeof launchBrowser>[0],
  address: string,
  role: 'curator' | 'editor',
  lang: Lang,
): Promise<Page> => {
  const page = await (await launchBrowser(t)).newPage()
  await page.setViewportSize({ width: 1280, height: 720 })
  await signInThroughUi(page, address, userOf(role))
  if (lang === 'zh') await toChinese(page)
  return page
}

const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}${lang === 'zh' ? '-zh' : ''}.png`), fullPage: true })

for (const lang of ['en', 'zh'] as const) {
  t.test(
    `a review with comments (${lang}): the published version stays live while a curator’s change is reviewed, sent back, resubmitted and published`,
    { skip },
    async (t) => {
      const { app, address } = await serve(t, ['curator', 'editor'])
      const session = await signIn(app, userOf('editor').email, userOf('editor').password)
      const published = (await app.inject(URL)).json()
      const renamed = `${published.title.en} (renamed in review)`
      const curator = await openAs(t, address, 'curator', lang)

      // The home page: nothing of the curator's yet.
      await curator.goto(`${address}/admin/#/`)
      await curator.locator('[data-section="sent_back"]').getByText(say(lang, 'atlas.dashboard.none')).waitFor()
      t.ok(await curator.getByText(say(lang, 'atlas.dashboard.my_drafts'), { exact: true }).isVisible(), 'the sections')
      await shot(curator, 'dashboard-empty', lang)

      // The edit goes to a working copy; the public keeps the published version.
      await curator.goto(`${address}/admin/#/instruments/${ID}`)
      const title = curator.locator('input[name="title.en"]')
      await title.waitFor({ timeout: 20_000 })
      await title.fill(renamed)
      await curator.getByRole('button', { name: say(lang, 'ra.action.save') }).click()
      await curator.getByText(say(lang, 'atlas.working.saved')).waitFor({ timeout: 20_000 })
      const banner = curator.locator('[data-working-copy]')
      await banner.waitFor({ timeout: 20_000 })
      const draft = (await app.inject({ url: `${URL}/draft`, headers: session.headers })).json()
      t.equal(draft.title.en, renamed, 'the draft holds the edit')
      t.ok(
        await banner
          .getByText(say(lang, 'atlas.working.title', { published: published.version, draft: draft.version }))
          .isVisible(),
        'the banner names the published version and the draft',
      )
      await banner.locator('[data-change="added"]', { hasText: 'renamed in review' }).first().waitFor()
      t.same((await app.inject(URL)).json(), published, 'the public API still serves the published version')
      await shot(curator, 'working-copy-banner', lang)

      await act(curator, say(lang, 'atlas.workflow.submit'), 'Renamed after the statute')
      await curator.locator('[data-working-status="in_review"]').waitFor({ timeout: 20_000 })
      t.equal((await app.inject(URL)).json().version, published.version, 'still the published version in review')

      // The editor finds it on the home page with the note, and sends it back with a comment.
      const editor = await openAs(t, address, 'editor', lang)
      await editor.goto(`${address}/admin/#/`)
      const inReview = editor.locator('[data-section="in_review"]')
      await inReview.locator(ITEM).waitFor({ timeout: 20_000 })
      t.ok(await inReview.getByText('Renamed after the statute').isVisible(), 'with the submitter’s comment')
      await shot(editor, 'dashboard-in-review', lang)
      await inReview.locator(ITEM).click()
      await editor.locator('[data-working-status="in_review"]').waitFor({ timeout: 20_000 })
      const send = say(lang, 'atlas.workflow.request-changes')
      await editor.getByRole('button', { name: send, exact: true }).click()
      const dialog = editor.getByRole('dialog')
      t.ok(await dialog.getByRole('button', { name: send, exact: true }).isDisabled(), 'a comment is required')
      await dialog.locator('textarea[name="comment"]').fill('Cite the section that gives the name')
      await shot(editor, 'request-changes', lang)
      await dialog.getByRole('button', { name: send, exact: true }).click()
      await editor.locator('[data-working-status="draft"]').waitFor({ timeout: 20_000 })

      // Sent back: the curator reads the comment on the home page, and resubmits.
      await curator.goto(`${address}/admin/#/`)
      const sentBack = curator.locator('[data-section="sent_back"]')
      await sentBack.locator(ITEM).waitFor({ timeout: 20_000 })
      t.ok(await sentBack.getByText('Cite the section that gives the name').isVisible(), 'with the editor’s comment')
      await shot(curator, 'dashboard-sent-back', lang)
      await sentBack.locator(ITEM).click()
      await curator.locator('[data-working-status="draft"]').waitFor({ timeout: 20_000 })
      await act(curator, say(lang, 'atlas.workflow.submit'))
      await curator.locator('[data-working-status="in_review"]').waitFor({ timeout: 20_000 })

      // The editor publishes it from the review queue: now the public reads it.
      await editor.goto(`${address}/admin/#/review-queue`)
      await editor.locator(ITEM).waitFor({ timeout: 20_000 })
      await shot(editor, 'review-queue', lang)
      await editor.locator(ITEM).click()
      await editor.locator('[data-working-status="in_review"]').waitFor({ timeout: 20_000 })
      await act(editor, say(lang, 'atlas.workflow.publish'), 'Good')
      await editor.locator('[data-working-copy]').waitFor({ state: 'detached', timeout: 20_000 })
      const live = (await app.inject(URL)).json()
      t.equal(live.title.en, renamed, 'the public API serves the new version')
      t.ok(live.version > draft.version, 'as a new version')

      await editor.getByRole('tab', { name: say(lang, 'atlas.tabs.history') }).click()
      await editor.locator('[data-comment]', { hasText: 'Cite the section' }).waitFor({ timeout: 20_000 })
      t.ok(await editor.locator('[data-comment]', { hasText: 'Good' }).isVisible(), 'the comments are in the history')
      await shot(editor, 'history-comments', lang)
    },
  )

  t.test(
    `an editor discards a draft, archives the entry after a confirmation and restores it (${lang})`,
    { skip },
    async (t) => {
      const { app, address } = await serve(t, ['editor'])
      const session = await signIn(app, userOf('editor').email, userOf('editor').password)
      const headers = (version: number) => ({ ...session.headers, 'if-match': `"v${version}"` })
      const source = {
        id: 'test-2026-restore',
        kind: 'report',
        title: { en: 'A report', zh: '一份报告' },
        language: 'en',
      }
      await app.inject({ method: 'POST', url: '/v1/sources', headers: session.headers, payload: source })
      await app.inject({ method: 'POST', url: `/v1/sources/${source.id}/submit`, headers: headers(1) })
      const published = (
        await app.inject({ method: 'POST', url: `/v1/sources/${source.id}/publish`, headers: headers(2) })
      ).json()
      t.equal(published.status, 'published', 'a published source nothing cites')
      const patched = await app.inject({
        method: 'PATCH',
        url: `/v1/sources/${source.id}`,
        headers: { ...headers(published.version), 'content-type': 'application/merge-patch+json' },
        payload: { title: { en: 'A report, retitled', zh: '一份报告（改）' } },
      })
      t.equal(patched.statusCode, 200, 'with a working copy')

      const page = await openAs(t, address, 'editor', lang)
      await page.goto(`${address}/admin/#/sources/${source.id}/show`)
      const banner = page.locator('[data-working-copy]')
      await banner.waitFor({ timeout: 20_000 })
      t.notOk(
        await page.getByRole('button', { name: say(lang, 'atlas.workflow.archive'), exact: true }).isVisible(),
        'no archive while a draft is pending',
      )
      const discard = say(lang, 'atlas.working.discard')
      await banner.getByRole('button', { name: discard }).click()
      await page.getByRole('dialog').getByRole('button', { name: discard }).click()
      await banner.waitFor({ state: 'detached', timeout: 20_000 })
      t.equal(
        (await app.inject({ url: `/v1/sources/${source.id}/draft`, headers: session.headers })).statusCode,
        404,
        'the draft is gone',
      )
      t.same((await app.inject(`/v1/sources/${source.id}`)).json().title, source.title, 'the published title stays')

      await act(page, say(lang, 'atlas.workflow.archive'))
      await page.locator('[data-status="archived"]').waitFor({ timeout: 20_000 })
      t.equal((await app.inject(`/v1/sources/${source.id}`)).statusCode, 404, 'archived: gone from the public API')
      await shot(page, 'archived-restore', lang)
      await act(page, say(lang, 'atlas.workflow.restore'))
      await page.locator('[data-status="published"]').waitFor({ timeout: 20_000 })
      t.equal((await app.inject(`/v1/sources/${source.id}`)).json().status, 'published', 'restored: public again')
      // The buttons follow the entry as reloaded: give them the time the status chip had.
      const restore = page.getByRole('button', { name: say(lang, 'atlas.workflow.restore'), exact: true })
      await restore.waitFor({ state: 'hidden', timeout: 20_000 }).catch(() => {})
      t.notOk(await restore.isVisible(), 'restore is only for archived entries')
      await shot(page, 'restored', lang)
    },
  )
}
