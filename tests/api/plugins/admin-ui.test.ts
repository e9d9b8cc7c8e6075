import { existsSync } from 'node:fs'
import t from 'tap'
import { ADMIN_DIST } from '../../../apps/api/src/plugins/application/admin-ui.ts'
import { testApp } from '../../helpers/app.ts'

t.test('the API serves the built curators’ UI at /admin', async (t) => {
  t.ok(existsSync(`${ADMIN_DIST}/index.html`), 'the admin UI is built (pnpm test builds it first)')
  const { app } = await testApp(t, 'migrated')
  for (const url of ['/admin', '/admin/']) {
    const page = await app.inject(url)
    t.equal(page.statusCode, 200, url)
    t.match(page.headers['content-type'], 'text/html')
  }
  const page = await app.inject('/admin/')
  const scripts = [...page.body.matchAll(/src="(\/admin\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
  t.ok(scripts.length > 0, 'the page loads its script bundle')
  for (const script of scripts) {
    const asset = await app.inject(script)
    t.equal(asset.statusCode, 200, script)
    t.match(asset.headers['content-type'], 'javascript')
    // Named by its content: kept for a year, never asked again.
    t.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable', `${script}: immutable`)
  }
  for (const url of ['/admin', '/admin/', '/admin/index.html', '/admin/favicon.svg']) {
    const res = await app.inject(url)
    t.equal(res.headers['cache-control'], 'no-cache', `${url}: checked each visit, so a new build is seen at once`)
    if (!res.headers.etag) continue
    const again = await app.inject({ url, headers: { 'if-none-match': String(res.headers.etag) } })
    t.equal(again.statusCode, 304, `${url}: and a 304 while unchanged`)
  }
  t.notOk(JSON.stringify(app.swagger()).includes('/admin'), 'the UI’s routes stay out of the API contract')
})
