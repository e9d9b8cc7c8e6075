import { writeSync } from 'node:fs'

/** What the batch hands its lines to: pino's asynchronous destination (sonic-boom). */
export type Destination = {
  write(text: string): unknown
  flush(callback?: (error?: Error) => void): void
  flushSync(): void
}

/**
 * Log lines gathered in memory and handed to the destination together: every `everyMs`, or as
 * soon as they reach `maxChars`. Each write to sonic-boom measures its whole pending buffer and
 * each of its writes is a trip through libuv's thread pool: at a line per request that cost a
 * cached read 10 µs of its 45 (request logs at `info` ran at 0.78 of the limit); gathered, a
 * line costs an array push. Lines keep their order (every line of the logger comes here); what is
 * left when the process exits, a crash included, is written synchronously.
 */
export const batchedLogStream = (destination: Destination, everyMs = 100, maxChars = 16_000) => {
  let lines: string[] = []
  let chars = 0
  let timer: NodeJS.Timeout | undefined
  const take = () => {
    clearTimeout(timer)
    timer = undefined
    const text = lines.join('')
    lines = []
    chars = 0
    return text
  }
  const handOver = () => {
    if (lines.length) destination.write(take())
  }
  const stream = {
    write(line: string) {
      lines.push(line)
      chars += line.length
      if (chars >= maxChars) handOver()
      else timer ??= setTimeout(handOver, everyMs).unref()
    },
    flush(callback?: (error?: Error) => void) {
      handOver()
      destination.flush(callback)
    },
    flushSync() {
      handOver()
      destination.flushSync()
    },
    /** At exit: after the destination's own last lines (pino flushes it first), this batch's. */
    writeRestSync() {
      if (lines.length) writeAllSync((destination as { fd?: number }).fd ?? 1, take())
    },
  }
  writeRestAtExit(stream)
  return stream
}

type Batch = ReturnType<typeof batchedLogStream>

/**
 * The batches to write out at exit, held weakly (tests build many apps). Listened for from the
 * first batch on, after the destination it writes to: so after pino's own flush of it.
 */
const atExit = new Set<WeakRef<Batch>>()
const writeRestAtExit = (batch: Batch) => {
  if (!atExit.size)
    process.once('exit', () => {
      for (const b of atExit) b.deref()?.writeRestSync()
    })
  atExit.add(new WeakRef(batch))
}

/** Writes all of `text` before returning, waiting out a full pipe (a non-blocking stdout). */
const writeAllSync = (fd: number, text: string) => {
  let rest = Buffer.from(text)
  while (rest.length) {
    try {
      rest = rest.subarray(writeSync(fd, rest))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return // nowhere left to write
    }
  }
}
