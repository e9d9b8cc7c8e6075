import { useState } from 'react'
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material'
import CopyIcon from '@mui/icons-material/ContentCopy'
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
  useTranslate,
} from 'react-admin'
import { ApiKeyCreate as ApiKeyCreateSchema, ROLE_NAMES } from '@chain-atlas/types'
import { useChoices, useFieldLabel } from '../forms/SchemaInputs.tsx'
import { validateWith } from '../forms/validate-schema.ts'
import { DateTimeField } from '../display/dates.tsx'
import { ListActions } from '../resources/EntityList.tsx'

const validateCreate = validateWith(ApiKeyCreateSchema)

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
        <TextField source="role" label={label('role')} />
        <DateTimeField source="created_at" label={label('created_at')} />
        <DateTimeField source="last_used_at" label={label('last_used_at')} emptyText="—" />
        <DateTimeField source="revoked_at" label={label('revoked_at')} emptyText="—" />
        <RevokeButton />
      </DatagridConfigurable>
    </List>
  )
}

/**
 * The clipboard API where the page is a secure context (https, or this machine); elsewhere (plain
 * http on a server's address) the older copy command, from a hidden text area beside `near` (inside
 * the dialog, which keeps the focus).
 */
const copyText = async (text: string, near: HTMLElement) => {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text)
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  Object.assign(area.style, { position: 'fixed', top: '0', left: '0', opacity: '0' })
  near.after(area)
  area.select()
  const copied = document.execCommand('copy')
  area.remove()
  if (!copied) throw new Error('copy refused')
}

/** Copies the text to the clipboard and says so (or says to copy it by hand). */
const CopyButton = ({ text }: { text: string }) => {
  const notify = useNotify()
  const translate = useTranslate()
  return (
    <Button
      label="atlas.api_keys.copy"
      variant="outlined"
      aria-label={translate('atlas.api_keys.copy')}
      onClick={(event) =>
        copyText(text, event.currentTarget).then(
          () => notify('atlas.api_keys.copied', { type: 'success' }),
          () => notify('atlas.api_keys.copy_failed', { type: 'warning' }),
        )
      }
    >
      <CopyIcon />
    </Button>
  )
}

/** The secret is in the create response only: show it once, then go back to the list. */
export const ApiKeyCreate = () => {
  const label = useFieldLabel()
  const choices = useChoices()
  const translate = useTranslate()
  const redirect = useRedirect()
  const [secret, setSecret] = useState<string | null>(null)
  return (
    <>
      <Create
        redirect={false}
        mutationOptions={{ onSuccess: (data) => setSecret((data as { secret?: string }).secret ?? null) }}
      >
        <SimpleForm validate={validateCreate}>
          <TextInput source="name" label={label('name')} />
          <SelectInput source="role" label={label('role')} choices={choices(ROLE_NAMES)} translateChoice={false} />
        </SimpleForm>
      </Create>
      <Dialog open={secret !== null}>
        <DialogTitle>{translate('atlas.api_keys.secret_title')}</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }}>
            {translate('atlas.api_keys.secret_once')}
          </Alert>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography
              component="code"
              data-testid="api-key-secret"
              sx={{ fontFamily: 'monospace', wordBreak: 'break-all', flex: 1 }}
            >
              {secret}
            </Typography>
            {secret && <CopyButton text={secret} />}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button
            label="atlas.api_keys.close"
            onClick={() => {
              setSecret(null)
              redirect('list', 'api-keys')
            }}
          />
        </DialogActions>
      </Dialog>
    </>
  )
}
