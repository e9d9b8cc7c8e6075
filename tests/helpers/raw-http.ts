import { connect } from 'node:net'

/**
 * Sends bytes exactly as written (no client normalises a path or fixes a header) and reads until
 * the server closes the connection: the answer and how long it took.
 */
export const rawExchange = (address: string, bytes: string) =>
  new Promise<{ answer: string; ms: number }>((resolve, reject) => {
    const { hostname, port } = new URL(address)
    const started = Date.now()
    let answer = ''
    const socket = connect(Number(port), hostname, () => socket.write(bytes))
    socket.setEncoding('utf8').on('data', (chunk) => {
      answer += chunk
    })
    socket.on('error', reject).on('close', () => resolve({ answer, ms: Date.now() - started }))
  })

/** The body of a raw answer, parsed as the problem it is. */
export const problemOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))

/** A GET of a path sent as-is: its status and body. */
export const rawGet = async (address: string, path: string) => {
  const { answer } = await rawExchange(address, `GET ${path} HTTP/1.1\r\nHost: atlas\r\nConnection: close\r\n\r\n`)
  return { status: Number(answer.split(' ')[1]), body: answer.slice(answer.indexOf('\r\n\r\n') + 4) }
}
