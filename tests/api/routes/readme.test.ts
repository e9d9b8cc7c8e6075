import { readFile, readdir, stat } from 'node:fs/promises'
import t from 'tap'
import { testApp } from '../../helpers/app.ts'

const ROUTES = new URL('../../../apps/api/src/routes/', import.meta.url)

type Operation = { method: string; path: string; operationId: string }

/** Every operation of the contract the app generates. */
const contractOperations = (document: {
  paths: Record<string, Record<string, { operationId: string }>>
}): Operation[] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, operationId: op.operationId })),
  )

/** README.md's table: the file each operationId is listed under. */
const readmeFiles = (readme: string) => {
  const files = new Map<string, string>()
  for (const line of readme.split('\n').filter((l) => l.startsWith('| `'))) {
    const [, ids = '', file = ''] = line
      .split('|')
      .map((cell) => cell.trim())
      .slice(1)
    const path = /\]\(([^)]+)\)/.exec(file)?.[1] ?? file
    for (const [, id] of ids.matchAll(/`(\w+)`/g)) files.set(id!, path)
  }
  return files
}

/** The doc comments' lines `METHOD /path  operationId`, by operationId. */
const declaredOperations = async () => {
  const declared = new Map<string, Operation & { file: string }>()
  const files = (await readdir(ROUTES, { recursive: true })).filter((f) => f.endsWith('.ts'))
  for (const file of files) {
    const text = await readFile(new URL(file, ROUTES), 'utf8')
    for (const [, method, path, operationId] of text.matchAll(
      /^\s*\*\s+(GET|POST|PUT|PATCH|DELETE) (\S+)\s+(\w+)\s*$/gm,
    )) {
      declared.set(operationId!, { method: method!, path: path!, operationId: operationId!, file })
    }
  }
  return declared
}

t.test('routes/README.md maps every operationId to the file whose doc comment lists it', async (t) => {
  const { app } = await testApp(t, 'migrated')
  const operations = contractOperations(app.swagger() as never)
  const listed = readmeFiles(await readFile(new URL('README.md', ROUTES), 'utf8'))
  const declared = await declaredOperations()
  const describe = (op: Operation) => `${op.method} ${op.path} ${op.operationId}`

  t.same(
    operations.filter((op) => !listed.has(op.operationId)).map(describe),
    [],
    'every operationId is in the README table',
  )
  t.same(
    operations.filter((op) => !declared.has(op.operationId)).map(describe),
    [],
    'every operation is in a doc comment',
  )
  const misplaced = operations.filter((op) => {
    const found = declared.get(op.operationId)
    return found && (found.file !== listed.get(op.operationId) || describe(found) !== describe(op))
  })
  t.same(
    misplaced.map(describe),
    [],
    'the README names the file whose doc comment lists the operation, with its method and path',
  )
  const known = new Set(operations.map((op) => op.operationId))
  const stale = [...listed.keys(), ...declared.keys()].filter((id) => !known.has(id))
  t.same(stale, [], 'neither lists an operationId the contract does not have')
})

t.test('every link in routes/README.md leads to a file or folder that exists', async (t) => {
  const readme = await readFile(new URL('README.md', ROUTES), 'utf8')
  const links = [...readme.matchAll(/\]\(([^)#]+)\)/g)].map(([, link]) => link!)
  t.ok(links.length > 30, 'the table links its files and tests')
  const missing = []
  for (const link of links) {
    if (!(await stat(new URL(link, ROUTES)).catch(() => null))) missing.push(link)
  }
  t.same(missing, [], 'no link is broken')
})
