import t from 'tap'
import { retryDelay } from '../../../apps/api/src/webhooks/backoff.ts'

const SETTINGS = { maxAttempts: 6, backoffMs: 1000, backoffMaxMs: 10_000 }

t.test('retries wait twice as long each time, up to the cap, with jitter in the upper half', async (t) => {
  const lowest = (attempt: number) => retryDelay(attempt, SETTINGS, () => 0)
  const highest = (attempt: number) => retryDelay(attempt, SETTINGS, () => 1)
  t.same([1, 2, 3, 4, 5].map(highest), [1000, 2000, 4000, 8000, 10_000], 'doubling, then capped')
  t.same([1, 2, 3, 4, 5].map(lowest), [500, 1000, 2000, 4000, 5000], 'never below half')
  const drawn = new Set(Array.from({ length: 50 }, () => retryDelay(3, SETTINGS)))
  t.ok(drawn.size > 1, 'two deliveries that failed together are not retried together')
})

t.test('the last attempt schedules no retry', async (t) => {
  t.equal(retryDelay(6, SETTINGS), null)
  t.equal(retryDelay(1, { ...SETTINGS, maxAttempts: 1 }), null, 'one attempt: no retry at all')
})
