import type { WebhookSettings } from '../config.ts'

/**
 * The wait before the attempt after `attempt` (1 for the first retry's), or null when that was the
 * last: the base doubles with each attempt up to the cap, and is drawn from its upper half (jitter), so
 * receivers that failed together are not all retried at the same moment.
 */
export const retryDelay = (
  attempt: number,
  settings: Pick<WebhookSettings, 'maxAttempts' | 'backoffMs' | 'backoffMaxMs'>,
  random: () => number = Math.random,
): number | null => {
  if (attempt >= settings.maxAttempts) return null
  const ceiling = Math.min(settings.backoffMaxMs, settings.backoffMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}
