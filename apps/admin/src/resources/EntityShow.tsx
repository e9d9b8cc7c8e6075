import { Chip, Stack } from '@mui/material'
import {
  EditButton,
  Labeled,
  Show,
  TabbedShowLayout,
  TopToolbar,
  useLocaleState,
  useRecordContext,
  useResourceContext,
  useResourceDefinition,
  useTranslate,
} from 'react-admin'
import { INCLUDES } from '@chain-atlas/types'
import { fieldsOf, nameOf, type CollectionName } from '../collections.ts'
import { formatDateTime } from '../display/dates.tsx'
import { History } from '../display/History.tsx'
import { UsedBy } from '../display/UsedBy.tsx'
import { ObjectView } from '../display/ValueView.tsx'
import { useFieldLabel } from '../forms/SchemaInputs.tsx'
import { WorkflowButtons } from './workflow.tsx'
import { WorkingCopyBanner, useWorkingCopy } from './WorkingCopy.tsx'

/** The workflow acts on the working copy when there is one: its state, its version. */
const ShowActions = () => {
  const { hasEdit } = useResourceDefinition()
  const { working, current } = useWorkingCopy()
  return (
    <TopToolbar>
      <WorkflowButtons entry={current} working={Boolean(working)} />
      {/* With a working copy, the banner's own button edits it. */}
      {hasEdit && !working && <EditButton />}
    </TopToolbar>
  )
}

/** The entry's name in the UI language, as the page title. */
const EntryTitle = () => {
  const record = useRecordContext()
  const resource = useResourceContext() as CollectionName
  const [locale] = useLocaleState()
  return <span>{record ? nameOf(resource, record, locale) : ''}</span>
}

/** Id, state, version and last change: the header every entry shares. */
const EntryHeader = () => {
  const record = useRecordContext<{ id: string; status: string; version: number; updated_at: string }>()
  const translate = useTranslate()
  const label = useFieldLabel()
  if (!record) return null
  return (
    <Stack direction="row" spacing={3} sx={{ mb: 2 }}>
      <Labeled label={label('id')}>
        <span>{record.id}</span>
      </Labeled>
      <Labeled label={label('status')}>
        {/* Focusable by script: where focus goes after a workflow action (see workflow.tsx). */}
        <Chip
          size="small"
          label={translate(`atlas.values.${record.status}`)}
          data-status={record.status}
          tabIndex={-1}
        />
      </Labeled>
      <Labeled label={label('version')}>
        <span>v{record.version}</span>
      </Labeled>
      <Labeled label={label('updated_at')}>
        <span>{formatDateTime(record.updated_at)}</span>
      </Labeled>
    </Stack>
  )
}

const Content = ({ collection }: { collection: CollectionName }) => {
  const record = useRecordContext<Record<string, unknown>>()
  if (!record) return null
  return (
    <>
      <EntryHeader />
      <ObjectView
        collection={collection}
        schema={{ properties: fieldsOf(collection) }}
        value={record}
        path=""
        included={record.included as never}
      />
    </>
  )
}

const RecordJson = () => {
  const record = useRecordContext()
  return <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(record, null, 2)}</pre>
}

/**
 * An entry: every field readable (references by name, amounts as money, texts in both languages),
 * its revision history with diffs and revert, and the workflow buttons the role allows. A published
 * entry shows its published version, with a banner for its working copy.
 */
export const EntityShow = () => {
  const collection = useResourceContext() as CollectionName
  const translate = useTranslate()
  const include = Object.keys(INCLUDES[collection])
  return (
    <Show actions={<ShowActions />} title={<EntryTitle />} queryOptions={{ meta: { include } }}>
      <WorkingCopyBanner />
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label={translate('atlas.tabs.content')}>
          <Content collection={collection} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('atlas.tabs.history')} path="history">
          <History />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('atlas.tabs.used_by')} path="used-by">
          <UsedBy />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('atlas.tabs.json')} path="json">
          <RecordJson />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  )
}
