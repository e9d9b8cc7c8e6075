import { useState } from 'react'
import { Chip, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, Typography } from '@mui/material'
import { Button, Link, useTranslate, type HttpError } from 'react-admin'
import type { ProblemReference } from '@chain-atlas/types'
import { useFieldPath } from '../forms/SchemaInputs.tsx'

/** The entries a refused publish or archive names (a 409 of reference integrity), if the error is one. */
const blockingReferences = (error: unknown): ProblemReference[] =>
  ((error as HttpError)?.body?.problem?.references as ProblemReference[] | undefined) ?? []

/**
 * The explanation of a refused workflow action: `explain(action, errors)` opens the dialog when
 * any of the errors is a refusal of reference integrity (and says whether one was); `dialog` is
 * the element to render.
 */
export const useIntegrityDialog = () => {
  const [refused, setRefused] = useState<{ action: string; references: ProblemReference[] } | null>(null)
  const explain = (action: string, errors: unknown[]) => {
    const references = errors.flatMap(blockingReferences)
    if (references.length) setRefused({ action, references })
    return references.length > 0
  }
  const dialog = refused && (
    <IntegrityDialog action={refused.action} references={refused.references} onClose={() => setRefused(null)} />
  )
  return { explain, dialog }
}

/**
 * Why a publish or an archive was refused, as a list of links to the entries to fix first: the
 * unpublished entries it refers to, or the published entries that cite it.
 */
const IntegrityDialog = ({
  action,
  references,
  onClose,
}: {
  action: string
  references: ProblemReference[]
  onClose: () => void
}) => {
  const translate = useTranslate()
  const field = useFieldPath()
  return (
    <Dialog open={references.length > 0} onClose={onClose} aria-labelledby="integrity-title">
      <DialogTitle id="integrity-title">
        {translate(action === 'archive' ? 'atlas.integrity.archive' : 'atlas.integrity.publish')}
      </DialogTitle>
      <DialogContent>
        <List dense>
          {references.map((r) => (
            <ListItem key={`${r.collection}/${r.id}/${r.field}`} data-blocking={`${r.collection}/${r.id}`}>
              <Typography variant="body2" component="span" sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                <span>{translate(`resources.${r.collection}.name`, { smart_count: 1 })}</span>
                <Link to={`/${r.collection}/${r.id}/show`} onClick={onClose}>
                  {r.id}
                </Link>
                <Chip size="small" label={translate(`atlas.values.${r.status}`, { _: r.status })} />
                <span>{translate('atlas.integrity.field', { field: field(r.field) })}</span>
              </Typography>
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button label="atlas.integrity.close" onClick={onClose} autoFocus />
      </DialogActions>
    </Dialog>
  )
}
