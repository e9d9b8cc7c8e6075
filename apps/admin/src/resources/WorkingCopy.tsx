import { useEffect, useState } from 'react'
import { Alert, AlertTitle, Chip, Stack } from '@mui/material'
import {
  Button,
  Confirm,
  EditButton,
  useDataProvider,
  useGetOne,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useResourceContext,
  useResourceDefinition,
  useTranslate,
} from 'react-admin'
import { roleAtLeast, type Diff } from '@chain-atlas/types'
import type { AtlasDataProvider } from '../dataProvider/index.ts'
import { FieldChanges } from '../display/Changes.tsx'
import { refusedSignedOut } from '../authProvider/session.ts'
import type { Entry } from './workflow.tsx'

/**
 * A record page's entry (`record`, as the public reads it when published) and `current`, what
 * its workflow acts on: `working`, the working copy of a published entry, when it has one, else the
 * entry itself. `current` is undefined until the working copy is known, so no button acts on a guess.
 */
export const useWorkingCopy = () => {
  const record = useRecordContext<Entry>()
  const resource = useResourceContext()!
  const { data, isPending } = useGetOne<Entry>(
    resource,
    { id: record?.id ?? '', meta: { draft: true } },
    { enabled: Boolean(record) },
  )
  // A working copy is a draft or in review; the entry itself comes back when there is none.
  const working =
    record?.status === 'published' && data && data.status !== 'published' && data.version !== record.version
      ? data
      : undefined
  return { record, working, current: isPending ? undefined : (working ?? record) }
}

/**
 * Above a published entry with a working copy: the published version stays live while the draft
 * is worked on; what the draft changes, field by field; and the way to edit or discard it.
 */
export const WorkingCopyBanner = () => {
  const { record, working } = useWorkingCopy()
  const resource = useResourceContext()!
  const dataProvider = useDataProvider<AtlasDataProvider>()
  const translate = useTranslate()
  const [diff, setDiff] = useState<Diff | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the diff changes with the two versions, not with new record objects
  useEffect(() => {
    setDiff(null)
    if (record && working)
      dataProvider.diff(resource, record.id, record.version, working.version).then(setDiff, () => setDiff(null))
  }, [resource, record?.id, record?.version, working?.version])
  if (!record || !working) return null
  return (
    <Alert
      severity="info"
      sx={{ m: 2, mb: 0 }}
      data-working-copy={working.version}
      action={<DraftActions draft={working} />}
    >
      <AlertTitle>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <span>{translate('atlas.working.title', { published: record.version, draft: working.version })}</span>
          <Chip
            size="small"
            label={translate(`atlas.values.${working.status}`)}
            data-working-status={working.status}
            tabIndex={-1}
          />
        </Stack>
      </AlertTitle>
      {translate('atlas.working.live')}
      {diff && (
        <Stack sx={{ mt: 1 }} data-working-diff>
          <FieldChanges changes={diff.changes} />
        </Stack>
      )}
    </Alert>
  )
}

/** Edit the draft (curators), or discard it after a confirmation: the published version stays. */
const DraftActions = ({ draft }: { draft: Entry }) => {
  const resource = useResourceContext()!
  const { hasEdit } = useResourceDefinition()
  const { permissions } = usePermissions<string>()
  const dataProvider = useDataProvider<AtlasDataProvider>()
  const notify = useNotify()
  const refresh = useRefresh()
  const [asking, setAsking] = useState(false)
  if (!roleAtLeast(permissions, 'curator')) return null
  const discard = async () => {
    try {
      // A session expired meanwhile: signed out, nothing discarded (see workflow.tsx).
      if (refusedSignedOut(await dataProvider.discard(resource, draft.id, draft.version))) {
        setAsking(false)
        return
      }
      notify('atlas.working.discarded', { type: 'success' })
    } catch (error) {
      notify((error as Error).message, { type: 'error' })
    }
    setAsking(false)
    refresh()
  }
  return (
    <Stack direction="row" spacing={1}>
      {hasEdit && <EditButton label="atlas.working.edit" />}
      <Button label="atlas.working.discard" color="warning" onClick={() => setAsking(true)} />
      <Confirm
        isOpen={asking}
        title="atlas.working.discard"
        content="atlas.working.discard_confirm"
        contentTranslateOptions={{ draft: draft.version }}
        confirm="atlas.working.discard"
        onConfirm={discard}
        onClose={() => setAsking(false)}
      />
    </Stack>
  )
}
