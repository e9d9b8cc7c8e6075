import { useEffect, useState } from 'react'
import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material'
import {
  Button,
  Confirm,
  useDataProvider,
  useNotify,
  usePermissions,
  useRefresh,
  useResourceContext,
  useTranslate,
} from 'react-admin'
import { roleAtLeast, type Revision } from '@chain-atlas/types'
import type { AtlasDataProvider } from '../dataProvider/index.ts'
import { useFieldLabel } from '../forms/SchemaInputs.tsx'
import { useWorkingCopy } from '../resources/WorkingCopy.tsx'
import { FieldChanges } from './Changes.tsx'
import { useActorName } from './actors.ts'
import { formatDateTime } from './dates.tsx'
import { refusedSignedOut } from '../authProvider/session.ts'

/** What one revision changed, field by field. */
const RevisionDiff = ({ revision }: { revision: Revision }) => {
  const translate = useTranslate()
  if (!revision.before) return <Typography variant="body2">{translate('atlas.history.created')}</Typography>
  const changes = revision.changed_fields.map((field) => ({
    field,
    before: revision.before![field],
    after: revision.after[field],
  }))
  return <FieldChanges changes={changes} />
}

/**
 * The entry's revisions, newest first: who changed what and when, with what comment, a readable
 * diff of each, and (for editors) a button that restores an earlier version as a new one, after a
 * confirmation. With a working copy, the revert goes to it (its version in If-Match).
 */
export const History = () => {
  const { record, working, current } = useWorkingCopy()
  const resource = useResourceContext()!
  const dataProvider = useDataProvider<AtlasDataProvider>()
  const { permissions } = usePermissions<string>()
  const translate = useTranslate()
  const notify = useNotify()
  const refresh = useRefresh()
  const [revisions, setRevisions] = useState<Revision[] | null>(null)
  const [open, setOpen] = useState<number | null>(null)
  const [reverting, setReverting] = useState<number | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the history changes with the entry's id and versions, not with a new record object
  useEffect(() => {
    if (record)
      dataProvider.revisions(resource, record.id).then(
        (r) => setRevisions([...r].reverse()),
        () => setRevisions([]),
      )
  }, [resource, record?.id, record?.version, current?.version])
  if (!record || !current || !revisions) return null
  if (!revisions.length) return <Typography>{translate('atlas.history.empty')}</Typography>
  const revert = async (toVersion: number) => {
    try {
      // A session expired meanwhile: signed out, nothing reverted (see workflow.tsx).
      if (refusedSignedOut(await dataProvider.revert(resource, record.id, toVersion, current.version))) {
        setReverting(null)
        return
      }
      notify('atlas.history.reverted', { type: 'success', messageArgs: { version: toVersion } })
    } catch (error) {
      notify((error as Error).message, { type: 'error' })
    }
    setReverting(null)
    refresh()
  }
  return (
    <>
      <Confirm
        isOpen={reverting !== null}
        title="atlas.history.revert"
        content={working ? 'atlas.history.revert_confirm_working' : 'atlas.history.revert_confirm'}
        contentTranslateOptions={{ version: reverting }}
        confirm="atlas.history.revert"
        onConfirm={() => revert(reverting!)}
        onClose={() => setReverting(null)}
      />
      <Table size="small" aria-label={translate('atlas.tabs.history')}>
        <TableHead>
          <TableRow>
            {['version', 'action', 'who', 'when', 'fields'].map((c) => (
              <TableCell key={c}>{translate(`atlas.history.${c}`)}</TableCell>
            ))}
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {revisions.map((revision) => (
            <HistoryRow
              key={revision.seq}
              revision={revision}
              current={revision.version === current.version}
              published={Boolean(working) && revision.version === record.version}
              open={open === revision.seq}
              onToggle={() => setOpen(open === revision.seq ? null : revision.seq)}
              onRevert={
                roleAtLeast(permissions, 'editor') && revision.version !== current.version
                  ? () => setReverting(revision.version)
                  : undefined
              }
            />
          ))}
        </TableBody>
      </Table>
    </>
  )
}

const HistoryRow = ({
  revision,
  current,
  published,
  open,
  onToggle,
  onRevert,
}: {
  revision: Revision
  current: boolean
  published: boolean
  open: boolean
  onToggle: () => void
  onRevert?: () => void
}) => {
  const translate = useTranslate()
  const label = useFieldLabel()
  const actorName = useActorName()
  return (
    <>
      <TableRow hover onClick={onToggle} sx={{ cursor: 'pointer' }} data-version={revision.version}>
        <TableCell>
          v{revision.version}{' '}
          {current && <Chip size="small" color="primary" label={translate('atlas.history.current')} />}
          {published && <Chip size="small" color="success" label={translate('atlas.values.published')} />}
        </TableCell>
        <TableCell>
          {translate(`atlas.values.${revision.action}`, { _: revision.action })}
          {revision.working && ` (${translate('atlas.history.working')})`}
          {revision.comment && (
            <Typography variant="body2" component="q" data-comment sx={{ display: 'block', fontStyle: 'italic' }}>
              {revision.comment}
            </Typography>
          )}
        </TableCell>
        <TableCell data-actor={revision.actor}>{actorName(revision)}</TableCell>
        <TableCell>{formatDateTime(revision.at)}</TableCell>
        <TableCell>{revision.changed_fields.map(label).join(', ')}</TableCell>
        <TableCell onClick={(e) => e.stopPropagation()}>
          {onRevert && <Button label="atlas.history.revert" onClick={onRevert} />}
        </TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={6} sx={{ background: '#fafafa' }}>
            <Typography variant="subtitle2" gutterBottom>
              {translate('atlas.history.diff')}
            </Typography>
            <RevisionDiff revision={revision} />
          </TableCell>
        </TableRow>
      )}
    </>
  )
}
