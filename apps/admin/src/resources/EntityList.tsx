import type { ReactElement } from 'react'
import {
  AutocompleteArrayInput,
  BooleanInput,
  DateTimeInput,
  CreateButton,
  Datagrid,
  ExportButton,
  FilterButton,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  ReferenceArrayInput,
  SearchInput,
  SelectArrayInput,
  TextField,
  TopToolbar,
  useLocaleState,
  useTranslate,
} from 'react-admin'
import { FILTERS, SORTS, STATUSES, collectionSpecs, type FilterSpec } from '@chain-atlas/types'
import { PRIMARY_TEXT, fieldsOf, nameOf, type Bilingual, type CollectionName } from '../collections.ts'
import { useChoices, useFieldLabel } from '../forms/SchemaInputs.tsx'
import { DateTimeField } from '../display/dates.tsx'
import { BulkWorkflowButtons } from './workflow.tsx'

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
    <SearchInput key="q" source="q" alwaysOn />,
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

/** A bilingual text in a list cell, in both languages. */
const BilingualCell = ({ source, sortable }: { source: string; sortable: boolean }) => {
  const label = useFieldLabel()
  return (
    <FunctionField
      source={source}
      label={label(source)}
      sortable={sortable}
      render={(record: Record<string, unknown>) => {
        const text = record[source] as Bilingual | undefined
        return (
          <span style={{ display: 'block', minWidth: 260 }}>
            <span lang="en">{text?.en}</span>
            <br />
            <span lang="zh">{text?.zh}</span>
          </span>
        )
      }}
    />
  )
}

/** A closed-list value in the UI language. */
const ValueCell = ({ source, sortable }: { source: string; sortable: boolean }) => {
  const translate = useTranslate()
  const label = useFieldLabel()
  return (
    <FunctionField
      source={source}
      label={label(source)}
      sortable={sortable}
      render={(r: Record<string, unknown>) =>
        r[source] == null ? '' : translate(`atlas.values.${r[source]}`, { _: String(r[source]) })
      }
    />
  )
}

/** Columns that tell entries apart, where the collection has them. */
const EXTRA_COLUMNS = ['economy_id', 'kind', 'level', 'category', 'year', 'lifecycle', 'stance', 'ordinal']

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
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
      filters={filters}
      actions={<ListActions />}
      perPage={25}
      filterDefaultValues={{ status: ['draft', 'in_review', 'published'] }}
      sort={{ field: 'id', order: 'ASC' }}
    >
      <Datagrid rowClick="show" bulkActionButtons={<BulkWorkflowButtons />}>
        <TextField source="id" label={label('id')} />
        <BilingualCell source={primary} sortable={primary in sorts} />
        {EXTRA_COLUMNS.filter((c) => c in fields).map((c) =>
          fields[c]!.enum ? (
            <ValueCell key={c} source={c} sortable={c in sorts} />
          ) : (
            <TextField key={c} source={c} label={label(c)} sortable={c in sorts} />
          ),
        )}
        <ValueCell source="status" sortable={false} />
        <NumberField source="version" label={label('version')} sortable={false} />
        <DateTimeField source="updated_at" label={label('updated_at')} />
      </Datagrid>
    </List>
  )
}
