import { retryAfterSeconds } from './problem.js'

export type RetryOptions = {
  /** Retries after the first attempt (default 3); 0 turns retrying off. */
  attempts?: number
  /** The longest wait before a retry (default 30 s): when the server asks for longer, its answer is returned at once. */
  maxDelayMs?: number
  /** The first wait when the server gives no `Retry-After` (default 500 ms), doubled on each retry. */
  baseDelayMs?: number
}

/** Both say "not now, try later": the request was not carried out, so sending it again is safe. */
const RETRIED = new Set([429, 503])

const sleep = (ms: number, signal?: AbortSignal | null) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true },
    )
  })

/** A fetch that retries 429 and 503 answers, waiting as `Retry-After` says (seconds or an HTTP date). */
export const retryingFetch = (fetchImpl: typeof fetch, options: RetryOptions = {}): typeof fetch => {
  const { attempts = 3, maxDelayMs = 30_000, baseDelayMs = 500 } = options
  return async (input, init) => {
    const request = new Request(input, init)
    for (let attempt = 0; ; attempt++) {
      // A clone per attempt: a request body can be read only once.
      const response = await fetchImpl(request.clone())
      if (!RETRIED.has(response.status) || attempt >= attempts) return response
      const seconds = retryAfterSeconds(response.headers.get('retry-after'))
      const delay = seconds === undefined ? baseDelayMs * 2 ** attempt : seconds * 1000
      if (delay > maxDelayMs) return response
      await response.body?.cancel()
      await sleep(delay, request.signal)
    }
  }
}
