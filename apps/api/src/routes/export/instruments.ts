import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { StringEnum, fieldsParam, filterQuerySchema } from '@chain-atlas/types'
import { fingerprintCollection, streamAll, type Entity } from '@chain-atlas/db'
import { checkFilterIds, splitCommaLists, toCollectionQuery, type ListQuerystring } from '../../list-query.ts'
import { readErrors } from '../../responses.ts'
import { matches } from '../../plugins/application/http-cache.ts'
import { csvColumns, csvLine } from '../../csv.ts'
import { pickFields } from '../../sparse-fields.ts'

const FORMATS = ['json', 'csv', 'ndjson'] as const
type Format = (typeof FORMATS)[number]
const MEDIA: Record<Format, string> = { json: 'application/json', csv: 'text/csv', ndjson: 'application/x-ndjson' }

/**
 * The format a request asks for: `format` first, then the Accept header as RFC 9110 reads it (each
 * format weighed by the most specific range naming it, `q=0` refusing it; the client's order breaks
 * ties). JSON when it names none of them: answering the default is allowed, and kinder than a 406.
 */
const formatOf = (format: Format | undefined, accept: string | undefined): Format => {
  if (format) return format
  const ranges = (accept ?? '').split(',').map((part, order) => {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    const weight = params.find((p) => p.startsWith('q='))
    return { range, q: weight ? Number(weight.slice(2)) : 1, order }
  })
  let best: { format: Format; q: number; order: number } | undefined
  for (const candidate of FORMATS) {
    const media = MEDIA[candidate]
    const range =
      ranges.find((r) => r.range === media) ??
      ranges.find((r) => r.range === `${media.split('/')[0]}/*`) ??
      ranges.find((r) => r.range === '*/*')
    if (!range || !(range.q > 0)) continue
    if (!best || range.q > best.q || (range.q === best.q && range.order < best.order))
      best = { format: candidate, q: range.q, order: range.order }
  }
  return best?.format ?? 'json'
}

async function* encode(entities: AsyncIterable<Entity>, format: Format, fields?: string[]) {
  const cut = (entity: Entity) => JSON.stringify(fields ? pickFields(entity, fields) : entity)
  if (format === 'csv') {
    const columns = csvColumns(fields)
    yield `\uFEFF${csvLine(columns.map((c) => c.header))}` // the BOM tells spreadsheets the text is UTF-8
    for await (const entity of entities) yield csvLine(columns.map((c) => c.value(entity)))
  } else if (format === 'ndjson') {
    for await (const entity of entities) yield `${cut(entity)}\n`
  } else {
    let first = true
    yield '['
    for await (const entity of entities) {
      yield `${first ? '' : ','}${cut(entity)}`
      first = false
    }
    yield ']\n'
  }
}

/**
 * Instruments matching the list's filters and search, streamed as JSON, CSV or NDJSON.
 *
 *   GET /v1/export/instruments  exportInstruments
 */
export default async function exportInstrumentsRoute(app: RouteApp) {
  app.get<{ Querystring: ListQuerystring & { format?: Format } }>(
    '/v1/export/instruments',
    {
      schema: {
        operationId: 'exportInstruments',
        summary: 'Export instruments as JSON, CSV or NDJSON',
        description:
          'Every published instrument matching the list’s filters and search, streamed. Choose the format with `format` or ' +
          'the Accept header. The CSV is UTF-8 with a byte-order mark, so spreadsheets show the Chinese correctly. `fields` keeps ' +
          'only the fields named (in the CSV, their columns: `title` gives `title_en`, `title_zh` and `title_original`).',
        tags: ['export'],
        querystring: filterQuerySchema('instruments', {
          format: Type.Optional(
            StringEnum(FORMATS, { description: 'Output format (default from Accept, else json).' }),
          ),
          fields: Type.Optional(fieldsParam('instruments')),
        }),
        response: {
          200: {
            description: 'The matching instruments.',
            content: {
              'application/json': { schema: Type.Array(Type.Ref('Instrument')) },
              'text/csv': { schema: Type.String({ description: 'One row per instrument; lists joined with `; `.' }) },
              'application/x-ndjson': { schema: Type.String({ description: 'One instrument (JSON) per line.' }) },
            },
          },
          ...readErrors,
        },
      },
      preValidation: splitCommaLists('instruments'),
      // Tags for a CDN only: a stream is never kept in the read cache.
      config: { publicCache: () => ['instruments'] },
    },
    async (request, reply) => {
      const query = toCollectionQuery('instruments', request.query, request.actor)
      await checkFilterIds(app.replicas.reader(request), 'instruments', query)
      const format = formatOf(request.query.format, request.headers.accept)
      // A streamed body has no bytes to hash up front: the ETag comes from what the export holds.
      const fingerprint = await fingerprintCollection(app.replicas.reader(request), 'instruments', query)
      const etag = `W/"${createHash('sha256').update(`${request.url}|${format}|${fingerprint}`).digest('base64url').slice(0, 27)}"`
      // Drafts (`status`, signed in) are for this reader alone: never in a shared cache.
      const shared = query.statuses.every((status) => status === 'published')
      reply
        .header('etag', etag)
        .header('cache-control', shared ? app.publicCacheControl : 'private, no-cache')
        .header('vary', 'accept')
      if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send()
      const rows = streamAll(app.replicas.reader(request), 'instruments', query.filters, query.statuses, query.q)
      reply
        .type(`${MEDIA[format]}; charset=utf-8`)
        .header(
          'content-disposition',
          `attachment; filename="chain-atlas-instruments.${format === 'ndjson' ? 'ndjson' : format}"`,
        )
      return reply.send(Readable.from(encode(rows, format, request.query.fields)))
    },
  )
}
