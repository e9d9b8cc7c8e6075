import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'

/** The JSON API runs nothing, so its policy allows nothing. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'"
// react-admin styles inline (emotion). No eval: the forms' validators are compiled when the UI is built
// (apps/admin/compiled-validators.ts), not by AJV in the browser.
const ADMIN_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
// The reference serves its own scripts, styles and fonts: no `https:` wildcard, nothing from elsewhere.
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

/**
 * Headers that only mean something for an HTML document (isolation, referrers, IE and Flash
 * relics): sent with the admin UI and the API reference, not with every JSON answer, where they
 * would be bytes and work for nothing. OWASP's REST guidance asks every API answer for
 * Cache-Control, a CSP with frame-ancestors, Content-Type, HSTS, nosniff and X-Frame-Options, and
 * none of these. (A JSON answer sends no referrer; a CORS read is let through by CORS, not by a
 * resource policy, which only governs no-cors loads such as images and scripts.)
 */
const DOCUMENT_HEADERS: Record<string, string> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
}

/** One framing policy everywhere: DENY, as `frame-ancestors 'none'` says in every CSP. */
const COMMON = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' }
const API_HEADERS = { ...COMMON, 'content-security-policy': API_CSP }
const ADMIN_HEADERS = { ...COMMON, 'content-security-policy': ADMIN_CSP, ...DOCUMENT_HEADERS }
const DOCS_HEADERS = { ...COMMON, 'content-security-policy': DOCS_CSP, ...DOCUMENT_HEADERS }

export const HSTS = ['strict-transport-security', 'max-age=31536000; includeSubDomains'] as const

/** Whether a request's URL is under a mount point: the point itself or below it (`/admin`, `/admin/…`, `/admin?…`, not `/administrator`). */
const under = (url: string, mount: string) =>
  url.startsWith(mount) && (url.length === mount.length || '/?#'.includes(url[mount.length]!))

/** The security headers of every answer to a path (HSTS aside: see `cameOverTls`). */
export const securityHeadersFor = (url: string): Record<string, string> =>
  under(url, '/admin') ? ADMIN_HEADERS : under(url, '/docs') ? DOCS_HEADERS : API_HEADERS

/**
 * Whether the request reached us over TLS: its own socket, or, from a trusted proxy (TRUST_PROXY),
 * the last X-Forwarded-Proto (as Fastify's `request.protocol` reads it). HSTS is sent only then.
 */
export const cameOverTls = (raw: IncomingMessage, isTrustedProxy: (address?: string) => boolean) => {
  const header = raw.headers['x-forwarded-proto']
  const forwarded = header && isTrustedProxy(raw.socket?.remoteAddress) ? header : undefined
  if (typeof forwarded === 'string') return forwarded.slice(forwarded.lastIndexOf(',') + 1).trim() === 'https'
  return (raw.socket as TLSSocket | null)?.encrypted === true
}
