import { useState } from 'react'
import { Alert, Box, Typography } from '@mui/material'
import {
  LocalesMenuButton,
  Login,
  LoginForm,
  PasswordInput,
  TextInput,
  email,
  required,
  useTranslate,
} from 'react-admin'
import { wasExpired } from './authProvider/session.ts'

/**
 * The sign-in page as a first visit needs it: what this is, a form that asks for the email accounts
 * sign in with (one that is no email is marked at the field, in the UI language, before it is
 * sent), and the language switch (before signing in, too). After a session expired, it says so:
 * what was being saved then was not.
 */
export const LoginPage = () => {
  const translate = useTranslate()
  const [expired] = useState(wasExpired)
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
      {expired && (
        <Alert severity="warning" sx={{ mx: 2, mt: 2 }} data-session-expired>
          {translate('atlas.login.expired')}
        </Alert>
      )}
      <LoginForm>
        <TextInput
          autoFocus
          source="username"
          type="email"
          label={translate('ra.auth.username')}
          autoComplete="username"
          validate={[required(), email()]}
        />
        <PasswordInput
          source="password"
          label={translate('ra.auth.password')}
          autoComplete="current-password"
          validate={required()}
        />
      </LoginForm>
      <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
        <LocalesMenuButton />
      </Box>
    </Login>
  )
}
