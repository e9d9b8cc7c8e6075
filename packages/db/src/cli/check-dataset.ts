import { COLLECTION_NAMES } from '@chain-atlas/types'
import { checkDataset, formatProblem, readDataset } from '../dataset.ts'

const dir = process.argv[2]
const { dataset, problems } = await readDataset(dir)
problems.push(...checkDataset(dataset))
for (const problem of problems) console.log(formatProblem(problem))
console.log(COLLECTION_NAMES.map((c) => `${c}: ${dataset[c].length}`).join(', '))
console.log(problems.length === 0 ? 'dataset ok' : `${problems.length} problem(s)`)
process.exitCode = problems.length === 0 ? 0 : 1
