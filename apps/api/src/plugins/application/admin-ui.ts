import { existsSync } from 'node:fs'
import { join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'

export const ADMIN_DIST = fileURLToPath(new URL('../../../../admin/dist', import.meta.url))

/**
 * Vite names each built asset by its content (`assets/index-IqITem3g.js`): a browser keeps it for a
 * year without asking again. The page and the rest are checked each visit (by ETag), so a new build
 * is seen at once; with `max-age=0` on everything, every visit asked again for each of its bundles.
 */
const cacheControlOf = (path: string) =>
  path.startsWith(join(ADMIN_DIST, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache'

/** Serves the built curators' UI at /admin (build it with `pnpm --filter @chain-atlas/admin build`). */
const adminUi = async (app: FastifyInstance) => {
  if (!existsSync(ADMIN_DIST)) {
    app.log.warn({ dir: ADMIN_DIST }, 'admin UI not built; /admin is unavailable')
    return
  }
  await app.register(fastifyStatic, {
    root: ADMIN_DIST,
    prefix: '/admin/',
    schemaHide: true,
    cacheControl: false,
    setHeaders: (reply, path) => void reply.header('cache-control', cacheControlOf(path)),
  })
  // The app's entry page, at /admin and /admin/ alike (react-admin routes by URL hash).
  app.get('/admin', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html', ADMIN_DIST))
}

export default fp(adminUi, { name: 'admin-ui' })
