import { useEffect, useRef, useState } from 'react'
import { Alert, AlertTitle, Stack, Typography } from '@mui/material'
import { useFormContext } from 'react-hook-form'
import {
  Button,
  useDataProvider,
  useEditContext,
  useGetIdentity,
  useNotify,
  useResourceContext,
  useTranslate,
} from 'react-admin'
import type { Diff } from '@chain-atlas/types'
import type { CollectionName } from '../collections.ts'
import type { AtlasDataProvider } from '../dataProvider/index.ts'
import { FieldChanges } from '../display/Changes.tsx'
import { useActorName, type Actor } from '../display/actors.ts'
import { changedFields } from './KeptEdits.tsx'

/** What the save ran into: the version the curator started from. */
export type Conflict = { from: number }

type Found = { to: number; diff: Diff | null; actor: Actor | null }

/**
 * A save refused with 412 (the entry changed since the form was opened): what changed meanwhile,
 * from the version the curator started from to the current one, who changed it ("another session"
 * when it was the same user), and two ways on: put my changes on top of the current version (the
 * fields I changed keep my values, the rest take theirs; then I check and save again), or discard
 * mine and load the current version. It stays until one is chosen.
 */
export const ConflictPanel = ({ conflict, onDone }: { conflict: Conflict; onDone: () => void }) => {
  const panelRef = useRef<HTMLDivElement>(null)
  const headingRef = useRef<HTMLDivElement>(null)
  const collection = useResourceContext() as CollectionName
  const { record, refetch } = useEditContext<{ id: string; version: number }>()
  const dataProvider = useDataProvider<AtlasDataProvider>()
  const { identity } = useGetIdentity()
  const actorName = useActorName()
  const translate = useTranslate()
  const notify = useNotify()
  const form = useFormContext()
  const [found, setFound] = useState<Found | null>(null)
  const [pending, setPending] = useState<{ to: number; mine: Record<string, unknown> } | null>(null)
  const id = record?.id

  // biome-ignore lint/correctness/useExhaustiveDependencies: looked up once per conflict
  useEffect(() => {
    if (!id) return
    let live = true
    ;(async () => {
      const current = (await dataProvider.getOne(collection, { id, meta: { draft: true } })).data as {
        version: number
      }
      const [diff, revisions] = await Promise.all([
        dataProvider.diff(collection, id, conflict.from, current.version).catch(() => null),
        dataProvider.revisions(collection, id).catch(() => []),
      ])
      const last = revisions.find((r) => r.version === current.version) ?? revisions.at(-1)
      if (live) setFound({ to: current.version, diff, actor: last ?? null })
    })().catch(() => live && setFound({ to: conflict.from + 1, diff: null, actor: null }))
    return () => {
      live = false
    }
  }, [conflict, id])

  // The save was clicked far down a long form, maybe: the panel (at the top of the form) comes into
  // view, below the app bar, and its heading takes the focus, so what happened is seen and read out.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per conflict (each 412 is a new one)
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true })
    panelRef.current?.scrollIntoView({ block: 'start' })
  }, [conflict])

  // Once the form has reloaded the current version (react-admin resets it to the new record), my
  // changes go back on top, marked as unsaved.
  useEffect(() => {
    if (!pending || record?.version !== pending.to) return
    const timer = setTimeout(() => {
      for (const [name, value] of Object.entries(pending.mine)) form.setValue(name, value, { shouldDirty: true })
      setPending(null)
      notify('atlas.conflicted.kept', { type: 'info', messageArgs: { version: pending.to } })
      onDone()
    }, 0)
    return () => clearTimeout(timer)
  }, [pending, record?.version, form, notify, onDone])

  if (!record) return null
  const sameUser = Boolean(found?.actor && identity && String(identity.id) === found.actor.actor)
  const args = { from: conflict.from, to: found?.to ?? '…', name: actorName(found?.actor) }

  /** The fields whose values I changed from the version I started from. */
  const myChanges = () => changedFields(collection, record as unknown as Record<string, unknown>, form.getValues())
  const keepMine = async () => {
    const mine = myChanges()
    await refetch()
    setPending({ to: found?.to ?? record.version, mine })
  }
  const discardMine = async () => {
    await refetch()
    notify('atlas.conflicted.discarded', { type: 'info' })
    onDone()
  }

  return (
    <Alert
      ref={panelRef}
      severity="warning"
      sx={{ mb: 2, width: '100%', boxSizing: 'border-box', scrollMarginTop: (theme) => theme.spacing(10) }}
      data-conflict={found?.to ?? ''}
    >
      <AlertTitle ref={headingRef} tabIndex={-1}>
        {translate(sameUser ? 'atlas.conflicted.title_self' : 'atlas.conflicted.title_other', args)}
      </AlertTitle>
      <Typography variant="body2" gutterBottom>
        {translate('atlas.conflicted.changes', args)}
      </Typography>
      {found?.diff && (
        <Stack sx={{ my: 1 }} data-conflict-diff>
          <FieldChanges changes={found.diff.changes} />
        </Stack>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button label="atlas.conflicted.keep" variant="contained" onClick={keepMine} disabled={!found || !!pending} />
        <Button label="atlas.conflicted.discard" color="warning" onClick={discardMine} disabled={!found || !!pending} />
      </Stack>
    </Alert>
  )
}
