import { spawn } from 'node:child_process'
import t from 'tap'
import { buildApp } from '@chain-atlas/api'
import { findUserByEmail, listUsers, openDatabase } from '@chain-atlas/db'
import { loadConfig } from '../../../apps/api/src/config.ts'
import { SERVER_URL, testDatabase, uniqueDatabaseName, withAdmin, withDatabaseName } from '../../helpers/database.ts'
import { signIn } from '../../helpers/accounts.ts'
import { tempDir } from '../../helpers/temp-dir.ts'

t.test('ADMIN_EMAIL and ADMIN_PASSWORD create the first admin at start, once', async (t) => {
  const database = await testDatabase(t, 'migrated')
  const env = { LOG_LEVEL: 'silent', ADMIN_EMAIL: 'first@example.org', ADMIN_PASSWORD: 'a long first password' }
  for (let start = 0; start < 2; start++) {
    const app = await buildApp(loadConfig(env), { database })
    await app.ready()
    await signIn(app, env.ADMIN_EMAIL, env.ADMIN_PASSWORD)
    await app.close()
  }
  const users = await listUsers(database.db)
  t.same(
    users.map((u) => [u.email, u.role]),
    [['first@example.org', 'admin']],
    'one admin, however many starts',
  )
  t.throws(
    () => loadConfig({ ADMIN_EMAIL: 'x@example.org', ADMIN_PASSWORD: 'short' }),
    /ADMIN_PASSWORD must have at least 12 characters/,
  )
})

t.test('pnpm admin:create makes an admin in the configured database; there is no default password', async (t) => {
  let env: Record<string, string>
  let open: () => ReturnType<typeof openDatabase>
  if (SERVER_URL) {
    const name = uniqueDatabaseName()
    await withAdmin((sql) => sql.unsafe(`create database ${name}`))
    t.teardown(() => withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`)))
    env = { DATABASE_URL: withDatabaseName(SERVER_URL, name) }
    open = () => openDatabase({ databaseUrl: env.DATABASE_URL! })
  } else {
    const dir = await tempDir(t, 'atlas-cli-')
    env = { DATA_DIR: dir, DATABASE_URL: '' }
    open = () => openDatabase({ dataDir: dir })
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/api/src/cli/create-admin.ts', '--email', 'ada@example.org', '--name', 'Ada'],
    {
      env: { ...process.env, ...env, ADMIN_PASSWORD: 'another long password', SEED_ON_START: 'false' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let out = ''
  child.stdout.on('data', (chunk) => (out += chunk))
  t.equal(await new Promise((r) => child.on('exit', r)), 0, 'the command succeeds')
  t.match(out, /created admin ada@example.org/)
  const database = await open()
  t.teardown(() => database.close())
  const user = await findUserByEmail(database.db, 'ada@example.org')
  t.match(user, { role: 'admin', display_name: 'Ada' })
  t.match(user!.password_hash, /^\$argon2id\$/, 'stored as an argon2id hash')
})
