import {
  Datagrid, DateField, EditButton, FunctionField, List, NumberField, SearchInput, Show, SimpleShowLayout, TextField, TopToolbar,
  useRecordContext,
} from 'react-admin'
import { WorkflowButtons } from './workflow.tsx'

type Text = { en?: string; zh?: string; original?: string }

/** The bilingual text of a field, English over Chinese. */
export const BilingualField = ({ source, label }: { source: string; label?: string }) => (
  <FunctionField
    source={source}
    label={label ?? source}
    render={(record: Record<string, unknown>) => {
      const text = record[source] as Text | undefined
      return (
        <span lang="en">
          {text?.en}
          <br />
          <span lang="zh">{text?.zh}</span>
        </span>
      )
    }}
  />
)

/** Every field of the record as JSON, for what the dedicated forms do not show yet. */
const RecordJson = () => {
  const record = useRecordContext()
  return <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(record, null, 2)}</pre>
}

const filters = [<SearchInput key="q" source="q" alwaysOn />]

/** A list of a collection: id, its main bilingual text, workflow state, version and last change. */
export const collectionList = (primary: string) => () => (
  <List filters={filters} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="id" />
      <BilingualField source={primary} />
      <TextField source="status" sortable={false} />
      <NumberField source="version" sortable={false} />
      <DateField source="updated_at" showTime />
    </Datagrid>
  </List>
)

const ShowActions = () => (
  <TopToolbar>
    <WorkflowButtons />
    <EditButton />
  </TopToolbar>
)

export const collectionShow = (primary: string) => () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="id" />
      <BilingualField source={primary} />
      <TextField source="status" />
      <NumberField source="version" />
      <RecordJson />
    </SimpleShowLayout>
  </Show>
)
