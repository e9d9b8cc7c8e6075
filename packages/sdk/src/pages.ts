/** A page of any list: `meta.next_cursor` (null at the end of a list) and `meta.has_more`, alike on every list. */
export type Page<T> = { data: T[]; meta: { next_cursor?: string | null; has_more?: boolean } }

/** Fetches the page after `cursor` (undefined for the first); pass it as the list's `cursor`. */
export type PageFetcher<P extends Page<unknown>> = (cursor: string | undefined) => Promise<{ data: P }>

/**
 * Every page of a list, fetched as the loop asks for it:
 * `for await (const page of pages((cursor) => atlas.listInstruments({ query: { q: '芯片', cursor } })))`.
 */
export async function* pages<P extends Page<unknown>>(fetchPage: PageFetcher<P>, start?: string): AsyncGenerator<P> {
  let cursor = start
  for (;;) {
    const { data: page } = await fetchPage(cursor)
    yield page
    const next = page.meta.next_cursor
    // The change feed always returns a cursor (to poll from later): `has_more` says whether to go on now.
    if (!next || page.meta.has_more === false || next === cursor) return
    cursor = next
  }
}

/** Every item of every page, one at a time. */
export async function* items<T>(fetchPage: PageFetcher<Page<T>>, start?: string): AsyncGenerator<T> {
  for await (const page of pages(fetchPage, start)) yield* page.data
}
