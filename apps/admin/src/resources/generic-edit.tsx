import { Edit, NumberInput, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, required } from 'react-admin'
import { LIFECYCLES } from '@chain-atlas/types/instrument'

/** A bilingual text input: English and Chinese side by side, and the original form where there is one. */
export const BilingualInput = ({ source, label, multiline = false }: { source: string; label: string; multiline?: boolean }) => (
  <div style={{ display: 'flex', gap: 16, width: '100%' }}>
    <TextInput source={`${source}.en`} label={`${label} (en)`} validate={required()} multiline={multiline} fullWidth />
    <TextInput source={`${source}.zh`} label={`${label} (中文)`} validate={required()} multiline={multiline} fullWidth />
    {!multiline && <TextInput source={`${source}.original`} label={`${label} (original)`} fullWidth />}
  </div>
)

const SaveOnly = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
)

/**
 * Edits are pessimistic: the API answers with the new version (and a 412 when someone else saved
 * first), so the page never shows a change the server refused.
 */
export const collectionEdit = (primary: string, label: string) => () => (
  <Edit mutationMode="pessimistic">
    <SimpleForm toolbar={<SaveOnly />}>
      <BilingualInput source={primary} label={label} />
    </SimpleForm>
  </Edit>
)

export const InstrumentEdit = () => (
  <Edit mutationMode="pessimistic">
    <SimpleForm toolbar={<SaveOnly />}>
      <BilingualInput source="title" label="Title" />
      <TextInput source="acronym" />
      <NumberInput source="year" />
      <SelectInput source="lifecycle" choices={LIFECYCLES.map((id) => ({ id, name: id }))} validate={required()} />
      <BilingualInput source="summary" label="Summary" multiline />
    </SimpleForm>
  </Edit>
)
