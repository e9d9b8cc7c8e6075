import { PGlite } from '@electric-sql/pglite'
import { readFileSync, readdirSync } from 'node:fs'
const dir = 'node_modules/.cache/chain-atlas/'
const f = readdirSync(dir).find((n) => n.endsWith('.tar'))
const t0 = performance.now()
const blob = new Blob([readFileSync(dir + f)])
const db = await PGlite.create(process.argv[2] ?? 'memory://', { loadDataDir: blob })
console.log('create from template', performance.now() - t0)
await db.query('select count(*) from instruments')
console.log('q', performance.now() - t0)
const t1 = performance.now()
const db2 = await PGlite.create('memory://')
console.log('create empty', performance.now() - t1)
