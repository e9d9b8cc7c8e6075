// The limit: a bare Fastify route answering each captured URL with the API's exact bytes and
// content type, from memory. Whatever the API does beyond this is its cost.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

type Captured = { type: string; body: Buffer; status: number }
const captured = new Map<string, Captured>(
  Object.entries(
    JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Record<
      string,
      { type: string; body: string; status: number }
    >,
  ).map(([url, c]) => [url, { ...c, body: Buffer.from(c.body, 'base64') }]),
)

const app = Fastify({ logger: false })
app.get('/*', (request, reply) => {
  const c = captured.get(request.url)
  if (!c) return reply.code(404).send()
  reply.code(c.status).header('content-type', c.type).send(c.body)
})
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
