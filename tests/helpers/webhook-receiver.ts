import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** How old a delivery's timestamp may be (docs/webhooks.md): older ones are refused as possible replays. */
export const TOLERANCE_SECONDS = 5 * 60

export type Verdict = { ok: true } | { ok: false; reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature' }

/**
 * A receiver's check of one delivery, as docs/webhooks.md shows it: the signature is the HMAC-SHA256,
 * keyed with the endpoint's secret, of `${timestamp}.${body}` over the raw body, compared in constant
 * time; the timestamp is at most five minutes off.
 */
export const verifyDelivery = (
  secret: string,
  headers: IncomingHttpHeaders,
  rawBody: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Verdict => {
  const timestamp = headers['webhook-timestamp']
  const signature = headers['webhook-signature']
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d+$/.test(timestamp))
    return { ok: false, reason: 'missing-headers' }
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return { ok: false, reason: 'stale-timestamp' }
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`)
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad-signature' }
  return { ok: true }
}

export type Received = { id: string; type: string; collection: string; entry_id: string; attempt: number }

/**
 * A webhook receiver on a loopback port, as a real one would be: it verifies each request, refuses bad
 * signatures and stale timestamps (401), acknowledges a replayed event id without taking it twice, and
 * answers the statuses queued with `failNext` before going back to 200.
 */
export const startWebhookReceiver = async () => {
  let secret = ''
  const accepted: Received[] = []
  const replays: string[] = []
  const refused: Verdict[] = []
  const answered: number[] = []
  /** Every request as it came: headers and raw body, to replay or tamper with. */
  const requests: { headers: IncomingHttpHeaders; body: string }[] = []
  const queued: number[] = []
  let down: number | null = null
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (c: Buffer) => chunks.push(c))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      requests.push({ headers: request.headers, body })
      const answer = (status: number) => {
        answered.push(status)
        response.writeHead(status).end()
      }
      const verdict = verifyDelivery(secret, request.headers, body)
      if (!verdict.ok) {
        refused.push(verdict)
        return answer(401)
      }
      const forced = down ?? queued.shift()
      if (forced) return answer(forced)
      const event = JSON.parse(body) as Received
      if (accepted.some((e) => e.id === event.id)) replays.push(event.id)
      else accepted.push({ ...event, attempt: Number(request.headers['webhook-attempt']) })
      answer(200)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`

  return {
    url,
    accepted,
    replays,
    refused,
    answered,
    requests,
    /** The secret the API showed when the endpoint was created. */
    useSecret(value: string) {
      secret = value
    },
    /** Answers these statuses to the next verified requests, then 200 again. */
    failNext(...statuses: number[]) {
      queued.push(...statuses)
    },
    /** Answers `status` to every verified request until called with null. */
    answerAll(status: number | null) {
      down = status
    },
    /** Resolves once `count` distinct events were accepted; rejects after `withinMs` (a bound, not a measure). */
    async waitForAccepted(count: number, withinMs = 30_000) {
      const until = Date.now() + withinMs
      while (accepted.length < count) {
        if (Date.now() > until) throw new Error(`receiver accepted ${accepted.length} of ${count} events`)
        await new Promise((r) => setTimeout(r, 25))
      }
    },
    /** Resolves once `count` requests were answered, whatever the answer. */
    async waitForAnswers(count: number, withinMs = 30_000) {
      const until = Date.now() + withinMs
      while (answered.length < count) {
        if (Date.now() > until) throw new Error(`receiver answered ${answered.length} of ${count} requests`)
        await new Promise((r) => setTimeout(r, 25))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
