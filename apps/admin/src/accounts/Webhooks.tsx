import { useCallback, useEffect, useState } from 'react'
import {
  Card,
  CardContent,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material'
import {
  BooleanField,
  BooleanInput,
  Button,
  CheckboxGroupInput,
  Create,
  DatagridConfigurable,
  Edit,
  FunctionField,
  List,
  SelectArrayInput,
  SimpleForm,
  TextField,
  TextInput,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin'
import {
  WEBHOOK_EVENT_TYPES,
  WebhookCreate as WebhookCreateSchema,
  WebhookUpdate as WebhookUpdateSchema,
  type WebhookDelivery,
  type WebhookDeliveryList,
} from '@chain-atlas/types'
import { COLLECTION_NAMES } from '../collections.ts'
import { request } from '../dataProvider/http.ts'
import { DateTimeField, formatDateTime } from '../display/dates.tsx'
import { validateWith } from '../forms/validate-schema.ts'
import { PreloadValidators } from '../forms/compiled-validators.tsx'
import { ListActions } from '../resources/EntityList.tsx'
import { SecretDialog } from './SecretDialog.tsx'

type WebhookRecord = { id: string; url: string; events: string[]; collections: string[] | null; active: boolean }

/** An empty choice of collections means every collection: the API's `null`. */
const withAllCollections = (data: Record<string, unknown>): Record<string, unknown> => ({
  ...data,
  collections: Array.isArray(data.collections) && data.collections.length ? data.collections : null,
})
const validateCreate = validateWith(WebhookCreateSchema, 'WebhookCreate', withAllCollections)
/** What a change sends: the editable fields (not the id or timestamps the record also holds). */
const validateUpdate = validateWith(WebhookUpdateSchema, 'WebhookUpdate', (values) => {
  const { url, events, collections, active, description } = withAllCollections(values)
  return { url, events, collections, active, description }
})

const useWebhookChoices = () => {
  const translate = useTranslate()
  return {
    events: WEBHOOK_EVENT_TYPES.map((id) => ({ id, name: translate(`atlas.webhooks.events.${id}`) })),
    collections: COLLECTION_NAMES.map((id) => ({ id, name: translate(`resources.${id}.name`, { smart_count: 2 }) })),
  }
}

/** The inputs a webhook is registered and changed with. */
const WebhookInputs = () => {
  const translate = useTranslate()
  const choices = useWebhookChoices()
  return (
    <>
      <TextInput source="url" label="atlas.webhooks.url" helperText="atlas.webhooks.url_help" fullWidth />
      <CheckboxGroupInput source="events" label="atlas.webhooks.events_label" choices={choices.events} />
      <SelectArrayInput
        source="collections"
        label="atlas.webhooks.collections"
        helperText={translate('atlas.webhooks.collections_help')}
        choices={choices.collections}
      />
      <BooleanInput source="active" label="atlas.webhooks.active" />
      <TextInput source="description" label="atlas.webhooks.description" fullWidth />
    </>
  )
}

/** Events as words in the UI language, and collections (or "all"). */
const EventsField = () => {
  const translate = useTranslate()
  const record = useRecordContext<WebhookRecord>()
  return (
    <Stack direction="row" spacing={0.5}>
      {record?.events.map((e) => (
        <Chip key={e} size="small" label={translate(`atlas.webhooks.events.${e}`)} />
      ))}
    </Stack>
  )
}
const collectionsText = (translate: ReturnType<typeof useTranslate>, record: WebhookRecord) =>
  record.collections
    ? record.collections.map((c) => translate(`resources.${c}.name`, { smart_count: 2 })).join(', ')
    : translate('atlas.webhooks.all_collections')

export const WebhookList = () => {
  const translate = useTranslate()
  return (
    <List actions={<ListActions filters={false} />} perPage={50} sort={{ field: 'created_at', order: 'DESC' }}>
      <DatagridConfigurable bulkActionButtons={false} rowClick="edit">
        <TextField source="url" label="atlas.webhooks.url" />
        <FunctionField label="atlas.webhooks.events_label" render={() => <EventsField />} />
        <FunctionField
          label="atlas.webhooks.collections"
          render={(record: WebhookRecord) => collectionsText(translate, record)}
        />
        <BooleanField source="active" label="atlas.webhooks.active" />
        <TextField source="description" label="atlas.webhooks.description" />
        <DateTimeField source="created_at" label="atlas.webhooks.created_at" />
      </DatagridConfigurable>
    </List>
  )
}

/** The signing secret is in the create response only: show it once, then go to the webhook. */
export const WebhookCreate = () => {
  const redirect = useRedirect()
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null)
  return (
    <>
      <Create
        redirect={false}
        transform={withAllCollections}
        mutationOptions={{
          onSuccess: (data) => {
            const { id, secret } = data as { id: string; secret?: string }
            if (secret) setCreated({ id, secret })
          },
        }}
      >
        <SimpleForm validate={validateCreate} defaultValues={{ events: [...WEBHOOK_EVENT_TYPES], active: true }}>
          <PreloadValidators />
          <WebhookInputs />
        </SimpleForm>
      </Create>
      <SecretDialog
        secret={created?.secret ?? null}
        title="atlas.webhooks.secret_title"
        once="atlas.webhooks.secret_once"
        testId="webhook-secret"
        onClose={() => {
          const id = created?.id
          setCreated(null)
          redirect('edit', 'webhooks', id)
        }}
      />
    </>
  )
}

const attemptText = (translate: ReturnType<typeof useTranslate>, a: WebhookDelivery['log'][number]) =>
  `#${a.attempt} ${formatDateTime(a.at)} · ${a.status_code ?? a.error ?? '—'} · ${a.duration_ms} ms${
    a.next_attempt_at ? ` · ${translate('atlas.webhooks.retry_at', { at: formatDateTime(a.next_attempt_at) })}` : ''
  }`

const LOG_COLUMNS = ['event', 'entry', 'state', 'attempts'] as const

/** The webhook's deliveries, newest first: each event, its state, and every attempt with its answer. */
const DeliveryLog = () => {
  const record = useRecordContext<WebhookRecord>()
  const translate = useTranslate()
  const notify = useNotify()
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | null>(null)
  const load = useCallback(async () => {
    if (!record) return
    try {
      setDeliveries((await request<WebhookDeliveryList>(`/v1/webhooks/${record.id}/deliveries?limit=100`)).json.data)
    } catch (error) {
      notify((error as Error).message, { type: 'error' })
    }
  }, [record, notify])
  useEffect(() => {
    load()
  }, [load])
  return (
    <Card sx={{ mt: 2 }} data-testid="webhook-delivery-log">
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h6">{translate('atlas.webhooks.deliveries')}</Typography>
          <Button label="atlas.audit.refresh" onClick={load} />
        </Stack>
        {deliveries?.length === 0 && <Typography>{translate('atlas.webhooks.no_deliveries')}</Typography>}
        {!!deliveries?.length && (
          <Table size="small" data-testid="webhook-deliveries">
            <TableHead>
              <TableRow>
                {LOG_COLUMNS.map((column) => (
                  <TableCell key={column}>{translate(`atlas.webhooks.${column}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {deliveries.map((d) => (
                <TableRow key={d.id}>
                  <TableCell>
                    {translate(`atlas.webhooks.events.${d.event.type}`)}
                    <br />
                    {formatDateTime(d.event.occurred_at)}
                  </TableCell>
                  <TableCell>{`${d.event.collection}/${d.event.entry_id} (v${d.event.version})`}</TableCell>
                  <TableCell>
                    {translate(`atlas.webhooks.states.${d.state}`)}
                    {d.next_attempt_at &&
                      ` · ${translate('atlas.webhooks.next_at', { at: formatDateTime(d.next_attempt_at) })}`}
                  </TableCell>
                  <TableCell>
                    {d.log.map((a) => (
                      <div key={a.attempt}>{attemptText(translate, a)}</div>
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  )
}

/** Change what a webhook is sent, pause it, or delete it (the toolbar's button); below, its delivery log. */
export const WebhookEdit = () => (
  <Edit mutationMode="pessimistic" transform={withAllCollections}>
    <SimpleForm validate={validateUpdate}>
      <PreloadValidators />
      <WebhookInputs />
    </SimpleForm>
    <DeliveryLog />
  </Edit>
)
