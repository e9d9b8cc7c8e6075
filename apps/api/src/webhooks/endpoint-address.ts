import { BlockList, isIP } from 'node:net'
import { invalid } from '@chain-atlas/types'
import { ipv6Groups, lastIpv4 } from '../ip-address.ts'
import type { WebhookSettings } from '../config.ts'

/** A BlockList of subnets written `network/prefix`, each of its family. */
const blockList = (subnets: string[]) => {
  const list = new BlockList()
  for (const subnet of subnets) {
    const [network = '', prefix] = subnet.split('/')
    list.addSubnet(network, Number(prefix), isIP(network) === 4 ? 'ipv4' : 'ipv6')
  }
  return list
}

/**
 * Ranges no webhook is sent to: loopback, private, shared (CGNAT), link-local, unspecified and
 * special-purpose ones (a webhook aimed there would reach into the server's own network; Teredo's
 * `2001::/32` hides an IPv4 address), and multicast and broadcast (no one receiver).
 */
const PRIVATE_RANGES = blockList([
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  '100::/64',
  '2001::/32',
  '2001:db8::/32',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  'ff00::/8',
])

/**
 * IPv6 prefixes whose last 32 bits are an IPv4 address the packet may reach: IPv4-compatible (`::a.b.c.d`),
 * IPv4-mapped and -translated (`::ffff:…`, `::ffff:0:…`) and NAT64's (`64:ff9b::`, `64:ff9b:1::`).
 */
const EMBEDS_IPV4 = blockList(['::/96', '::ffff:0:0/96', '::ffff:0:0:0/96', '64:ff9b::/96', '64:ff9b:1::/48'])

/**
 * Whether an IP address is one no webhook is sent to (`PRIVATE_RANGES`); an IPv6 address that
 * carries an IPv4 one (`EMBEDS_IPV4`) also by that IPv4 address. Not an address: false.
 */
export const isPrivateAddress = (address: string) => {
  const family = isIP(address)
  if (family === 4) return PRIVATE_RANGES.check(address, 'ipv4')
  if (family !== 6) return false
  if (PRIVATE_RANGES.check(address, 'ipv6')) return true
  if (SIX_TO_FOUR.check(address, 'ipv6')) return PRIVATE_RANGES.check(sixToFourIpv4(address), 'ipv4')
  return EMBEDS_IPV4.check(address, 'ipv6') && PRIVATE_RANGES.check(lastIpv4(address), 'ipv4')
}

/** 6to4 (`2002:7f00:1::`): the IPv4 address a relay sends it on to is in bits 16 to 48. */
const SIX_TO_FOUR = blockList(['2002::/16'])
const sixToFourIpv4 = (address: string) => lastIpv4(`::${ipv6Groups(address).slice(1, 3).join(':')}`)

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
  // `localhost.` is `localhost`: a name's trailing dots say it is absolute, not another name.
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '')
  if (!settings.allowPrivateHosts && (isPrivateAddress(host) || host === 'localhost' || host.endsWith('.localhost')))
    throw invalid('/body/url', 'must not be a loopback, private or link-local address')
  return url.toString()
}
