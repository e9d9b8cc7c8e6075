import { once } from 'node:events'
import { SingleBar, Presets } from 'cli-progress'
import type { ChainAtlas, ExportInstrumentsData } from '@chain-atlas/sdk'

export type ExportFormat = 'json' | 'csv' | 'ndjson'
type Filters = Omit<NonNullable<ExportInstrumentsData['query']>, 'format'>

const write = async (chunk: Uint8Array | string) => {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain')
}

async function* chunksOf(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    yield value
  }
}

const NEWLINE = 0x0a
const newlines = (chunk: Uint8Array) => chunk.reduce((n, byte) => n + (byte === NEWLINE ? 1 : 0), 0)

/**
 * Streams the matching instruments to stdout as the server sends them, never holding the whole
 * export. CSV and NDJSON pass through byte for byte (the CSV keeps its byte-order mark); JSON is
 * built from the NDJSON stream, so every format can count its records for the progress bar.
 */
export const exportInstruments = async (
  atlas: ChainAtlas,
  format: ExportFormat,
  filters: Filters,
  progress: boolean,
) => {
  let bar: SingleBar | undefined
  if (progress) {
    const { data } = await atlas.listInstruments({ query: { ...filters, count: true, limit: 1 } })
    // Off a terminal (`--progress` forced) it prints a line now and then instead of redrawing one.
    bar = new SingleBar(
      {
        stream: process.stderr,
        format: 'exporting {bar} {value}/{total} instruments',
        noTTYOutput: !process.stderr.isTTY,
        notTTYSchedule: 500,
      },
      Presets.shades_classic,
    )
    bar.start(data.meta.total ?? 0, 0)
  }
  const { data: body } = await atlas.exportInstruments({
    query: { ...filters, format: format === 'json' ? 'ndjson' : format },
    parseAs: 'stream',
  })
  const stream = body as unknown as ReadableStream<Uint8Array>
  let records = 0
  const advance = (n: number) => {
    records += n
    bar?.update(Math.min(records, bar.getTotal()))
  }
  try {
    if (format !== 'json') {
      let header = format === 'csv' // the CSV's first line is its header, not an instrument
      for await (const chunk of chunksOf(stream)) {
        await write(chunk)
        const n = newlines(chunk)
        advance(header && n ? n - 1 : n)
        if (n) header = false
      }
    } else {
      const decoder = new TextDecoder()
      let rest = ''
      await write('[')
      for await (const chunk of chunksOf(stream)) {
        const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n')
        rest = lines.pop()!
        for (const line of lines.filter(Boolean)) {
          await write(`${records ? ',' : ''}${line}`)
          advance(1)
        }
      }
      if (rest.trim()) await write(`${records ? ',' : ''}${rest}`)
      await write(']\n')
    }
  } finally {
    bar?.stop()
  }
}
