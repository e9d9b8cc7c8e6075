import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exited, freePort, waitReady } from './processes.ts'

export const NGINX = '/usr/sbin/nginx'

export const nginxSkipReason = (): string | false =>
  existsSync(NGINX) ? false : 'no nginx: apt-get install nginx-light'

/**
 * nginx as a shared HTTP cache, as docs/operations.md ("HTTP caches in front") configures it: it
 * keeps public answers as their Cache-Control says (fresh for max-age, then served while it
 * revalidates in the background, or when the API is unreachable), never caches or answers from the
 * cache what a signed-in client asks (session cookie or API key), and says what it did in
 * `X-Cache-Status` (MISS, HIT, STALE, UPDATING, BYPASS…).
 */
const cacheDirectives = (dir: string) => ({
  http: `proxy_cache_path ${dir}/cache levels=1:2 keys_zone=atlas:10m max_size=256m inactive=1d use_temp_path=off;`,
  location: `
      proxy_cache atlas;
      proxy_cache_revalidate on;
      proxy_cache_background_update on;
      proxy_cache_lock on;
      proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;
      proxy_cache_bypass $http_authorization $cookie_atlas_session;
      proxy_no_cache $http_authorization $cookie_atlas_session;
      add_header X-Cache-Status $upstream_cache_status always;`,
})

/**
 * nginx on loopback balancing round-robin over the given API ports, as a load balancer in front of
 * replicas would; it says which replica answered in `X-Upstream`. With `cache`, it is also a
 * shared HTTP cache (see `cacheDirectives`).
 */
export const loadBalancer = async (
  t: { teardown(fn: () => unknown): void },
  upstreamPorts: number[],
  { cache = false } = {},
) => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-nginx-'))
  await mkdir(join(dir, 'logs'))
  const port = await freePort()
  const caching = cache ? cacheDirectives(dir) : { http: '', location: '' }
  const conf = `
user root;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  ${caching.http}
  upstream api { ${upstreamPorts.map((p) => `server 127.0.0.1:${p};`).join(' ')} keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Upstream $upstream_addr always;${caching.location}
    }
  }
}`
  await writeFile(join(dir, 'nginx.conf'), conf)
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  t.teardown(async () => {
    child.kill('SIGTERM')
    await exited(child)
    await rm(dir, { recursive: true, force: true })
  })
  const base = `http://127.0.0.1:${port}`
  await waitReady(`${base}/healthz`, Date.now() + 30_000)
  return { base }
}

/**
 * `fetch` from a source address of its own on the loopback network (`127.0.0.9`): to nginx, whose
 * `$remote_addr` is what the API believes behind it, a client of its own.
 */
export const fetchFrom =
  (localAddress: string) =>
  (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<Response>((resolve, reject) => {
      const sent = request(url, { method: init.method ?? 'GET', headers: init.headers, localAddress }, (res) => {
        const chunks: Buffer[] = []
        res
          .on('data', (chunk: Buffer) => chunks.push(chunk))
          .on('end', () => {
            const headers = new Headers()
            for (let i = 0; i < res.rawHeaders.length; i += 2)
              headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!)
            const empty = res.statusCode === 204 || res.statusCode === 304
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status: res.statusCode!, headers }))
          })
          .on('error', reject)
      })
      sent.on('error', reject).end(init.body)
    })
