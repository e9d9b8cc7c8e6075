import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exited, freePort, waitReady } from './processes.ts'

export const NGINX = '/usr/sbin/nginx'

export const nginxSkipReason = (): string | false =>
  existsSync(NGINX) ? false : 'no nginx: apt-get install nginx-light'

/**
 * nginx on loopback balancing round-robin over the given API ports, as a load balancer in front of
 * replicas would; it says which replica answered in `X-Upstream`.
 */
export const loadBalancer = async (t: { teardown(fn: () => unknown): void }, upstreamPorts: number[]) => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-nginx-'))
  await mkdir(join(dir, 'logs'))
  const port = await freePort()
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
      add_header X-Upstream $upstream_addr always;
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
