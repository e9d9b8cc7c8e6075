import type { MouseEvent, ReactElement } from 'react'
import {
  AutocompleteArrayInput,
  BooleanInput,
  DateTimeInput,
  CreateButton,
  DatagridConfigurable,
  ExportButton,
  FilterButton,
  FunctionField,
  Link,
  List,
  NumberField,
  NumberInput,
  ReferenceArrayInput,
  SelectArrayInput,
  SelectColumnsButton,
  TextField,
  TopToolbar,
  useCreatePath,
  useLocaleState,
  useResourceContext,
  useTranslate,
} from 'react-admin'
import { FILTERS, SORTS, STATUSES, collectionSpecs, type FilterSpec } from '@chain-atlas/types'
import { PRIMARY_TEXT, fieldsOf, nameOf, type Bilingual, type CollectionName } from '../collections.ts'
import { useChoices, useFieldLabel } from '../forms/SchemaInputs.tsx'
import { DateTimeField } from '../display/dates.tsx'
import { EconomyInput, useEconomies } from '../forms/EconomyInput.tsx'
import { BulkWorkflowButtons } from './workflow.tsx'
import { SearchBox } from './SearchBox.tsx'

/** Filters shown without opening the filter menu. */
const ALWAYS_ON = new Set(['q', 'status', 'economy', 'level', 'category'])

/** The collection a filter's ids belong to: the reference behind its column. */
const filterTarget = (collection: CollectionName, spec: FilterSpec) =>
  collectionSpecs[collection].references.find((r) => r.path.split('/')[0] === spec.column)?.collection

/** The read API's filters for a collection, each as the input its kind calls for. */
const useFilters = (collection: CollectionName): ReactElement[] => {
  const label = useFieldLabel()
  const choices = useChoices()
  const [locale] = useLocaleState()
  const inputs = Object.entries(FILTERS[collection]).map(([name, spec]) => {
    const common = { source: name, label: label(name), alwaysOn: ALWAYS_ON.has(name) }
    if (spec.kind === 'min' || spec.kind === 'max') return <NumberInput key={name} {...common} />
    if (spec.kind === 'flag' || spec.kind === 'tree') return <BooleanInput key={name} {...common} />
    if (spec.kind === 'since')
      return <DateTimeInput key={name} {...common} parse={(v: string) => (v ? new Date(v).toISOString() : v)} />
    if ('values' in spec && spec.values)
      return (
        <SelectArrayInput
          key={name}
          {...common}
          choices={choices(spec.values)}
          translateChoice={false}
          sx={{ minWidth: 160 }}
        />
      )
    const target = filterTarget(collection, spec)
    if (target === 'economies') return <EconomyInput key={name} {...common} multiple sx={{ minWidth: 200 }} />
    if (target) {
      return (
        <ReferenceArrayInput key={name} {...common} reference={target} perPage={20}>
          <AutocompleteArrayInput
            label={label(name)}
            optionText={(r: Record<string, unknown>) => nameOf(target, r, locale)}
            filterToQuery={(q: string) => ({ q })}
            sx={{ minWidth: 200 }}
          />
        </ReferenceArrayInput>
      )
    }
    return <NumberInput key={name} {...common} />
  })
  return [
    <SearchBox key="q" source="q" alwaysOn />,
    <SelectArrayInput
      key="status"
      source="status"
      label={label('status')}
      choices={choices(STATUSES)}
      translateChoice={false}
      alwaysOn
      sx={{ minWidth: 160 }}
    />,
    ...inputs,
  ]
}

/** Text cut to `lines` lines with an ellipsis, whole in its tooltip: a long title or category keeps the row short. */
const Clamp = ({ text, lines = 1, lang }: { text?: string; lines?: number; lang?: string }) => (
  <span
    lang={lang}
    title={text}
    style={{
      display: '-webkit-box',
      WebkitLineClamp: lines,
      WebkitBoxOrient: 'vertical',
      overflow: 'hidden',
      overflowWrap: 'anywhere',
    }}
  >
    {text}
  </span>
)

/**
 * A bilingual text in a list cell, in both languages, a line each: a link to the record, so the
 * keyboard reaches it (a row opens on a click, but a row is not focusable).
 */
const BilingualCell = ({ source, sortable }: { source: string; label: string; sortable: boolean }) => {
  const label = useFieldLabel()
  const resource = useResourceContext()
  const createPath = useCreatePath()
  return (
    <FunctionField
      source={source}
      label={label(source)}
      sortable={sortable}
      render={(record: Record<string, unknown>) => {
        const text = record[source] as Bilingual | undefined
        return (
          <Link
            to={createPath({ resource, id: record.id as string, type: 'show' })}
            // The row's own click opens the same page: once is enough.
            onClick={(event: MouseEvent) => event.stopPropagation()}
            sx={{ display: 'block', minWidth: 220, maxWidth: 420 }}
          >
            <Clamp lang="en" text={text?.en} />
            <Clamp lang="zh" text={text?.zh} />
          </Link>
        )
      }}
    />
  )
}

