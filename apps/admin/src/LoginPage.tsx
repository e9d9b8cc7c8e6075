import { Box, Typography } from '@mui/material'
import { LocalesMenuButton, Login, LoginForm, useTranslate } from 'react-admin'

/**
 * The sign-in page as a first visit needs it: what this is, a form that asks for the email accounts
 * sign in with, and the language switch (before signing in, too).
 */
export const LoginPage = () => {
  const translate = useTranslate()
  return (
    <Login>
      <Box sx={{ textAlign: 'center', px: 2 }}>
        <Typography component="h1" variant="h6">
          {translate('atlas.login.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('atlas.login.subtitle')}
        </Typography>
      </Box>
      <LoginForm />
      <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
        <LocalesMenuButton />
      </Box>
    </Login>
  )
}
