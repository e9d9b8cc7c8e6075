import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isPrivateAddress } from './endpoint-address.ts'

/** The outcome of one POST: the receiver's status, or an error code when no answer came. */
export type SendResult = { statusCode: number; error: null } | { statusCode: null; error: string }

export type SendOptions = { timeoutMs: number; allowPrivateHosts: boolean }

/** Resolves the host as usual, and refuses a private address (a public name can point at one). */
const publicOnlyLookup: RequestOptions['lookup'] = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    const list = addresses as unknown as LookupAddress[]
    if (error) return callback(error, list)
    const allowed = list.filter((a) => !isPrivateAddress(a.address))
    if (!allowed.length) return callback(Object.assign(new Error('private address'), { code: 'EPRIVATEADDRESS' }), [])
    if ((options as { all?: boolean }).all) return callback(null, allowed)
    callback(null, allowed[0]!.address, allowed[0]!.family)
  })
}

/** Why no answer came, from codes only: the timeout's, or the socket's (ECONNREFUSED, ENOTFOUND, …). */
const errorCode = (error: unknown) => {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : 'ERROR'
}

/**
 * POSTs a delivery once, with no connection kept and no redirect followed (a 3xx is the answer). The
 * whole exchange, answer included, must end within `timeoutMs`; the answer's body is read and dropped.
 */
export const postDelivery = (url: string, body: string, headers: Record<string, string>, options: SendOptions) =>
  new Promise<SendResult>((resolve) => {
    const target = new URL(url)
    // An address in the URL is not looked up, so the lookup's check cannot see it: checked here.
    if (!options.allowPrivateHosts && isPrivateAddress(target.hostname.replace(/^\[|\]$/g, '')))
      return resolve({ statusCode: null, error: 'EPRIVATEADDRESS' })
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    const request = send(target, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      ...(options.allowPrivateHosts ? {} : { lookup: publicOnlyLookup }),
    })
    const timer = setTimeout(
      () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
      options.timeoutMs,
    )
    const finish = (result: SendResult) => {
      clearTimeout(timer)
      resolve(result)
    }
    request.on('response', (response) => {
      response.on('error', () => {}) // the answer's status is what counts, even if its body breaks off
      response.on('close', () => finish({ statusCode: response.statusCode!, error: null }))
      response.resume()
    })
    request.on('error', (error) => finish({ statusCode: null, error: errorCode(error) }))
    request.end(body)
  })
