import { run } from './program.ts'

// `chain-atlas … | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

// `pnpm cli -- search …` hands the `--` on; commander would read everything after it as words.
const argv = process.argv[2] === '--' ? [...process.argv.slice(0, 2), ...process.argv.slice(3)] : process.argv
await run(argv)
