import { Command, InvalidArgumentError, Option } from 'commander'
import {
  ProblemError,
  createClient,
  items,
  pages,
  type ChainAtlas,
  type Change,
  type Instrument,
} from '@chain-atlas/sdk'
import type { CollectionName } from '@chain-atlas/types'
// The one module of the types the CLI needs at run time: the levels, without the schemas and validators.
import { LEVELS, type Level } from '@chain-atlas/types/instrument'
import { exportInstruments, type ExportFormat } from './export.ts'
import { json, nameOf, table, text, type Lang } from './format.ts'

type Entry = { id: string; version: number; status: string } & Record<string, unknown>
type ListOperation = (options: {
  query: { limit?: number; cursor?: string; status?: string[] }
}) => Promise<{ data: { data: Entry[]; meta: { next_cursor?: string | null } } }>
type GetOperation = (options: { path: { id: string } }) => Promise<{ data: Entry }>

/** Each collection's list and get operations; a misspelt name fails the type check. */
const COLLECTIONS = {
  economies: ['listEconomies', 'getEconomy'],
  doctrines: ['listDoctrines', 'getDoctrine'],
  instruments: ['listInstruments', 'getInstrument'],
  'china-strategies': ['listChinaStrategies', 'getChinaStrategy'],
  sectors: ['listSectors', 'getSector'],
  sources: ['listSources', 'getSource'],
  alliances: ['listAlliances', 'getAlliance'],
  'sector-focuses': ['listSectorFocuses', 'getSectorFocus'],
  concepts: ['listConcepts', 'getConcept'],
  assessments: ['listAssessments', 'getAssessment'],
} as const satisfies Record<CollectionName, readonly [keyof ChainAtlas, keyof ChainAtlas]>
type Collection = keyof typeof COLLECTIONS

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
const positive = (value: string) => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer')
  return n
}
const collectionArgument = (value: string): Collection => {
  if (!(value in COLLECTIONS)) throw new InvalidArgumentError(`must be one of ${Object.keys(COLLECTIONS).join(', ')}`)
  return value as Collection
}

type Globals = { baseUrl: string; apiKey?: string; lang: Lang; json: boolean }

const out = (s: string): void => {
  process.stdout.write(s.endsWith('\n') ? s : `${s}\n`)
}

const instrumentRows = (instruments: Instrument[], lang: Lang) =>
  instruments.map((i) => [i.id, i.economy_id, i.level, i.year ?? '', text(i.title, lang)])

