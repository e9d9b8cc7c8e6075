import { Command, InvalidArgumentError, Option } from 'commander'
import {
  ProblemError,
  createClient,
  items,
  pages,
  type ChainAtlas,
  type Change,
  type SearchHit,
} from '@chain-atlas/sdk'
import type { CollectionName } from '@chain-atlas/types'
import { pascal } from '@chain-atlas/types/collections'
// The one module of the types the CLI needs at run time: the levels, without the schemas and validators.
import { LEVELS, type Level } from '@chain-atlas/types/instrument'
import { FILTERS } from '@chain-atlas/types/queries'
import { fieldTypeLabel } from '@chain-atlas/types/codebook-label'
import { exportInstruments, type ExportFormat } from './export.ts'
import { json, nameOf, table, text, type Lang } from './format.ts'

type Entry = { id: string; version: number; status: string } & Record<string, unknown>
type ListOperation = (options: {
  query: { limit?: number; cursor?: string; status?: string[] }
}) => Promise<{ data: { data: Entry[]; meta: { next_cursor?: string | null } } }>
type GetOperation = (options: { path: { id: string } }) => Promise<{ data: Entry }>
type ListOptions = Record<string, unknown> & { q?: string; status?: string[]; limit: number }
type Operation<Options, Answer> = (options: Options) => Promise<{ data: Answer }>

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

/** Each collection's entry type, as the contract's operations on one entry name it (`listInstrumentUsedBy`). */
const COLLECTION_SCHEMAS = Object.fromEntries(
  Object.entries(COLLECTIONS).map(([collection, [, get]]) => [collection, get.replace(/^get/, '')]),
) as Record<Collection, string>

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

/**
 * Every filter of every collection, as an option (`year_from` is `--year-from`): read from the same
 * table the API's contract is made from, so a new filter is an option here with nothing to add.
 */
const FILTER_NAMES = [...new Set(Object.values(FILTERS).flatMap((filters) => Object.keys(filters)))].sort()
const flag = (name: string) => `--${name.replaceAll('_', '-')}`
const optionKey = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())

const withFilterOptions = (command: Command) => {
  for (const name of FILTER_NAMES) {
    const takers = Object.entries(FILTERS).filter(([, filters]) => name in filters)
    const descriptions = new Set(takers.map(([, filters]) => filters[name]!.description))
    const description = descriptions.size === 1 ? [...descriptions][0] : `${name.replaceAll('_', ' ')}, comma-separated`
    command.option(`${flag(name)} <value>`, `${description} (${takers.map(([c]) => c).join(', ')})`)
  }
  return command
}

/** The filters given on the command line, as the collection's list takes them; one it has not is an error. */
const filtersOf = (collection: CollectionName, options: Record<string, unknown>, command: Command) => {
  const query: Record<string, unknown> = {}
  for (const name of FILTER_NAMES) {
    const value = options[optionKey(name)] as string | undefined
    if (value === undefined) continue
    const spec = FILTERS[collection][name]
    if (!spec)
      command.error(
        `error: ${flag(name)} does not filter ${collection}; it takes ${Object.keys(FILTERS[collection]).map(flag).join(', ') || 'no filter'}`,
      )
    else if (spec.kind === 'in' || spec.kind === 'overlap')
      query[name] = list(value).map((v) => ('integer' in spec && spec.integer ? Number(v) : v))
    else
      query[name] =
        spec.kind === 'flag' || spec.kind === 'tree' ? value === 'true' : spec.kind === 'since' ? value : Number(value)
  }
  return query
}

