import { Alert, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material'
import CopyIcon from '@mui/icons-material/ContentCopy'
import { Button, useNotify, useTranslate } from 'react-admin'

/**
 * The clipboard API where the page is a secure context (https, or this machine); elsewhere (plain
 * http on a server's address) the older copy command, from a hidden text area beside `near` (inside
 * the dialog, which keeps the focus).
 */
const copyText = async (text: string, near: HTMLElement) => {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text)
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  Object.assign(area.style, { position: 'fixed', top: '0', left: '0', opacity: '0' })
  near.after(area)
  area.select()
  const copied = document.execCommand('copy')
  area.remove()
  if (!copied) throw new Error('copy refused')
}

/** Copies the text to the clipboard and says so (or says to copy it by hand). */
const CopyButton = ({ text }: { text: string }) => {
  const notify = useNotify()
  const translate = useTranslate()
  return (
    <Button
      label="atlas.api_keys.copy"
      variant="outlined"
      aria-label={translate('atlas.api_keys.copy')}
      onClick={(event) =>
        copyText(text, event.currentTarget).then(
          () => notify('atlas.api_keys.copied', { type: 'success' }),
          () => notify('atlas.api_keys.copy_failed', { type: 'warning' }),
        )
      }
    >
      <CopyIcon />
    </Button>
  )
}

/**
 * A secret the API shows once (an API key, a webhook's signing secret): the text, a copy button and a
 * warning that it will not be shown again; closing it is the only way on.
 */
export const SecretDialog = ({
  secret,
  title,
  once,
  testId,
  onClose,
}: {
  secret: string | null
  title: string
  once: string
  testId: string
  onClose: () => void
}) => {
  const translate = useTranslate()
  return (
    <Dialog open={secret !== null}>
      <DialogTitle>{translate(title)}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate(once)}
        </Alert>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography
            component="code"
            data-testid={testId}
            sx={{ fontFamily: 'monospace', wordBreak: 'break-all', flex: 1 }}
          >
            {secret}
          </Typography>
          {secret && <CopyButton text={secret} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button label="atlas.api_keys.close" onClick={onClose} />
      </DialogActions>
    </Dialog>
  )
}
