// pnpm data:stats: counts of the seed dataset per collection and per economy × level × category.
import { COLLECTION_NAMES } from '@chain-atlas/types'
import { loadValidDataset } from '../dataset.ts'
import { lawsByParent } from '../dataset-stats.ts'

const dataset = await loadValidDataset(process.argv[2])

console.log('entries per collection')
for (const collection of COLLECTION_NAMES)
  console.log(`  ${collection.padEnd(18)} ${String(dataset[collection].length).padStart(5)}`)

const cells = new Map<string, number>()
for (const { record } of dataset.instruments) {
  const key = [record.economy_id, record.level, record.category].join('\t')
  cells.set(key, (cells.get(key) ?? 0) + 1)
}
console.log('\ninstruments per economy × level × category')
console.log(`  ${'economy'.padEnd(8)} ${'level'.padEnd(9)} ${'category'.padEnd(26)} count`)
for (const [key, count] of [...cells].sort(([a], [b]) => a.localeCompare(b))) {
  const [economy, level, category] = key.split('\t')
  console.log(`  ${economy!.padEnd(8)} ${level!.padEnd(9)} ${category!.padEnd(26)} ${String(count).padStart(5)}`)
}

// Laws, regulations and directives, each act once: parts of one act (linked by parent_id) count as their act.
const laws = lawsByParent(dataset.instruments.map((e) => e.record))
console.log(`\nlaws (acts counted once; ${laws.parts} part entries fold into their acts)`)
console.log(`  ${'economy'.padEnd(8)} ${'acts'.padStart(5)}`)
for (const [economy, count] of laws.byEconomy) console.log(`  ${economy.padEnd(8)} ${String(count).padStart(5)}`)
console.log(`  ${'total'.padEnd(8)} ${String(laws.total).padStart(5)}`)
