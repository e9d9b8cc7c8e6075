import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'

export const ADMIN_DIST = fileURLToPath(new URL('../../../../admin/dist', import.meta.url))

/** Serves the built curators' UI at /admin (build it with `pnpm --filter @chain-atlas/admin build`). */
const adminUi = async (app: FastifyInstance) => {
  if (!existsSync(ADMIN_DIST)) {
    app.log.warn({ dir: ADMIN_DIST }, 'admin UI not built; /admin is unavailable')
    return
  }
  await app.register(fastifyStatic, { root: ADMIN_DIST, prefix: '/admin/', schemaHide: true })
  // The app's entry page, at /admin and /admin/ alike (react-admin routes by URL hash).
  app.get('/admin', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html', ADMIN_DIST))
}

export default fp(adminUi, { name: 'admin-ui' })
