import { createHmac, randomBytes } from 'node:crypto'

/** A new endpoint's signing secret: 32 random bytes, base64url, with a prefix that says what it is. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`

/**
 * The `Webhook-Signature` of a delivery: `v1=` and the hex HMAC-SHA256, keyed with the endpoint's
 * secret, of `${timestamp}.${body}` (the timestamp as sent in `Webhook-Timestamp`, Unix seconds).
 * Signing the timestamp with the body lets a receiver refuse an old request replayed as it was.
 */
export const signDelivery = (secret: string, timestamp: number, body: string) =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
