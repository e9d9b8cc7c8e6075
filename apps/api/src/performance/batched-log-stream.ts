import { writeSync } from 'node:fs'

/** What the batch hands its lines to: pino's asynchronous destination (sonic-boom), taking bytes. */
export type Destination = {
  write(bytes: Buffer): unknown
  flush(callback?: (error?: Error) => void): void
  flushSync(): void
}

/**
 * Log lines gathered in memory and handed to the destination together: every `everyMs`, or as
 * soon as they fill `chunkBytes`. Each write to sonic-boom measures its whole pending buffer and
 * each of its writes is a trip through libuv's thread pool: at a line per request that cost a
 * cached read 10 µs of its 45 (request logs at `info` ran at 0.78 of the limit). Each line is
 * written as UTF-8 into a chunk of bytes as it comes, and the full chunk goes as it is: held as
 * strings and joined, the lines were copied twice more (flattened, then encoded), about 2.5 µs a
 * request, a seventh of a cached read. Lines keep their order (every line of the logger comes
 * here); what is left when the process exits, a crash included, is written synchronously.
 */
export const batchedLogStream = (destination: Destination, everyMs = 100, chunkBytes = 16 * 1024) => {
  let chunk = Buffer.allocUnsafe(chunkBytes)
  let used = 0
  let timer: NodeJS.Timeout | undefined
  const take = () => {
    clearTimeout(timer)
    timer = undefined
    const full = chunk.subarray(0, used)
    chunk = Buffer.allocUnsafe(chunkBytes)
    used = 0
    return full
  }
  const handOver = () => {
    if (used) destination.write(take())
  }
  /** The destination's file descriptor (1, standard output, when it has none). */
  const fd = () => (destination as { fd?: number }).fd ?? 1
  const stream = {
    write(line: string) {
      // A UTF-16 unit takes at most 3 bytes in UTF-8: a line that may not fit goes after the chunk.
      if (used + line.length * 3 > chunkBytes) {
        handOver()
        if (line.length * 3 > chunkBytes) return void destination.write(Buffer.from(line))
      }
      used += chunk.write(line, used)
      timer ??= setTimeout(handOver, everyMs).unref()
    },
    flush(callback?: (error?: Error) => void) {
      handOver()
      destination.flush(callback)
    },
    flushSync() {
      // What the destination holds first, then this batch's lines at once: handed over, they would
      // only be on their way (sonic-boom's flushSync leaves a write under way to finish later).
      destination.flushSync()
      if (used) writeAllSync(fd(), take())
    },
    /** At exit: after the destination's own last lines (pino flushes it first), this batch's. */
    writeRestSync() {
      if (used) writeAllSync(fd(), take())
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
const writeAllSync = (fd: number, bytes: Buffer) => {
  let rest = bytes
  while (rest.length) {
    try {
      rest = rest.subarray(writeSync(fd, rest))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return // nowhere left to write
    }
  }
}
