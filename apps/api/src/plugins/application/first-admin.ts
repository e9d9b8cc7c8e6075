import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { countUsers } from '@chain-atlas/db'
import type { Config } from '../../config.ts'
import { createUser } from '../../routes/admin/users.ts'

/** With ADMIN_EMAIL and ADMIN_PASSWORD set, creates the first admin when no user exists. No default password exists. */
const firstAdmin = async (app: FastifyInstance, { config }: { config: Config }) => {
  if (!config.firstAdmin) return
  app.addHook('onReady', async () => {
    if ((await countUsers(app.database.db)) > 0) return
    const user = await createUser(app, { ...config.firstAdmin!, display_name: 'Administrator', role: 'admin' }, null)
    app.log.info({ email: user.email }, 'created the first admin from ADMIN_EMAIL')
  })
}

export default fp(firstAdmin, { name: 'first-admin', dependencies: ['database'] })
