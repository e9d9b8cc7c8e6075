import t from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { logDestination } from '../../apps/api/src/logging.ts'
import { userEnvironment } from '../helpers/processes.ts'

// The API's standard output gathers log lines and writes them together (issue 24, item 4): none
// may be lost or reordered, on a quiet server, a busy one, a shutdown or a crash.

const API_DIR = fileURLToPath(new URL('../../apps/api', import.meta.url))
const numbered = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line).i as number)

/** The numbers of the lines in `file` once `enough` says they are there (or what is there after 10 s). */
const linesOnceThere = async (file: string, enough: (lines: number[]) => boolean) => {
  const deadline = Date.now() + 10_000
  for (;;) {
    const lines = existsSync(file) && readFileSync(file, 'utf8') ? numbered(readFileSync(file, 'utf8')) : []
    if (enough(lines) || Date.now() > deadline) return lines
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

t.test('lines reach the file within a moment, in order, without anything flushing them', async (t) => {
  const file = join(mkdtempSync(join(tmpdir(), 'atlas-log-')), 'out.log')
  const log = logDestination(file, 50)
  const info = (i: number) => log.write(`${JSON.stringify({ level: 30, i })}\n`)
  for (let i = 0; i < 5; i++) info(i)
  // The destination opens its file asynchronously: not there yet is nothing written yet.
  const written = existsSync(file) ? readFileSync(file, 'utf8') : ''
  t.equal(written, '', 'held at first: no write on the request’s path')
  t.same(await linesOnceThere(file, (lines) => lines.length >= 5), [0, 1, 2, 3, 4], 'then written, in order')
  for (let i = 5; i < 10; i++) info(i)
  log.flushSync() // as the app does when it closes
  t.same(numbered(readFileSync(file, 'utf8')), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'flushed at once: the rest, in order')
})

t.test('a full batch is written without waiting for the timer; a flush writes the rest', async (t) => {
  const file = join(mkdtempSync(join(tmpdir(), 'atlas-log-')), 'out.log')
  const log = logDestination(file, 60_000) // the timer is a minute away
  const info = (i: number) => log.write(`${JSON.stringify({ level: 30, i, text: '…汉字' })}\n`)
  for (let i = 0; i < 3000; i++) info(i) // over the batch's size: handed over as it fills
  const early = await linesOnceThere(file, (lines) => lines.length > 0)
  t.ok(early.length > 0 && early.length < 3000, `full batches written at once (${early.length} lines)`)
  t.same(
    early,
    Array.from({ length: early.length }, (_, i) => i),
    'in order, none cut',
  )
  // Handed over; sonic-boom writes them in the background (its flush does not wait for a write under way).
  log.flush()
  t.same(
    await linesOnceThere(file, (lines) => lines.length >= 3000),
    Array.from({ length: 3000 }, (_, i) => i),
    'flushed: every line, in order',
  )
})

/** A process logging `count` lines through the API's standard output, then ending as `how` says. */
const logThenEnd = async (how: 'exit' | 'crash', count: number) => {
  const script = `
    import pino from 'pino'
    import { loggerOptions } from './src/logging.ts'
    const { stream, ...options } = loggerOptions('info')
    const log = pino(options, stream)
    for (let i = 0; i < ${count}; i++) log.info({ i }, 'line')
    ${how === 'crash' ? "throw new Error('a crash')" : 'process.exit(0)'}`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: API_DIR,
    env: userEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  // 'close', not 'exit': the output may still be on its way when the process has exited.
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
  return { code, lines: stdout ? numbered(stdout) : [], stderr }
}

t.test('lines still gathered when the process exits or crashes are written before it ends', async (t) => {
  const all = Array.from({ length: 2000 }, (_, i) => i)
  const exit = await logThenEnd('exit', 2000)
  t.equal(exit.code, 0, exit.stderr)
  t.same(exit.lines, all, 'process.exit: every line, in order')
  const crash = await logThenEnd('crash', 2000)
  t.equal(crash.code, 1, 'the crash ends the process')
  t.same(crash.lines, all, 'an uncaught exception: every line, in order')
})
