import { useEffect, useState } from 'react'
import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material'
import {
  Button,
  useDataProvider,
  useLocaleState,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useResourceContext,
  useTranslate,
} from 'react-admin'
import { roleAtLeast, type Revision } from '@chain-atlas/types'
import { useFieldLabel } from '../forms/SchemaInputs.tsx'
import { diffText } from './textDiff.ts'

const COLORS = {
  removed: { background: '#fdd', textDecoration: 'line-through' },
  added: { background: '#dfd' },
  same: {},
}

/** Two strings as one text with deletions struck through and insertions highlighted. */
const TextChange = ({ before, after, lang }: { before: string; after: string; lang?: string }) => (
  <Typography variant="body2" lang={lang} sx={{ whiteSpace: 'pre-wrap' }}>
    {diffText(before, after).map((part, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff, never reordered
      <span key={i} data-change={part.change} style={COLORS[part.change]}>
        {part.text}
      </span>
    ))}
  </Typography>
)

const show = (value: unknown) =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 1)

/** One field's change: texts word by word in each language, anything else as before → after. */
const FieldChange = ({ before, after }: { before: unknown; after: unknown }) => {
  const isTextLike = (v: unknown) =>
    v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && 'en' in v)
  if (isTextLike(before) && isTextLike(after)) {
    const b = (before ?? {}) as Record<string, string>
    const a = (after ?? {}) as Record<string, string>
    return (
      <>
        {['en', 'zh', 'original']
          .filter((lang) => b[lang] !== a[lang])
          .map((lang) => (
            <Box key={lang} sx={{ display: 'flex', gap: 1 }}>
              <Chip size="small" label={lang} />
              <TextChange before={b[lang] ?? ''} after={a[lang] ?? ''} lang={lang} />
            </Box>
          ))}
      </>
    )
  }
  if (typeof before === 'string' && typeof after === 'string') return <TextChange before={before} after={after} />
  return (
    <Box sx={{ display: 'flex', gap: 1, fontFamily: 'monospace', fontSize: 12 }}>
      <Box sx={{ ...COLORS.removed, textDecoration: 'none', flex: 1, whiteSpace: 'pre-wrap' }}>{show(before)}</Box>
      <Box sx={{ ...COLORS.added, flex: 1, whiteSpace: 'pre-wrap' }}>{show(after)}</Box>
    </Box>
  )
}

/** What one revision changed, field by field. */
const RevisionDiff = ({ revision }: { revision: Revision }) => {
  const label = useFieldLabel()
  const translate = useTranslate()
  if (!revision.before) return <Typography variant="body2">{translate('atlas.history.created')}</Typography>
  const fields = revision.changed_fields.filter((f) => f !== 'status' && f !== 'version' && f !== 'updated_at')
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: 1 }}>
      {fields.map((field) => (
        <Box key={field} sx={{ display: 'contents' }}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {label(field)}
          </Typography>
          <div>
            <FieldChange before={revision.before![field]} after={revision.after[field]} />
          </div>
        </Box>
      ))}
    </Box>
  )
}

/**
 * The entry's revisions, newest first: who changed what and when, a readable diff of each, and
 * (for editors) a button that restores an earlier version as a new one.
 */
export const History = () => {
  const record = useRecordContext<{ id: string; version: number }>()
  const resource = useResourceContext()!
  const dataProvider = useDataProvider() as ReturnType<typeof useDataProvider> & {
    revisions(resource: string, id: string): Promise<Revision[]>
    revert(resource: string, id: string, toVersion: number, version: number): Promise<unknown>
  }
  const { permissions } = usePermissions<string>()
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const notify = useNotify()
  const refresh = useRefresh()
  const [revisions, setRevisions] = useState<Revision[] | null>(null)
  const [open, setOpen] = useState<number | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the history changes with the entry's id and version, not with a new record object
  useEffect(() => {
    if (record)
      dataProvider.revisions(resource, record.id).then(
        (r) => setRevisions([...r].reverse()),
        () => setRevisions([]),
      )
  }, [resource, record?.id, record?.version])
  if (!record || !revisions) return null
  if (!revisions.length) return <Typography>{translate('atlas.history.empty')}</Typography>
  const revert = async (toVersion: number) => {
    try {
      await dataProvider.revert(resource, record.id, toVersion, record.version)
      notify('atlas.history.reverted', { type: 'success', messageArgs: { version: toVersion } })
    } catch (error) {
      notify((error as Error).message, { type: 'error' })
    }
    refresh()
  }
  return (
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
            current={revision.version === record.version}
            locale={locale}
            open={open === revision.seq}
            onToggle={() => setOpen(open === revision.seq ? null : revision.seq)}
            onRevert={
              roleAtLeast(permissions, 'editor') && revision.version !== record.version
                ? () => revert(revision.version)
                : undefined
            }
          />
        ))}
      </TableBody>
    </Table>
  )
}

const HistoryRow = ({
  revision,
  current,
  locale,
  open,
  onToggle,
  onRevert,
}: {
  revision: Revision
  current: boolean
  locale: string
  open: boolean
  onToggle: () => void
  onRevert?: () => void
}) => {
  const translate = useTranslate()
  const label = useFieldLabel()
  return (
    <>
      <TableRow hover onClick={onToggle} sx={{ cursor: 'pointer' }} data-version={revision.version}>
        <TableCell>
          v{revision.version}{' '}
          {current && <Chip size="small" color="primary" label={translate('atlas.history.current')} />}
        </TableCell>
        <TableCell>{translate(`atlas.values.${revision.action}`, { _: revision.action })}</TableCell>
        <TableCell>{revision.actor.length > 20 ? revision.actor.slice(0, 8) : revision.actor}</TableCell>
        <TableCell>{new Date(revision.at).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB')}</TableCell>
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
