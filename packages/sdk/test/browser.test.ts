import { build } from 'esbuild'
import t from 'tap'
import { testApp } from '../../../tests/helpers/app.ts'
import { ADMIN } from '../../../tests/helpers/accounts.ts'
import { browserSkipReason, launchBrowser } from '../../../tests/helpers/browser.ts'
import { createUser } from '../../../apps/api/src/routes/admin/users.ts'

type Sdk = typeof import('@chain-atlas/sdk')

t.test(
  'the SDK runs in a browser: pages, problems, and a session whose cookie the browser keeps',
  { skip: browserSkipReason() },
  async (t) => {
    const { app } = await testApp(t)
    await createUser(app, { ...ADMIN, display_name: 'Admin', role: 'admin' }, null)
    const address = await app.listen({ port: 0, host: '127.0.0.1' })

    // Bundled for browsers: a Node.js-only import would fail right here.
    const bundle = await build({
      entryPoints: ['packages/sdk/src/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'ChainAtlasSdk',
      target: 'es2022',
      write: false,
    })
    const script = bundle.outputFiles[0]!.text
    t.notMatch(script, '</script', 'the bundle can be inlined')

    const browser = await launchBrowser(t)
    const page = await browser.newPage()
    // A page of the API's own origin (as the admin UI is), holding nothing but the SDK.
    await page.route(`${address}/sdk-page`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><script>${script}</script>` }),
    )
    await page.goto(`${address}/sdk-page`)

    const seen = await page.evaluate(async (admin) => {
      const { createClient, items, ProblemError } = (globalThis as unknown as { ChainAtlasSdk: Sdk }).ChainAtlasSdk
      const atlas = createClient({ baseUrl: location.origin })
      let listed = 0
      for await (const _ of items((cursor) => atlas.listInstruments({ query: { limit: 20, cursor } }))) listed++
      const { data: counted } = await atlas.listInstruments({ query: { count: true, limit: 1 } })
      const missing = await atlas.getInstrument({ path: { id: 'no-such-instrument' } }).catch((error: unknown) => error)
      const session = await atlas.signIn(admin.email, admin.password)
      const { data: key } = await atlas.createApiKey({ body: { name: 'made in a browser', role: 'viewer' } })
      const { data: current } = await atlas.getSession()
      await atlas.signOut()
      const after = await atlas.getSession().catch((error: unknown) => error)
      return {
        listed,
        total: counted.meta.total,
        missing: missing instanceof ProblemError ? missing.status : 'not a ProblemError',
        cookieSeenByScript: atlas.session?.cookie ?? document.cookie,
        csrf: Boolean(session.csrf_token),
        key: key.key.name,
        user: current.user.email,
        afterSignOut: after instanceof ProblemError ? after.status : 'not a ProblemError',
      }
    }, ADMIN)

    t.equal(seen.listed, seen.total, 'every instrument, page after page')
    t.equal(seen.missing, 404, 'an error answer is a ProblemError')
    t.equal(seen.cookieSeenByScript, '', 'the HttpOnly session cookie stays out of reach of scripts')
    t.match(
      seen,
      { csrf: true, key: 'made in a browser', user: ADMIN.email },
      'the browser sends the cookie; the SDK adds the CSRF token to writes',
    )
    t.equal(seen.afterSignOut, 401, 'signed out')
  },
)
