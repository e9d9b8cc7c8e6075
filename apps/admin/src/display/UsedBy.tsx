import { useEffect, useState } from 'react'
import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material'
import { Link, useDataProvider, useLocaleState, useRecordContext, useResourceContext, useTranslate } from 'react-admin'
import type { UsedByList } from '@chain-atlas/types'
import { nameOf, type CollectionName } from '../collections.ts'
import { useFieldPath } from '../forms/SchemaInputs.tsx'

/**
 * The entries that reference this one, with where they do, each a link: what an archive or a
 * change would touch. The first page of the API's used-by (200 entries), saying when there are more.
 */
export const UsedBy = () => {
  const record = useRecordContext<{ id: string; version: number }>()
  const resource = useResourceContext()!
  const dataProvider = useDataProvider() as ReturnType<typeof useDataProvider> & {
    usedBy(resource: string, id: string): Promise<UsedByList>
  }
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const fieldPath = useFieldPath()
  const [page, setPage] = useState<UsedByList | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: what references the entry changes with its id and version, not with a new record object
  useEffect(() => {
    if (record) dataProvider.usedBy(resource, record.id).then(setPage, () => setPage(null))
  }, [resource, record?.id, record?.version])
  if (!record || !page) return null
  if (!page.data.length) return <Typography>{translate('atlas.used_by.none')}</Typography>
  return (
    <>
      <Table size="small" aria-label={translate('atlas.tabs.used_by')}>
        <TableHead>
          <TableRow>
            {['entry', 'collection', 'status', 'fields'].map((c) => (
              <TableCell key={c}>{translate(`atlas.used_by.${c}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {page.data.map((entry) => (
            <TableRow key={`${entry.collection}/${entry.id}`} data-used-by={`${entry.collection}/${entry.id}`}>
              <TableCell>
                <Link to={`/${entry.collection}/${entry.id}/show`}>
                  {nameOf(entry.collection as CollectionName, { id: entry.id, title: entry.title }, locale, 'title')}
                </Link>
              </TableCell>
              <TableCell>{translate(`resources.${entry.collection}.name`, { smart_count: 1 })}</TableCell>
              <TableCell>
                <Chip size="small" label={translate(`atlas.values.${entry.status}`)} />
              </TableCell>
              <TableCell>{entry.fields.map(fieldPath).join('; ')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {page.meta.next_cursor && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('atlas.used_by.more', { count: page.data.length })}
        </Typography>
      )}
    </>
  )
}
