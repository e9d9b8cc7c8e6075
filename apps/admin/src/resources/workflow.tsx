import { useState } from 'react'
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material'
import {
  Button,
  useDataProvider,
  useListContext,
  useNotify,
  usePermissions,
  useRefresh,
  useResourceContext,
  useTranslate,
  useUnselectAll,
} from 'react-admin'
import { TRANSITIONS, roleAtLeast, type Transition as Action } from '@chain-atlas/types'
import type { AtlasDataProvider } from '../dataProvider/index.ts'
import { useIntegrityDialog } from './IntegrityDialog.tsx'

export type Entry = { id: string; status: string; version: number }

/** Which workflow actions an entry's state allows, and the least role each needs: the API's workflow. */
const ACTIONS = Object.entries(TRANSITIONS).map(([action, { from, role }]) => ({
  action: action as Action,
  from: from as readonly string[],
  role,
}))

/** The actions that carry a comment for the history; sending back says what to change, so it needs one. */
const COMMENTED: readonly Action[] = ['submit', 'publish', 'request-changes']
const COMMENT_REQUIRED: readonly Action[] = ['request-changes']

const useWorkflow = () => {
  const dataProvider = useDataProvider<AtlasDataProvider>()
  const { permissions } = usePermissions<string>()
  const allowed = (entries: Entry[]) =>
    ACTIONS.filter(
      (a) => roleAtLeast(permissions, a.role) && entries.length > 0 && entries.every((e) => a.from.includes(e.status)),
    )
  return { allowed, transition: dataProvider.transition }
}

/**
 * Every workflow action asks first: what it will do (to how many entries), with a comment box on
 * submit, publish and request changes. The dialog stays until the action has run, so it cannot be sent twice.
 */
const TransitionDialog = ({
  action,
  count,
  onConfirm,
  onClose,
}: {
  action: Action
  count: number
  onConfirm: (comment: string | undefined) => Promise<void>
  onClose: () => void
}) => {
  const translate = useTranslate()
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const required = COMMENT_REQUIRED.includes(action)
  const confirm = async () => {
    setBusy(true)
    await onConfirm(comment.trim() || undefined)
  }
  return (
    <Dialog open onClose={onClose} aria-labelledby="transition-title" data-action={action} fullWidth maxWidth="sm">
      <DialogTitle id="transition-title">{translate(`atlas.workflow.${action}`)}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {translate(count === 1 ? `atlas.workflow.explain.${action}` : `atlas.workflow.explain_many.${action}`, {
            count,
          })}
        </DialogContentText>
        {COMMENTED.includes(action) && (
          <TextField
            name="comment"
            label={translate(required ? 'atlas.workflow.comment_required' : 'atlas.workflow.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            required={required}
            multiline
            minRows={3}
            fullWidth
            autoFocus
            margin="normal"
            slotProps={{ htmlInput: { maxLength: 4000 } }}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={onClose} disabled={busy} />
        <Button
          label={`atlas.workflow.${action}`}
          variant="contained"
          onClick={confirm}
          disabled={busy || (required && !comment.trim())}
        />
      </DialogActions>
    </Dialog>
  )
}

/**
 * The workflow buttons an entry's state and the signed-in role allow: nobody sees a button they may
 * not use. `entry` is what the actions act on: the working copy of a published entry when it has
 * one (which must be published or discarded before the entry can be archived).
 */
export const WorkflowButtons = ({ entry, working = false }: { entry?: Entry; working?: boolean }) => {
  const resource = useResourceContext()!
  const { allowed, transition } = useWorkflow()
  const translate = useTranslate()
  const notify = useNotify()
  const refresh = useRefresh()
  const integrity = useIntegrityDialog()
  const [asked, setAsked] = useState<Action | null>(null)
  if (!entry) return null
  const run = (action: Action) => async (comment: string | undefined) => {
    try {
      await transition(resource, entry.id, action, entry.version, comment)
      notify('atlas.workflow.done', { type: 'success', messageArgs: { action: translate(`atlas.workflow.${action}`) } })
    } catch (error) {
      if (!integrity.explain(action, [error])) notify((error as Error).message, { type: 'error' })
    }
    setAsked(null)
    refresh()
  }
  return (
    <>
      {integrity.dialog}
      {asked && <TransitionDialog action={asked} count={1} onConfirm={run(asked)} onClose={() => setAsked(null)} />}
      {allowed([entry])
        .filter(({ action }) => !(working && action === 'archive'))
        .map(({ action }) => (
          <Button key={action} label={`atlas.workflow.${action}`} onClick={() => setAsked(action)} />
        ))}
    </>
  )
}

/**
 * Submit, publish, send back, archive or restore the selected entries at once, after a confirmation
 * (with one comment for all). Each goes with its own version as If-Match, so an entry someone
 * changed meanwhile is left alone and named in the message.
 */
export const BulkWorkflowButtons = () => {
  const { selectedIds, data = [], onSelect } = useListContext<Entry>()
  const resource = useResourceContext()!
  const { allowed, transition } = useWorkflow()
  const translate = useTranslate()
  const notify = useNotify()
  const refresh = useRefresh()
  const unselectAll = useUnselectAll(resource)
  const integrity = useIntegrityDialog()
  const [asked, setAsked] = useState<Action | null>(null)
  const selected = data.filter((e) => selectedIds.includes(e.id))
  const run = (action: Action) => async (comment: string | undefined) => {
    const label = translate(`atlas.workflow.${action}`)
    const results = await Promise.allSettled(
      selected.map((e) => transition(resource, e.id, action, e.version, comment)),
    )
    setAsked(null)
    const failed = selected.filter((_, i) => results[i]!.status === 'rejected')
    const done = selected.length - failed.length
    if (done) notify('atlas.workflow.bulk_done', { type: 'success', messageArgs: { action: label, smart_count: done } })
    // Refused for reference integrity: the entries in the way of each, as links.
    integrity.explain(
      action,
      results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])),
    )
    if (failed.length) {
      const reason = ((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as Error).message
      notify('atlas.workflow.bulk_failed', {
        type: 'error',
        messageArgs: { action: label, ids: failed.map((e) => e.id).join(', '), reason },
      })
    }
    // What failed stays selected (and this toolbar with its explanation open), ready for another try.
    if (failed.length) onSelect(failed.map((e) => e.id))
    else unselectAll()
    refresh()
  }
  return (
    <>
      {integrity.dialog}
      {asked && (
        <TransitionDialog
          action={asked}
          count={selected.length}
          onConfirm={run(asked)}
          onClose={() => setAsked(null)}
        />
      )}
      {allowed(selected).map(({ action }) => (
        <Button key={action} label={`atlas.workflow.${action}`} onClick={() => setAsked(action)} />
      ))}
    </>
  )
}
