// pnpm codebook:generate writes docs/codebook.md from the schemas; --check fails when the committed
// file differs (`--file=<path>` checks or writes another file). Either refuses while a field or value
// lacks a definition in a language.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describeCodebook } from '../codebook/build.ts'
import { codebookMarkdown } from '../codebook/markdown.ts'

const fileArgument = process.argv.find((a) => a.startsWith('--file='))
const PATH =
  fileArgument?.slice('--file='.length) ?? fileURLToPath(new URL('../../../../docs/codebook.md', import.meta.url))

const { codebook, problems } = describeCodebook()
if (problems.length) {
  console.error(
    `the codebook is incomplete: define these in packages/types/src/codebook/definitions.ts\n${problems.join('\n')}`,
  )
  process.exit(1)
}
const text = codebookMarkdown(codebook)
if (process.argv.includes('--check')) {
  const committed = await readFile(PATH, 'utf8').catch(() => '')
  if (committed !== text) {
    console.error(`${PATH} is out of date: run \`pnpm codebook:generate\` and commit it`)
    process.exitCode = 1
  } else console.log('docs/codebook.md matches the code')
} else {
  await writeFile(PATH, text)
  console.log('wrote docs/codebook.md')
}
