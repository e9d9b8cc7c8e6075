import { useMemo, useState } from 'react'
import { Alert, AlertTitle, Stack, Typography } from '@mui/material'
import { useFormContext } from 'react-hook-form'
import { Button, useNotify, useRecordContext, useTranslate } from 'react-admin'
import type { CollectionName } from '../collections.ts'
import { toInput } from './validate.ts'

/** JSON with sorted keys: the same value reads the same whatever the order of its keys. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  )

/** The fields of a form whose values differ from the entry it was opened on (all of them, for a new one), as the form has them. */
export const changedFields = (
  collection: CollectionName,
  record: Record<string, unknown> | undefined,
  values: Record<string, unknown>,
) => {
  if (!record) return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined))
  const before = toInput(collection, record)
  const after = toInput(collection, values)
  const names = new Set([...Object.keys(before), ...Object.keys(after)])
  return Object.fromEntries(
    [...names].filter((name) => canonical(before[name]) !== canonical(after[name])).map((name) => [name, values[name]]),
  )
}

/** Where a form's edits wait in this tab: per collection and entry (`create` for a new one). */
const keyOf = (collection: string, id: string | undefined) => `atlas.kept-edits:${collection}/${id ?? 'create'}`

const read = (key: string): Record<string, unknown> | null => {
  try {
    const kept = window.sessionStorage.getItem(key)
    return kept ? (JSON.parse(kept) as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * Keeps a form's edits in this tab (sessionStorage) when their save met an expired session: the
 * sign-in page comes next, and the form offers them back once signed in again.
 */
export const keepEdits = (collection: string, id: string | undefined, changes: Record<string, unknown>) => {
  if (!Object.keys(changes).length) return
  try {
    window.sessionStorage.setItem(keyOf(collection, id), JSON.stringify(changes))
  } catch {
    // Storage refused (full, or a private window): the edits are lost, as before; nothing claims otherwise.
  }
}

const forget = (collection: string, id: string | undefined) => {
  try {
    window.sessionStorage.removeItem(keyOf(collection, id))
  } catch {
    // Nothing kept.
  }
}

/**
 * Above a form whose last save met an expired session: the edits it kept, to put back on top of
 * what the form loaded (then checked and saved), or to discard. Shown until one is chosen.
 */
export const KeptEditsOffer = ({ collection, creating }: { collection: CollectionName; creating: boolean }) => {
  const record = useRecordContext<{ id: string }>()
  const id = creating ? undefined : record?.id
  const form = useFormContext()
  const translate = useTranslate()
  const notify = useNotify()
  const [answered, setAnswered] = useState(false)
  const kept = useMemo(() => (creating || id ? read(keyOf(collection, id)) : null), [collection, creating, id])
  if (!kept || answered) return null
  const restore = () => {
    for (const [name, value] of Object.entries(kept)) form.setValue(name, value, { shouldDirty: true })
    forget(collection, id)
    setAnswered(true)
    notify('atlas.kept.restored', { type: 'info' })
  }
  const discard = () => {
    forget(collection, id)
    setAnswered(true)
  }
  return (
    <Alert severity="info" sx={{ mb: 2, width: '100%', boxSizing: 'border-box' }} data-kept-edits>
      <AlertTitle>{translate('atlas.kept.title')}</AlertTitle>
      <Typography variant="body2">{translate('atlas.kept.text')}</Typography>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button label="atlas.kept.restore" variant="contained" onClick={restore} />
        <Button label="atlas.kept.discard" onClick={discard} />
      </Stack>
    </Alert>
  )
}
