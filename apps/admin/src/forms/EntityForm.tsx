import { useCallback, useState } from 'react'
import {
  Create,
  Edit,
  SaveButton,
  SimpleForm,
  TextField,
  TextInput,
  Toolbar,
  Labeled,
  useGetOne,
  useNotify,
  useParams,
  useRedirect,
  useResourceContext,
  useTranslate,
} from 'react-admin'
import { createSchemas, collectionSpecs } from '@chain-atlas/types'
import { fieldsOf, type CollectionName, type JsonSchema } from '../collections.ts'
import { ObjectInputs, useFieldLabel } from './SchemaInputs.tsx'
import { toInput, validateForm } from './validate.ts'
import { ConflictPanel, type Conflict } from './Conflict.tsx'
import { UnsavedEditsGuard } from './UnsavedEditsGuard.tsx'

/** Save stays in view however long the form: the toolbar sticks to the bottom of the window. */
const SaveOnly = () => (
  <Toolbar sx={{ position: 'sticky', bottom: 0, zIndex: 2, boxShadow: '0 -1px 4px rgba(0, 0, 0, 0.12)' }}>
    <SaveButton />
  </Toolbar>
)

/** A new entry starts with its required lists empty, so "none" is a valid answer. */
const emptyLists = (collection: CollectionName) => {
  const schema = createSchemas[collection] as JsonSchema
  return Object.fromEntries(
    (schema.required ?? []).filter((name) => schema.properties?.[name]?.type === 'array').map((name) => [name, []]),
  )
}

/** Every content field of the collection, from its shared schema, checked with the API's own rules before sending. */
const EntityFields = ({
  collection,
  creating,
  conflict = null,
  onConflictDone,
}: {
  collection: CollectionName
  creating: boolean
  conflict?: Conflict | null
  onConflictDone?: () => void
}) => {
  const label = useFieldLabel()
  const translate = useTranslate()
  return (
    <SimpleForm
      toolbar={<SaveOnly />}
      validate={validateForm(collection)}
      defaultValues={creating ? emptyLists(collection) : undefined}
      sx={{ maxWidth: 1400 }}
    >
      <UnsavedEditsGuard />
      {conflict && <ConflictPanel conflict={conflict} onDone={onConflictDone ?? (() => undefined)} />}
      {creating ? (
        <TextInput source="id" label={label('id')} helperText={translate('atlas.help.id')} />
      ) : (
        <Labeled label={label('id')}>
          <TextField source="id" />
        </Labeled>
      )}
      <ObjectInputs collection={collection} schema={{ properties: fieldsOf(collection) }} path="" prefix="" />
    </SimpleForm>
  )
}

/**
 * The form's card clips without being a scroll box (`clip`, not `hidden`): its sticky toolbar then
 * sticks to the window, not to the card. Rows of inputs shrink to the card rather than widen it.
 */
const STICKY_TOOLBAR = {
  '& .MuiCard-root': { overflow: 'clip', minWidth: 0 },
  '& .RaSimpleFormIterator-form, & .RaSimpleFormIterator-line': { minWidth: 0 },
}

/** The working copy is what the form loads and saves against (its version in If-Match). */
const DRAFT = { meta: { draft: true } }

/**
 * Edits are pessimistic: the API answers with the new version (or a 412 when someone else saved
 * first), so the page never shows a change the server refused. The form edits the working copy
 * when there is one; after saving a change to a published entry, it says the published version stays live.
 */
/** Saved without a source, where one is required: it cannot go to review until it cites one. */
const uncited = (collection: CollectionName, saved: { source_ids?: string[] }) =>
  collectionSpecs[collection].requiresSource && !saved.source_ids?.length

export const EntityEdit = () => {
  const collection = useResourceContext() as CollectionName
  const { id = '' } = useParams<{ id?: string }>()
  const { data: entry } = useGetOne(collection, { id }, { enabled: Boolean(id) })
  const notify = useNotify()
  const redirect = useRedirect()
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const onConflictDone = useCallback(() => setConflict(null), [])
  /** A 412 opens the conflict panel (what changed meanwhile, and what to do); anything else is notified. */
  const onError = (error: unknown, variables: { previousData?: { version?: number } }) => {
    const { status, message } = error as { status?: number; message?: string }
    if (status === 412) {
      setConflict({ from: variables.previousData?.version ?? entry?.version ?? 0 })
      return
    }
    notify(message || 'ra.notification.http_error', { type: 'error', messageArgs: { _: message } })
  }
  const onSuccess = (saved: { id: string; source_ids?: string[] }) => {
    if (uncited(collection, saved)) notify('atlas.form.uncited', { type: 'warning' })
    else if (entry?.status === 'published') notify('atlas.working.saved', { type: 'info' })
    else notify('ra.notification.updated', { type: 'info', messageArgs: { smart_count: 1 } })
    redirect('show', collection, saved.id)
  }
  return (
    <Edit
      mutationMode="pessimistic"
      sx={STICKY_TOOLBAR}
      queryOptions={DRAFT}
      mutationOptions={{ ...DRAFT, onSuccess, onError }}
      transform={(values: Record<string, unknown>) => toInput(collection, values)}
    >
      <EntityFields collection={collection} creating={false} conflict={conflict} onConflictDone={onConflictDone} />
    </Edit>
  )
}

/** New entries start as drafts; the API assigns the version. */
export const EntityCreate = () => {
  const collection = useResourceContext() as CollectionName
  return (
    <Create
      redirect="show"
      sx={STICKY_TOOLBAR}
      transform={(values: Record<string, unknown>) => toInput(collection, values)}
    >
      <EntityFields collection={collection} creating />
    </Create>
  )
}