/** A closed-list value in the UI language. */
const ValueCell = ({ source, sortable }: { source: string; label: string; sortable: boolean }) => {
  const translate = useTranslate()
  const label = useFieldLabel()
  return (
    <FunctionField
      source={source}
      label={label(source)}
      sortable={sortable}
      render={(r: Record<string, unknown>) =>
        r[source] == null ? (
          ''
        ) : (
          <span style={{ display: 'block', minWidth: 80, maxWidth: 220 }}>
            <Clamp lines={2} text={translate(`atlas.values.${r[source]}`, { _: String(r[source]) })} />
          </span>
        )
      }
    />
  )
}

/** An entry's economy by its name in the UI language (the economies load once for the whole page). */
const EconomyCell = ({ source, sortable }: { source: string; label: string; sortable: boolean }) => {
  const label = useFieldLabel()
  const [locale] = useLocaleState()
  const economies = useEconomies()
  const byId = new Map(economies.map((e) => [e.id, e]))
  return (
    <FunctionField
      source={source}
      label={label(source)}
      sortable={sortable}
      render={(r: Record<string, unknown>) => {
        const id = r[source] as string | undefined
        const economy = id ? byId.get(id) : undefined
        return economy ? <span title={id}>{nameOf('economies', economy, locale)}</span> : (id ?? '')
      }}
    />
  )
}

/** Columns that tell entries apart, where the collection has them. */
const EXTRA_COLUMNS = ['economy_id', 'kind', 'level', 'category', 'year', 'lifecycle', 'stance', 'ordinal']

/** Left out until a curator adds them with the column chooser: the table then fits a laptop's screen. */
const HIDDEN_BY_DEFAULT = ['id', 'lifecycle', 'version']

/** A list's buttons, the column chooser first; they wrap onto a second line rather than push the page wider. */
export const ListActions = ({ filters = true }: { filters?: boolean }) => (
  <TopToolbar sx={{ flexWrap: 'wrap', flexShrink: 1, minWidth: 0, justifyContent: 'flex-end' }}>
    <SelectColumnsButton />
    {filters && <FilterButton />}
    <CreateButton />
    <ExportButton />
  </TopToolbar>
)

/**
 * A collection's entries with the read API's filters, search and sort orders. Drafts and entries in
 * review are listed too (signed-in users read every state); bulk workflow actions on the selection.
 */
export const EntityList = ({ collection }: { collection: CollectionName }) => {
  const filters = useFilters(collection)
  const label = useFieldLabel()
  const sorts = SORTS[collection]
  const primary = PRIMARY_TEXT[collection]
  const fields = fieldsOf(collection)
  return (
    <List
      sx={{ '& .RaList-main': { minWidth: 0 } }}
      filters={filters}
      actions={<ListActions />}
      perPage={25}
      filterDefaultValues={{ status: ['draft', 'in_review', 'published'] }}
      sort={{ field: 'id', order: 'ASC' }}
    >
      <DatagridConfigurable
        rowClick="show"
        bulkActionButtons={<BulkWorkflowButtons />}
        omit={HIDDEN_BY_DEFAULT}
        sx={{
          // The bulk actions stick below the app bar while the curator scrolls down the selection.
          '& div:has(> .RaBulkActionsToolbar-toolbar)': { position: 'sticky', top: 96, zIndex: 3 },
          '& .RaBulkActionsToolbar-topToolbar': { flexWrap: 'wrap', gap: 0.5 },
          '& .RaDatagrid-headerCell': { whiteSpace: 'nowrap' },
          // Cells padded by 8 px rather than 16: the default columns fit 1280 px beside the menu.
          '& .MuiTableCell-root:not(.MuiTableCell-paddingCheckbox)': { px: 1 },
        }}
      >
        <TextField source="id" label={label('id')} />
        <BilingualCell source={primary} label={label(primary)} sortable={primary in sorts} />
        {EXTRA_COLUMNS.filter((c) => c in fields).map((c) =>
          c === 'economy_id' ? (
            <EconomyCell key={c} source={c} label={label(c)} sortable={c in sorts} />
          ) : fields[c]!.enum ? (
            <ValueCell key={c} source={c} label={label(c)} sortable={c in sorts} />
          ) : (
            <TextField key={c} source={c} label={label(c)} sortable={c in sorts} />
          ),
        )}
        <ValueCell source="status" label={label('status')} sortable={false} />
        <NumberField source="version" label={label('version')} sortable={false} />
        <DateTimeField source="updated_at" label={label('updated_at')} />
      </DatagridConfigurable>
    </List>
  )
}
