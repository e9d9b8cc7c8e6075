import { type RefObject, useCallback, useEffect, useRef, useState } from 'react'
import { useFormContext } from 'react-hook-form'
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
  useRecordContext,
  useRedirect,
  useResourceContext,
  useTranslate,
} from 'react-admin'
import { createSchemas, collectionSpecs } from '@chain-atlas/types'
import { fieldsOf, type CollectionName, type JsonSchema } from '../collections.ts'
import { ObjectInputs, useFieldLabel } from './SchemaInputs.tsx'
import { toInput, validateForm } from './validate.ts'
import { PreloadValidators } from './compiled-validators.tsx'
import { ConflictPanel, type Conflict } from './Conflict.tsx'
import { UnsavedEditsGuard } from './UnsavedEditsGuard.tsx'
import { KeptEditsOffer, changedFields, keepEdits } from './KeptEdits.tsx'
import { refusedSignedOut } from '../authProvider/session.ts'

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

/** What the form's edits are, asked for by its page when a save's answer comes (the form's own state is not the page's). */
type EditsReader = RefObject<(() => Record<string, unknown>) | null>

/** Gives the page a way to read the form's edits: the changed fields (all of them, for a new entry), as the form has them. */
const ReadEdits = ({
  collection,
  creating,
  into,
}: {
  collection: CollectionName
  creating: boolean
  into: EditsReader
}) => {
  const form = useFormContext()
  const record = useRecordContext<Record<string, unknown>>()
  useEffect(() => {
    into.current = () => changedFields(collection, creating ? undefined : record, form.getValues())
    return () => {
      into.current = null
    }
  }, [collection, creating, record, form, into])
  return null
}

/** Every content field of the collection, from its shared schema, checked with the API's own rules before sending. */
const EntityFields = ({
  collection,
  creating,
  edits,
  conflict = null,
  onConflictDone,
}: {
  collection: CollectionName
  creating: boolean
  edits: EditsReader
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
      <PreloadValidators />
      <ReadEdits collection={collection} creating={creating} into={edits} />
      <KeptEditsOffer collection={collection} creating={creating} />
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
  const edits = useRef<(() => Record<string, unknown>) | null>(null)
  const onConflictDone = useCallback(() => setConflict(null), [])
  /**
   * A 412 opens the conflict panel (what changed meanwhile, and what to do), which comes into view
   * with the focus, and a notification says so however far down the form Save was clicked; anything
   * else is notified.
   */
  const onError = (error: unknown, variables: { previousData?: { version?: number } }) => {
    const { status, message } = error as { status?: number; message?: string }
    if (status === 412) {
      setConflict({ from: variables.previousData?.version ?? entry?.version ?? 0 })
      // Said as an error (nothing was saved); the warning toast's white on orange is 3:1, below AA.
      notify('atlas.conflicted.notice', { type: 'error' })
      return
    }
    notify(message || 'ra.notification.http_error', { type: 'error', messageArgs: { _: message } })
  }
  const onSuccess = (saved: { id: string; source_ids?: string[] }) => {
    // The session had expired: react-admin signed out and answered `{}`. Nothing was saved, nothing
    // says it was; the edits wait in this tab, offered back once signed in again.
    if (refusedSignedOut(saved)) {
      keepEdits(collection, id, edits.current?.() ?? {})
      return
    }
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
      <EntityFields
        collection={collection}
        creating={false}
        edits={edits}
        conflict={conflict}
        onConflictDone={onConflictDone}
      />
    </Edit>
  )
}

/** New entries start as drafts; the API assigns the version. */
export const EntityCreate = () => {
  const collection = useResourceContext() as CollectionName
  const notify = useNotify()
  const redirect = useRedirect()
  const edits = useRef<(() => Record<string, unknown>) | null>(null)
  /** As react-admin's own, unless the session had expired: then nothing was created, and the form's values are kept. */
  const onSuccess = (created: { id: string }) => {
    if (refusedSignedOut(created)) {
      keepEdits(collection, undefined, edits.current?.() ?? {})
      return
    }
    notify('ra.notification.created', { type: 'info', messageArgs: { smart_count: 1 } })
    redirect('show', collection, created.id, created)
  }
  return (
    <Create
      redirect="show"
      sx={STICKY_TOOLBAR}
      mutationOptions={{ onSuccess }}
      transform={(values: Record<string, unknown>) => toInput(collection, values)}
    >
      <EntityFields collection={collection} creating edits={edits} />
    </Create>
  )
}
