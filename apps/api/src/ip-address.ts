import { BlockList, isIP } from 'node:net'

/**
 * An IPv6 address's eight groups in lower-case hex, `::` expanded and a dotted IPv4 tail written as
 * two groups (`::ffff:127.0.0.1` → `0,0,0,0,0,ffff,7f00,1`): the URL parser normalizes it first.
 */
export const ipv6Groups = (ipv6: string): string[] => {
  const normal = new URL(`http://[${ipv6}]`).hostname.slice(1, -1)
  const [head = '', tail] = normal.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  return [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
}

/** The IPv4 address in an IPv6 address's last 32 bits (`::ffff:7f00:1` → `127.0.0.1`). */
export const lastIpv4 = (ipv6: string) => {
  const [high = '0', low = '0'] = ipv6Groups(ipv6).slice(-2)
  const n = Number.parseInt(high, 16) * 65536 + Number.parseInt(low, 16)
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/**
 * Who a client address stands for, as a rate limit counts it: an IPv4 address itself (an
 * IPv4-mapped IPv6 one too), an IPv6 address by its /64. One subscriber gets a /64 or more, and
 * could otherwise take a fresh address, and a fresh limit, for every request.
 */
export const clientNetwork = (address: string) => {
  if (isIP(address) !== 6) return address
  const groups = ipv6Groups(address)
  if (groups.slice(0, 6).join(':') === '0:0:0:0:0:ffff') return lastIpv4(address)
  return `${groups.slice(0, 4).join(':')}::/64`
}

/**
 * Whether an address is one of the proxies TRUST_PROXY names (addresses and CIDR ranges; BlockList
 * reads IPv4-mapped IPv6 as IPv4). Only a named proxy's X-Forwarded-* is believed: one
 * trusted by hop count alone would be any client that connects directly.
 */
export const proxyMatcher = (proxies: string[]): ((address: string | undefined) => boolean) => {
  const list = new BlockList()
  for (const proxy of proxies) {
    const [address = '', prefix] = proxy.split('/')
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (prefix === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(prefix), type)
  }
  const check = (address: string) => {
    const family = isIP(address)
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4')
  }
  // Asked on every request (HSTS, the client's address), mostly about the same few peers:
  // BlockList.check builds a SocketAddress each time, a fifth of a cached answer's CPU. Bounded,
  // as forwarded hops are the client's to make up.
  const known = new Map<string, boolean>()
  return (address) => {
    if (!address) return false
    let trusted = known.get(address)
    if (trusted === undefined) {
      if (known.size >= MAX_KNOWN_PEERS) known.clear()
      trusted = check(address)
      known.set(address, trusted)
    }
    return trusted
  }
}
const MAX_KNOWN_PEERS = 1000

/** Whether TRUST_PROXY's entry is an address or a CIDR range (`10.0.0.0/8`). */
export const isProxyEntry = (entry: string) => {
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (!family || rest.length) return false
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))
}