const out = (s: string): void => {
  process.stdout.write(s.endsWith('\n') ? s : `${s}\n`)
}

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
    .description('search every collection in English or Chinese, best matches first (GET /v1/search)')
    .argument('<words...>', 'what to look for, e.g. 芯片 or "supply chain"')
    .option('--limit <n>', 'at most this many results', positive, 20)
    .action(async (words: string[], options: { limit: number }, command: Command) => {
      const [atlas, { lang, json: asJson }] = atlasOf(command)
      const found: SearchHit[] = []
      const query = { q: words.join(' '), limit: Math.min(options.limit, 200) }
      for await (const hit of items((cursor) => atlas.searchAll({ query: { ...query, cursor } }))) {
        found.push(hit)
        if (found.length >= options.limit) break
      }
      if (asJson) return out(json(found))
      out(
        found.length
          ? table(
              ['collection', 'id', 'title', 'matched'],
              found.map((h) => [h.collection, h.id, text(h.title, lang), h.match.fields.join(', ')]),
              [14, 34, 42, 14],
            )
          : 'Nothing matches.',
      )
    })

  withFilterOptions(
    program
      .command('list')
      .description('list the entries of a collection, filtered (`list instruments --economy jp --year-from 2020`)')
      .argument('<collection>', Object.keys(COLLECTIONS).join(', '), collectionArgument),
  )
    .option('--q <words>', 'search in English or Chinese')
    .option('--status <statuses>', 'draft,in_review,published,archived (others than published need --api-key)', list)
    .option('--limit <n>', 'at most this many entries', positive, 50)
    .action(async (collection: Collection, options: ListOptions, command: Command) => {
      const [atlas, { lang, json: asJson }] = atlasOf(command)
      const listOperation = (atlas[COLLECTIONS[collection][0]] as unknown as ListOperation).bind(atlas)
      const entries: Entry[] = []
      const query = {
        ...filtersOf(collection, options, command),
        q: options.q,
        status: options.status,
        limit: Math.min(options.limit, 200),
      }
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
    .command('dataset')
    .description('the release, its counts and licence, and how to cite the paper and the data (GET /v1/dataset)')
    .option('--bibtex', 'print only the BibTeX: the paper’s entry, then the dataset’s')
    .action(async (options: { bibtex?: boolean }, command: Command) => {
      const [atlas, { lang, json: asJson }] = atlasOf(command)
      const { data } = await atlas.getDataset()
      if (asJson) return out(json(data))
      if (options.bibtex) return out([data.paper?.bibtex, data.citation.bibtex].filter(Boolean).join('\n\n'))
      out(
        [
          text(data.title, lang),
          `Version ${data.version}, released ${data.released_on}. Licence: ${data.licence.name} (${data.licence.id}).`,
          table(['collection', 'published'], Object.entries(data.counts)),
          `Cite the paper:\n  ${data.paper ? data.paper.reference[lang] : '(its source record is not published)'}`,
          `Cite the data:\n  ${data.citation.text[lang]}`,
          `What each field means: chain-atlas codebook.`,
        ].join('\n\n'),
      )
    })

  program
    .command('codebook')
    .description(
      'what the fields and values mean: a collection’s fields, a type’s, an enumeration’s values (GET /v1/codebook)',
    )
    .argument(
      '[name]',
      'a collection (instruments), a value type (fact) or an enumeration (lifecycle); none lists them',
    )
    .action(async (name: string | undefined, _options: object, command: Command) => {
      const [atlas, { lang, json: asJson }] = atlasOf(command)
      const { data } = await atlas.getCodebook()
      const holder = name ? [...data.collections, ...data.types].find((h) => h.name === name) : undefined
      const enumeration = name ? data.enumerations.find((e) => e.name === name) : undefined
      if (name && !holder && !enumeration)
        return command.error(
          `error: no collection, value type or enumeration is named ${name}; run chain-atlas codebook`,
        )
      if (asJson) return out(json(holder ?? enumeration ?? data))
      if (holder?.fields)
        return out(
          `${holder.definition[lang]}\n${table(
            ['field', 'type', 'required', 'definition'],
            holder.fields.map((f) => [f.name, fieldTypeLabel(f), f.required ? 'yes' : 'no', f.definition[lang]]),
            [16, 24, 8, 52],
          )}`,
        )
      if (holder) return out(holder.definition[lang])
      if (enumeration)
        return out(
          `${enumeration.definition[lang]}\n${table(
            ['value', ...(enumeration.grouped_by ? [enumeration.grouped_by] : []), 'definition'],
            enumeration.values.map((v) => [v.value, ...(enumeration.grouped_by ? [v.group] : []), v.definition[lang]]),
          )}`,
        )
      const named = (kind: string, list: { name: string; definition: { en: string; zh: string } }[]) =>
        list.map((h) => [kind, h.name, h.definition[lang]])
      out(
        table(
          ['kind', 'name', 'definition'],
          [
            ...named('collection', data.collections),
            ...named('type', data.types),
            ...named('enumeration', data.enumerations),
          ],
          [12, 22, 66],
        ),
      )
    })

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

  withFilterOptions(
    program
      .command('facets')
      .description('how many entries have each value of each filter, under the filters given')
      .argument('<collection>', Object.keys(COLLECTIONS).join(', '), collectionArgument),
  ).action(async (collection: Collection, options: Record<string, unknown>, command: Command) => {
    const [atlas, { lang, json: asJson }] = atlasOf(command)
    const facets = atlas[`get${pascal(collection)}Facets` as keyof ChainAtlas] as unknown as Operation<
      { query: object },
      {
        total: number
        facets: Record<string, { value: string | number; count: number; label: { en: string; zh: string } }[]>
      }
    >
    const { data } = await facets.call(atlas, { query: filtersOf(collection, options, command) })
    if (asJson) return out(json(data))
    const rows = Object.entries(data.facets).flatMap(([name, values]) =>
      values.map((v) => [name, v.value, v.label[lang], v.count]),
    )
    out(`${data.total} ${collection}\n${table(['filter', 'value', 'name', 'count'], rows, [14, 28, 40, 8])}`)
  })

  program
    .command('used-by')
    .description('the entries that reference one, and in which fields')
    .argument('<collection>', Object.keys(COLLECTIONS).join(', '), collectionArgument)
    .argument('<id>', 'its id, e.g. paper-hao-ming-2024')
    .option('--limit <n>', 'at most this many entries', positive, 50)
    .action(async (collection: Collection, id: string, options: { limit: number }, command: Command) => {
      const [atlas, { lang, json: asJson }] = atlasOf(command)
      const usedBy = atlas[`list${COLLECTION_SCHEMAS[collection]}UsedBy` as keyof ChainAtlas] as unknown as Operation<
        { path: { id: string }; query: { limit: number; cursor?: string } },
        { data: { collection: string; id: string; title: { en: string; zh: string }; fields: string[] }[] } & {
          meta: { next_cursor?: string | null }
        }
      >
      const found: { collection: string; id: string; title: { en: string; zh: string }; fields: string[] }[] = []
      const query = { limit: Math.min(options.limit, 200) }
      for await (const entry of items((cursor) => usedBy.call(atlas, { path: { id }, query: { ...query, cursor } }))) {
        found.push(entry)
        if (found.length >= options.limit) break
      }
      if (asJson) return out(json(found))
      out(
        found.length
          ? table(
              ['collection', 'id', 'fields', 'title'],
              found.map((e) => [e.collection, e.id, e.fields.join(', '), text(e.title, lang)]),
              [14, 34, 18, 34],
            )
          : `Nothing references ${collection}/${id}.`,
      )
    })

  program
    .command('network')
    .description('the links between economies, alliances and initiatives (`--economy jp --kind china_stance`)')
    .option('--economy <ids>', 'only the network of these economies', list)
    .option('--kind <kinds>', 'only these kinds of link', list)
    .action(async (options: { economy?: string[]; kind?: string[] }, command: Command) => {
      const [atlas, { lang, json: asJson }] = atlasOf(command)
      const { data } = await atlas.getNetwork({ query: { economy: options.economy, kind: options.kind as never } })
      if (asJson) return out(json(data))
      const label = new Map(data.nodes.map((n) => [n.id, text(n.label, lang)]))
      out(
        table(
          ['link', 'from', 'to', 'stance', 'instruments'],
          data.edges.map((e) => [
            e.kind,
            label.get(e.source) ?? e.source,
            label.get(e.target) ?? e.target,
            e.stance ?? '',
            e.instrument_ids.join(', '),
          ]),
          [18, 22, 22, 10, 28],
        ),
      )
    })

  withFilterOptions(
    program.command('timeline').description('instruments and China strategies by year, under the instruments’ filters'),
  ).action(async (options: Record<string, unknown>, command: Command) => {
    const [atlas, { lang, json: asJson }] = atlasOf(command)
    const { data } = await atlas.getTimeline({ query: filtersOf('instruments', options, command) as never })
    if (asJson) return out(json(data))
    out(
      table(
        ['year', 'instruments', 'China strategies'],
        data.years.map((y) => [
          y.year,
          (y.instruments ?? []).map((i) => `• ${text(i.title, lang)}`).join('\n'),
          (y.china_strategies ?? [])
            .map((s) => `• ${nameOf(s as unknown as Record<string, unknown>, lang)}`)
            .join('\n'),
        ]),
        [6, 60, 34],
      ),
    )
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
