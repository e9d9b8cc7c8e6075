// pnpm admin:create --email ada@example.org [--name "Ada"]; the password comes from ADMIN_PASSWORD or a prompt.
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { createUser } from '../routes/admin/users.ts'

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' } },
})
if (!values.email) {
  console.error('usage: pnpm admin:create --email <email> [--name <name>] (password from ADMIN_PASSWORD or typed)')
  process.exit(2)
}
const password =
  process.env.ADMIN_PASSWORD ??
  (await createInterface({ input: process.stdin, output: process.stderr }).question('password (12+ characters): '))
if (password.length < 12) {
  console.error('the password needs at least 12 characters')
  process.exit(2)
}
const { ADMIN_EMAIL: _e, ADMIN_PASSWORD: _p, ...env } = process.env
const app = await buildApp(loadConfig({ ...env, LOG_LEVEL: 'warn' }))
await app.ready()
try {
  const user = await createUser(
    app,
    { email: values.email, display_name: values.name ?? values.email, role: values.role as 'admin', password },
    null,
  )
  console.log(`created ${user.role} ${user.email} (${user.id})`)
} catch (error) {
  console.error(`could not create the user: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await app.close()
}
