/** The ETag a response carries; an entry's is its version (`"v3"`). */
export const etagOf = (response: Response): string | undefined => response.headers.get('etag') ?? undefined

/**
 * The `If-Match` header every write to an entry needs (428 without it, 412 when someone changed
 * the entry since): from the entry as read, the response that carried it, or an ETag.
 */
export const ifMatch = (from: { version: number } | Response | string): { 'if-match': string } => {
  if (typeof from === 'string') return { 'if-match': from }
  if (from instanceof Response) {
    const etag = etagOf(from)
    if (!etag) throw new Error('The response carries no ETag to match.')
    return { 'if-match': etag }
  }
  return { 'if-match': `"v${from.version}"` }
}
