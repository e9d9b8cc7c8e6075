import {
  Button,
  useDataProvider,
  useListContext,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useResourceContext,
  useTranslate,
  useUnselectAll,
} from 'react-admin'
import { TRANSITIONS, roleAtLeast, type Transition as Action } from '@chain-atlas/types'
import { useIntegrityDialog } from './IntegrityDialog.tsx'

type Entry = { id: string; status: string; version: number }

/** Which workflow actions an entry's state allows, and the least role each needs: the API's workflow. */
const ACTIONS = Object.entries(TRANSITIONS).map(([action, { from, role }]) => ({
  action: action as Action,
  from: from as readonly string[],
  role,
}))

const useWorkflow = () => {
  const dataProvider = useDataProvider() as ReturnType<typeof useDataProvider> & {
    transition(resource: string, id: string, action: Action, version: number): Promise<unknown>
  }
  const { permissions } = usePermissions<string>()
  const allowed = (entries: Entry[]) =>
    ACTIONS.filter(
      (a) => roleAtLeast(permissions, a.role) && entries.length > 0 && entries.every((e) => a.from.includes(e.status)),
    )
  return { allowed, transition: dataProvider.transition }
}

/** The workflow buttons an entry's state and the signed-in role allow: nobody sees a button they may not use. */
export const WorkflowButtons = () => {
  const record = useRecordContext<Entry>()
  const resource = useResourceContext()!
  const { allowed, transition } = useWorkflow()
  const translate = useTranslate()
  const notify = useNotify()
  const refresh = useRefresh()
  const integrity = useIntegrityDialog()
  if (!record) return null
  return (
    <>
      {integrity.dialog}
      {allowed([record]).map(({ action }) => (
        <Button
          key={action}
          label={`atlas.workflow.${action}`}
          onClick={async () => {
            try {
              await transition(resource, record.id, action, record.version)
              notify('atlas.workflow.done', {
                type: 'success',
                messageArgs: { action: translate(`atlas.workflow.${action}`) },
              })
            } catch (error) {
              if (!integrity.explain(action, [error])) notify((error as Error).message, { type: 'error' })
            }
            refresh()
          }}
        />
      ))}
    </>
  )
}

/**
 * Submit, publish or archive the selected entries at once. Each goes with its own version as
 * If-Match, so an entry someone changed meanwhile is left alone and named in the message.
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
  const selected = data.filter((e) => selectedIds.includes(e.id))
  const run = async (action: Action) => {
    const label = translate(`atlas.workflow.${action}`)
    const results = await Promise.allSettled(selected.map((e) => transition(resource, e.id, action, e.version)))
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
      {allowed(selected).map(({ action }) => (
        <Button key={action} label={`atlas.workflow.${action}`} onClick={() => run(action)} />
      ))}
    </>
  )
}
