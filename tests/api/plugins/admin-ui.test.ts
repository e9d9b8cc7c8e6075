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
  }
  t.notOk(JSON.stringify(app.swagger()).includes('/admin'), 'the UI’s routes stay out of the API contract')
})