export const buildProgram = () => {
  const program = new Command('chain-atlas')
    .description('Chain Atlas from the command line: search, compare, export and follow changes.')
    .addOption(
      new Option('--base-url <url>', 'where the API is').env('CHAIN_ATLAS_URL').default('http://127.0.0.1:3000'),
    )
    .addOption(new Option('--api-key <key>', 'an API key (ca_…), for drafts').env('CHAIN_ATLAS_API_KEY'))
    .addOption(new Option('--lang <lang>', 'language of texts').choices(['en', 'zh']).default('en'))
    .option('--json', 'print JSON instead of tables', false)
    .showHelpAfterError()

  const atlasOf = (command: Command): [ChainAtlas, Globals] => {
    const globals = command.optsWithGlobals<Globals>()
    return [createClient({ baseUrl: globals.baseUrl, apiKey: globals.apiKey }), globals]
  }

  program
    .command('search')
    .description('search instruments in English or Chinese, best matches first')
    .argument('<words...>', 'what to look for, e.g. 芯片 or "supply chain"')
    .option('--economy <ids>', 'only these economies (us,jp)', list)
    .option('--level <levels>', 'only these levels (national,regional,global)', list)
    .option('--limit <n>', 'at most this many results', positive, 20)
    .action(
      async (words: string[], options: { economy?: string[]; level?: Level[]; limit: number }, command: Command) => {
        const [atlas, { lang, json: asJson }] = atlasOf(command)
        const found: Instrument[] = []
        const query = {
          q: words.join(' '),
          economy: options.economy,
          level: options.level,
          limit: Math.min(options.limit, 200),
        }
        for await (const instrument of items((cursor) => atlas.listInstruments({ query: { ...query, cursor } }))) {
          found.push(instrument)
          if (found.length >= options.limit) break
        }
        if (asJson) return out(json(found))
        out(
          found.length
            ? table(['id', 'economy', 'level', 'year', 'title'], instrumentRows(found, lang), [34, 6, 8, 5, 47])
            : 'No instrument matches.',
        )
      },
    )

  program
    .command('list')
    .description('list the entries of a collection')
    .argument('<collection>', Object.keys(COLLECTIONS).join(', '), collectionArgument)
    .option('--status <statuses>', 'draft,in_review,published,archived (others than published need --api-key)', list)
    .option('--limit <n>', 'at most this many entries', positive, 50)
    .action(async (collection: Collection, options: { status?: string[]; limit: number }, command: Command) => {
      const [atlas, { lang, json: asJson }] = atlasOf(command)
      const listOperation = (atlas[COLLECTIONS[collection][0]] as unknown as ListOperation).bind(atlas)
      const entries: Entry[] = []
      const query = { status: options.status, limit: Math.min(options.limit, 200) }
      for await (const entry of items((cursor) => listOperation({ query: { ...query, cursor } }))) {
        entries.push(entry)
        if (entries.length >= options.limit) break
      }
      if (asJson) return out(json(entries))
      out(
        table(
          ['id', 'status', 'version', 'name'],
          entries.map((e) => [e.id, e.status, e.version, nameOf(e, lang)]),
          [40, 10, 7, 43],
        ),
      )
    })

  program
    .command('get')
    .description('show one entry')
    .argument('<collection>', Object.keys(COLLECTIONS).join(', '), collectionArgument)
    .argument('<id>', 'its id, e.g. us-chips-and-science-act-2022')
    .action(async (collection: Collection, id: string, _options: object, command: Command) => {
      const [atlas, { lang, json: asJson }] = atlasOf(command)
      const { data: entry } = await (atlas[COLLECTIONS[collection][1]] as unknown as GetOperation).call(atlas, {
        path: { id },
      })
      if (asJson) return out(json(entry))
      const shown = (value: unknown) =>
        Array.isArray(value) ? value.map((v) => text(v, lang)).join('\n') : text(value, lang)
      out(
        table(
          ['field', 'value'],
          Object.entries(entry).map(([field, value]) => [field, shown(value)]),
          [20, 80],
        ),
      )
    })

  program
    .command('compare')
    .description('the instruments of economies side by side, one row per category (the paper’s tables)')
    .argument('[economies]', 'economies as columns, in order', list, ['us', 'jp', 'eu'])
    .addOption(new Option('--level <level>', 'which level').choices(LEVELS).default('national'))
    .option('--table <n>', 'the paper’s table 1, 2 or 3', positive)
    .action(async (economies: string[], options: { level: Level; table?: number }, command: Command) => {
      const [atlas, { lang, json: asJson }] = atlasOf(command)
      const query = options.table
        ? { economy: economies, table: options.table }
        : { economy: economies, level: options.level }
      const { data } = await atlas.compareEconomies({ query })
      if (asJson) return out(json(data))
      const head = ['category', ...data.economies.map((e) => text(e.name, lang))]
      const rows = data.rows.map((row) => [
        text(row.label, lang),
        ...row.cells.map((cell) =>
          cell.instruments.map((i) => `• ${text(i.title, lang)}${i.year ? ` (${i.year})` : ''}`).join('\n'),
        ),
      ])
      out(table(head, rows, [2, ...economies.map(() => 3)]))
    })

  program
    .command('export')
    .description('stream the published instruments to stdout (`> instruments.csv`), with a progress bar on a terminal')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv', 'ndjson']).default('json'))
    .option('--economy <ids>', 'only these economies', list)
    .option('--level <levels>', 'only these levels', list)
    .option('--q <words>', 'only instruments matching this search')
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option('--no-progress', 'never show the progress bar')
    .action(
      async (
        options: { format: ExportFormat; economy?: string[]; level?: Level[]; q?: string; progress?: boolean },
        command: Command,
      ) => {
        const [atlas] = atlasOf(command)
        const progress = options.progress ?? Boolean(process.stderr.isTTY)
        await exportInstruments(
          atlas,
          options.format,
          { economy: options.economy, level: options.level, q: options.q },
          progress,
        )
      },
    )

  program
    .command('changes')
    .description('changes to the published dataset in commit order; resume with the cursor printed last')
    .option('--cursor <cursor>', 'the cursor a previous run printed (default: from the beginning)')
    .option('--limit <n>', 'at most this many changes', positive, 1000)
    .action(async (options: { cursor?: string; limit: number }, command: Command) => {
      const [atlas, { json: asJson }] = atlasOf(command)
      const changes: Change[] = []
      let next = options.cursor
      // Each page asks for no more than is left to show, so its cursor resumes right after the last change shown.
      const fetchPage = (cursor: string | undefined) =>
        atlas.listChanges({ query: { cursor, limit: Math.min(options.limit - changes.length, 1000) } })
      for await (const page of pages(fetchPage, options.cursor)) {
        changes.push(...page.data)
        next = page.meta.next_cursor ?? next
        if (changes.length >= options.limit) break
      }
      if (asJson) return out(json({ data: changes, next_cursor: next }))
      out(
        table(
          ['seq', 'at', 'action', 'collection', 'id', 'version', 'status'],
          changes.map((c) => [c.seq, c.at, c.action, c.collection, c.id, c.version, c.status]),
        ),
      )
      process.stderr.write(`resume with: --cursor ${next}\n`)
    })

  return program
}

/** Runs the command line; an error answer prints its problem and exits non-zero. */
export const run = async (argv: string[]) => {
  try {
    await buildProgram().parseAsync(argv)
  } catch (error) {
    if (error instanceof ProblemError) {
      process.stderr.write(`Error ${error.status}: ${error.title}${error.detail ? ` – ${error.detail}` : ''}\n`)
      for (const field of error.errors) process.stderr.write(`  ${field.pointer}: ${field.detail}\n`)
    } else if (error instanceof TypeError && error.message === 'fetch failed') {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      process.stderr.write(
        `Error: cannot reach the API (${cause?.code ?? cause?.message ?? 'network error'}); set --base-url or CHAIN_ATLAS_URL.\n`,
      )
    } else {
      process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`)
    }
    process.exitCode = 1
  }
}
