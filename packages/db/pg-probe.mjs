import { PGlite } from '@electric-sql/pglite'
let t=Date.now(); const p = await PGlite.create(); console.log('mem create', Date.now()-t)
t=Date.now(); const r = await p.query("select to_tsvector('simple','芯片 chips') as v"); console.log(r.rows, Date.now()-t)
t=Date.now(); const dump = await p.dumpDataDir('none'); console.log('dump', Date.now()-t, dump.size)
t=Date.now(); const q = await PGlite.create({ loadDataDir: dump }); console.log('load', Date.now()-t)
t=Date.now(); const c = await p.clone(); console.log('clone', Date.now()-t)
