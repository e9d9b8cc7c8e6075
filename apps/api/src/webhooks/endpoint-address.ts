import { BlockList, isIP } from 'node:net'
import { invalid } from '@chain-atlas/types'
import type { WebhookSettings } from '../config.ts'

/** Loopback, private, link-local and unspecified ranges: a webhook aimed there would reach into the server's own network. */
const PRIVATE_RANGES = (() => {
  const list = new BlockList()
  for (const [network, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
  ] as const)
    list.addSubnet(network, prefix, 'ipv4')
  for (const [network, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
  ] as const)
    list.addSubnet(network, prefix, 'ipv6')
  return list
})()

/** Whether an IP address is in a private range (an IPv4-mapped IPv6 address by its IPv4 part). */
export const isPrivateAddress = (address: string) => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (mapped) return PRIVATE_RANGES.check(mapped, 'ipv4')
  const family = isIP(address)
  return family !== 0 && PRIVATE_RANGES.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * Checks an endpoint URL an admin registers: it parses, is https (http only with WEBHOOKS_ALLOW_HTTP),
 * carries no credentials or fragment, and (unless WEBHOOKS_ALLOW_PRIVATE_HOSTS) does not name a private
 * address or localhost. A name that resolves to a private address is refused when sending (send.ts).
 */
export const checkEndpointUrl = (raw: string, settings: Pick<WebhookSettings, 'allowHttp' | 'allowPrivateHosts'>) => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw invalid('/body/url', 'is not a URL')
  }
  if (url.protocol === 'http:' && !settings.allowHttp)
    throw invalid('/body/url', 'must be https (http is allowed only when the server sets WEBHOOKS_ALLOW_HTTP=true)')
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('/body/url', 'must be an https URL')
  if (url.username || url.password) throw invalid('/body/url', 'must not hold a user name or password')
  if (url.hash) throw invalid('/body/url', 'must not have a #fragment')
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (!settings.allowPrivateHosts && (isPrivateAddress(host) || host === 'localhost' || host.endsWith('.localhost')))
    throw invalid('/body/url', 'must not be a loopback, private or link-local address')
  return url.toString()
}
