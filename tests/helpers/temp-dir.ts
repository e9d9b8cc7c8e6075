import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A new folder under the system's temporary one, removed with everything in it when the test ends. */
export const tempDir = async (t: { teardown(fn: () => unknown): void }, prefix: string) => {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}
