import { useEffect, useRef, useState } from 'react'
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material'
import {
  Button,
  useDataProvider,
  useListContext,
  useLoading,
  useNotify,
  usePermissions,
  useRefresh,
  useResourceContext,
  useTranslate,
  useUnselectAll,
} from 'react-admin'
import { TRANSITIONS, roleAtLeast, type Transition as Action } from '@chain-atlas/types'
import type { AtlasDataProvider } from '../dataProvider/index.ts'
import { refusedSignedOut } from '../authProvider/session.ts'
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

/** An entry's state as the page shows it: what a workflow action changes. */
const stateOf = (entry: Entry | undefined) => (entry ? `${entry.status} v${entry.version}` : '')

/**
 * Where focus goes once a workflow action is done: the button that was pressed is gone (the new
 * state allows other actions), which left focus on the page's body, and a keyboard user at its top.
 * Once the page shows the entry's new state, focus goes to that state (the working copy's in its
 * banner, else the entry's in its header; both focusable by script), or, where the page does not
 * show it (another tab of the record), to the first action of the toolbar these buttons are in.
 */
const useFocusAfterAction = (entry: Entry | undefined, working: boolean) => {
  const anchorRef = useRef<HTMLSpanElement>(null)
  /** The state the action started from, while its new state is awaited. */
  const [from, setFrom] = useState<string | null>(null)
  const state = stateOf(entry)
  // The page reloads the entry and its working copy: focus moves once both are in (nothing loading).
  const loading = useLoading()
  useEffect(() => {
    if (from === null || !state || state === from || loading) return
    setFrom(null)
    // After this render, when the toolbar holds the buttons of the new state.
    const timer = setTimeout(() => {
      const page = anchorRef.current?.closest('.show-page')
      const shown = page?.querySelector<HTMLElement>(working ? '[data-working-status]' : '[data-status]')
      const toolbar = anchorRef.current?.parentElement
      const firstAction = toolbar?.querySelector<HTMLElement>('button:not([disabled]), a[href]')
      ;(shown ?? firstAction)?.focus()
    })
    return () => clearTimeout(timer)
  }, [from, state, working, loading])
  return {
    /** Called when the action succeeded: focus moves once the page shows its result. */
    expect: () => setFrom(state),
    /** Marks where the buttons are (taking no room), to find their toolbar. */
    anchor: <span ref={anchorRef} hidden />,
  }
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
  const focusLanding = useFocusAfterAction(entry, working)
  if (!entry) return null
  const run = (action: Action) => async (comment: string | undefined) => {
    try {
      // The session had expired: react-admin signed out (the sign-in page says why) and answered
      // `{ data: {} }`. Nothing was done, and nothing says it was.
      if (refusedSignedOut(await transition(resource, entry.id, action, entry.version, comment))) {
        setAsked(null)
        return
      }
      notify('atlas.workflow.done', { type: 'success', messageArgs: { action: translate(`atlas.workflow.${action}`) } })
      focusLanding.expect()
    } catch (error) {
      if (!integrity.explain(action, [error])) notify((error as Error).message, { type: 'error' })
    }
    setAsked(null)
    refresh()
  }
  return (
    <>
      {focusLanding.anchor}
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
    // The session had expired: signed out, none was done (see WorkflowButtons).
    if (results.some((r) => r.status === 'fulfilled' && refusedSignedOut(r.value))) return
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
