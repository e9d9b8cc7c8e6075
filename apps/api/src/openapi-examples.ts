// Response examples for the contract, taken from the seed data: what each public read answers.
import { COLLECTION_NAMES, collectionSpecs, pascal } from '@chain-atlas/types'
import type { FastifyInstance } from 'fastify'

/** An example per operation: the request it came from and the (trimmed) answer. */
export type Examples = Record<string, { request: string; value: unknown }>

/** Times and feed positions differ at each seeding: fixed, so the examples only change with the data. */
const SEEDED_AT = '2026-01-01T00:00:00.000Z'
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

/**
 * At most `keep` items in every list of entries or groups, times fixed: an example shows the shape,
 * not the whole dataset. What an entry holds (an entry has an id and a version) and lists of plain
 * values (`member_ids`) stay whole: cut, they would state a wrong fact (Chip 4 with two members).
 */
const trim = (value: unknown, keep: number, inEntry = false): unknown => {
  if (Array.isArray(value)) {
    const whole = inEntry || value.every((v) => v === null || typeof v !== 'object')
    return (whole ? value : value.slice(0, keep)).map((v) => trim(v, keep, inEntry))
  }
  if (value && typeof value === 'object') {
    const entry = inEntry || ('id' in value && 'version' in value)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trim(v, keep, entry)]))
  }
  if (typeof value === 'string' && TIME.test(value)) return SEEDED_AT
  return value
}

/** The requests whose answers serve as examples, by operationId. */
const exampleRequests = (first: Record<string, string>, cited: Record<string, string>) => {
  const requests: Record<string, string> = {
    getHealth: '/healthz',
    getReadiness: '/readyz',
    getDataset: '/v1/dataset',
    getCodebook: '/v1/codebook',
    exportDataset: '/v1/export',
    exportInstruments: '/v1/export/instruments?economy=jp&format=json',
    compareEconomies: '/v1/compare?table=1',
    getNetwork: '/v1/network?economy=jp&kind=china_stance,alliance_membership',
    getTimeline: '/v1/timeline?economy=eu&year_from=2022&year_to=2023',
    listChanges: '/v1/changes?limit=2',
    getInstrumentStats: '/v1/instruments/stats?group_by=economy,currency&economy=us,jp,eu',
    searchAll: `/v1/search?q=${encodeURIComponent('芯片')}&limit=2`,
  }
  for (const collection of COLLECTION_NAMES) {
    const { schemaName } = collectionSpecs[collection]
    const name = pascal(collection)
    requests[`list${name}`] = `/v1/${collection}?limit=2`
    requests[`get${name}Facets`] = `/v1/${collection}/facets`
    requests[`get${schemaName}`] = `/v1/${collection}/${first[collection]}`
    requests[`list${schemaName}UsedBy`] = `/v1/${collection}/${cited[collection]}/used-by?limit=2`
  }
  return requests
}

/** Asks a seeded API each example request, anonymously, as a client would. */
export const collectExamples = async (app: FastifyInstance): Promise<Examples> => {
  const first: Record<string, string> = {}
  const cited: Record<string, string> = {}
  for (const collection of COLLECTION_NAMES) {
    const ids = (await app.inject(`/v1/${collection}?limit=20`)).json().data.map((e: { id: string }) => e.id)
    first[collection] = ids[0]
    cited[collection] = ids[0]
    for (const id of ids) {
      const used = await app.inject(`/v1/${collection}/${id}/used-by?limit=1`)
      if (used.json().data.length) {
        cited[collection] = id
        break
      }
    }
  }
  const examples: Examples = {}
  for (const [operationId, request] of Object.entries(exampleRequests(first, cited))) {
    const answer = await app.inject(request)
    if (answer.statusCode !== 200) throw new Error(`${request}: ${answer.statusCode} ${answer.body.slice(0, 200)}`)
    examples[operationId] = { request, value: trim(answer.json(), 2) }
  }
  return examples
}

type Operation = {
  operationId?: string
  responses?: Record<string, { content?: Record<string, { example?: unknown }> }>
}

/** Puts each example on its operation's 200 JSON answer, and says which request gave it. */
export const withExamples = <D extends { paths?: Record<string, object> }>(document: D, examples: Examples): D => {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      const example = operation.operationId ? examples[operation.operationId] : undefined
      const json = operation.responses?.['200']?.content?.['application/json']
      if (!example || !json) continue
      json.example = example.value
    }
  }
  return document
}
