import HotTub from '@mui/icons-material/HotTub'
import History from '@mui/icons-material/History'
import { Box, Button, Typography } from '@mui/material'
import { Loading, Title, useAuthenticated, useDefaultTitle, useTranslate } from 'react-admin'

/**
 * An address the app has no page for, as react-admin's own page says it, with two faults mended:
 * its message was drawn at half opacity (#8d8d8e on the page's #fafafb, 3.17:1, where WCAG AA
 * wants 4.5:1), and it added a full stop after a message that already ends with one ("bad
 * link.." and "已失效。."). Text here takes the theme's own colours; the picture stays faint.
 */
export const NotFound = () => {
  const translate = useTranslate()
  const { isPending } = useAuthenticated()
  const title = useDefaultTitle()
  if (isPending) return <Loading />
  return (
    <Box
      sx={{
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        height: '100%',
        textAlign: 'center',
        mx: 2,
      }}
    >
      <Title defaultTitle={title} />
      <HotTub sx={{ width: '9em', height: '9em', mx: 'auto', opacity: 0.5 }} aria-hidden />
      <Typography component="h1" variant="h4" sx={{ my: 2 }}>
        {translate('ra.page.not_found')}
      </Typography>
      <Typography color="text.secondary">{translate('ra.message.not_found')}</Typography>
      <Box sx={{ mt: 4 }}>
        <Button variant="contained" startIcon={<History />} onClick={() => window.history.go(-1)}>
          {translate('ra.action.back')}
        </Button>
      </Box>
    </Box>
  )
}
