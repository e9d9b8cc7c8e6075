import { useCallback, useEffect, useState } from 'react'
import {
  Button,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material'
import { Title, useNotify, useTranslate } from 'react-admin'
import type { AuditEntry, AuditLog } from '@chain-atlas/types'
import { request } from '../dataProvider/http.ts'
import { formatDateTime } from '../display/dates.tsx'

const PAGE = 50

/** Users and API keys by id, to name the actor and subject of each event (both lists are admins' anyway). */
const useNames = () => {
  const [names, setNames] = useState<Map<string, string>>(new Map())
  useEffect(() => {
    Promise.all([
      request<{ data: { id: string; email: string; display_name: string }[] }>('/v1/users'),
      request<{ data: { id: string; name: string; prefix: string }[] }>('/v1/api-keys'),
    ]).then(
      ([users, keys]) =>
        setNames(
          new Map([
            ...users.json.data.map((u) => [u.id, `${u.display_name} <${u.email}>`] as const),
            ...keys.json.data.map((k) => [k.id, `${k.name} (${k.prefix}…)`] as const),
          ]),
        ),
      () => {}, // without names the ids are shown
    )
  }, [])
  return names
}

/**
 * The security audit log of `/v1/audit-log` (admins only): sign-ins, failed sign-ins, keys and
 * account changes, newest first, fifty at a time with "Show older" following the cursor.
 */
export const AuditLogPage = () => {
  const translate = useTranslate()
  const notify = useNotify()
  const names = useNames()
  const [entries, setEntries] = useState<AuditEntry[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  // Loading from the first render: the first page is asked for at once.
  const [loading, setLoading] = useState(true)

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true)
      try {
        const query = new URLSearchParams({ limit: String(PAGE) })
        if (after) query.set('cursor', after)
        const page = (await request<AuditLog>(`/v1/audit-log?${query}`)).json
        setEntries((known) => (after ? [...known, ...page.data] : page.data))
        setCursor(page.meta.has_more ? page.meta.next_cursor : null)
      } catch (error) {
        notify((error as Error).message, { type: 'error' })
      } finally {
        setLoading(false)
      }
    },
    [notify],
  )
  useEffect(() => {
    load(null)
  }, [load])

  const who = (id: string | null) => (id ? (names.get(id) ?? id) : '—')
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('atlas.audit.title')} />
      <CardContent>
        <Stack direction="row" sx={{ mb: 1, alignItems: 'center', justifyContent: 'space-between' }}>
          <Typography variant="body2" color="text.secondary">
            {translate('atlas.audit.help')}
          </Typography>
          <Button size="small" onClick={() => load(null)} disabled={loading}>
            {translate('atlas.audit.refresh')}
          </Button>
        </Stack>
        <Table size="small" aria-label={translate('atlas.audit.title')} data-testid="audit-log">
          <TableHead>
            <TableRow>
              <TableCell>{translate('atlas.audit.at')}</TableCell>
              <TableCell>{translate('atlas.audit.event')}</TableCell>
              <TableCell>{translate('atlas.audit.actor')}</TableCell>
              <TableCell>{translate('atlas.audit.subject')}</TableCell>
              <TableCell>{translate('atlas.audit.address')}</TableCell>
              <TableCell>{translate('atlas.audit.detail')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((e) => (
              <TableRow key={e.id} data-event={e.event} sx={{ verticalAlign: 'top' }}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                </TableCell>
                <TableCell>{translate(`atlas.audit.events.${e.event}`, { _: e.event })}</TableCell>
                <TableCell>{who(e.actor)}</TableCell>
                <TableCell sx={{ wordBreak: 'break-all' }}>{who(e.subject)}</TableCell>
                <TableCell>{e.address ?? '—'}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                  {Object.entries(e.detail)
                    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
                    .join(' · ')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {!entries.length && !loading && (
          <Typography color="text.secondary" sx={{ mt: 2 }}>
            {translate('atlas.audit.empty')}
          </Typography>
        )}
        {cursor && (
          <Button sx={{ mt: 2 }} onClick={() => load(cursor)} disabled={loading}>
            {translate('atlas.audit.older')}
          </Button>
        )}
      </CardContent>
    </Card>
  )
}

export default AuditLogPage
