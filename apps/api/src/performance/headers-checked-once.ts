import { OutgoingMessage, type ServerResponse, validateHeaderName, validateHeaderValue } from 'node:http'

/**
 * Node's own record of the headers set on a response (`setHeader`): lower-case name → [name,
 * value]. Node checks each header as it is set, and writes this record without checking it again;
 * headers handed to `writeHead` as a list it checks on every answer (three regular expressions a
 * header: 6% of a cached read's CPU samples at 14 headers). Undefined if a Node version has none.
 */
const OUT_HEADERS = Object.getOwnPropertySymbols(new OutgoingMessage()).find((s) => s.description === 'kOutHeaders')

export type CheckedHeaders = Record<string, [string, string]>

/**
 * A stored answer's headers, checked once as Node would check them when set, as Node's record:
 * the request id's entry last, its value filled in on each answer. Undefined when Node keeps no
 * such record (the list is written as it is, checked each time) or a header is not valid (never,
 * as Node sent each when the answer was made).
 */
export const headersCheckedOnce = (flat: readonly string[]): CheckedHeaders | undefined => {
  if (!OUT_HEADERS) return undefined
  const record: CheckedHeaders = {}
  try {
    for (let i = 0; i < flat.length; i += 2) {
      validateHeaderName(flat[i]!)
      validateHeaderValue(flat[i]!, flat[i + 1]!)
      record[flat[i]!.toLowerCase()] = [flat[i]!, flat[i + 1]!]
    }
  } catch {
    return undefined
  }
  return record
}

/**
 * `writeHead` with the record of headers checked once: a copy of it, with the request id (and
 * any `extra` header, checked as Node checks each) set on it, in the order of the list. Node writes
 * the same bytes as from the list (the tests compare them).
 */
export const writeHeadChecked = (
  res: ServerResponse,
  status: number,
  record: CheckedHeaders,
  id: string,
  extra: readonly string[],
) => {
  const headersOf = res as unknown as Record<symbol, CheckedHeaders | null>
  // Headers something set on the response before (none do today) stay, as writeHead would keep them.
  const before = headersOf[OUT_HEADERS!]
  const idHeader: [string, string] = ['x-request-id', id]
  headersOf[OUT_HEADERS!] = before
    ? { ...before, ...record, 'x-request-id': idHeader }
    : { ...record, 'x-request-id': idHeader }
  for (let i = 0; i < extra.length; i += 2) res.setHeader(extra[i]!, extra[i + 1]!)
  return res.writeHead(status)
}
