import { useState } from 'react'
import {
  Button,
  Create,
  DatagridConfigurable,
  List,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  useDelete,
  useNotify,
  useRecordContext,
  useRedirect,
} from 'react-admin'
import { ApiKeyCreate as ApiKeyCreateSchema, ROLE_NAMES } from '@chain-atlas/types'
import { useChoices, useFieldLabel } from '../forms/SchemaInputs.tsx'
import { validateWith } from '../forms/validate-schema.ts'
import { PreloadValidators } from '../forms/compiled-validators.tsx'
import { DateTimeField } from '../display/dates.tsx'
import { ListActions } from '../resources/EntityList.tsx'
import { SecretDialog } from './SecretDialog.tsx'
import { RoleField } from './RoleField.tsx'

const validateCreate = validateWith(ApiKeyCreateSchema, 'ApiKeyCreate')

/** Revoking takes effect at once: the next request with the key gets a 401. */
const RevokeButton = () => {
  const record = useRecordContext<{ id: string; revoked_at: string | null }>()
  const [revoke, { isPending }] = useDelete()
  const notify = useNotify()
  if (!record || record.revoked_at) return null
  return (
    <Button
      label="atlas.api_keys.revoke"
      color="error"
      disabled={isPending}
      onClick={(event) => {
        event.stopPropagation()
        revoke(
          'api-keys',
          { id: record.id, previousData: record },
          { onSuccess: () => notify('atlas.api_keys.revoked', { type: 'info' }) },
        )
      }}
    />
  )
}

export const ApiKeyList = () => {
  const label = useFieldLabel()
  return (
    <List actions={<ListActions filters={false} />} perPage={50} sort={{ field: 'created_at', order: 'DESC' }}>
      <DatagridConfigurable bulkActionButtons={false} rowClick={false}>
        <TextField source="name" label={label('name')} />
        <TextField source="prefix" label={label('prefix')} />
        <RoleField source="role" label={label('role')} />
        <DateTimeField source="created_at" label={label('created_at')} />
        <DateTimeField source="last_used_at" label={label('last_used_at')} emptyText="—" />
        <DateTimeField source="revoked_at" label={label('revoked_at')} emptyText="—" />
        <RevokeButton />
      </DatagridConfigurable>
    </List>
  )
}

/** The secret is in the create response only: show it once, then go back to the list. */
export const ApiKeyCreate = () => {
  const label = useFieldLabel()
  const choices = useChoices()
  const redirect = useRedirect()
  const [secret, setSecret] = useState<string | null>(null)
  return (
    <>
      <Create
        redirect={false}
        mutationOptions={{ onSuccess: (data) => setSecret((data as { secret?: string }).secret ?? null) }}
      >
        <SimpleForm validate={validateCreate}>
          <PreloadValidators />
          <TextInput source="name" label={label('name')} />
          <SelectInput source="role" label={label('role')} choices={choices(ROLE_NAMES)} translateChoice={false} />
        </SimpleForm>
      </Create>
      <SecretDialog
        secret={secret}
        title="atlas.api_keys.secret_title"
        once="atlas.api_keys.secret_once"
        testId="api-key-secret"
        onClose={() => {
          setSecret(null)
          redirect('list', 'api-keys')
        }}
      />
    </>
  )
}
