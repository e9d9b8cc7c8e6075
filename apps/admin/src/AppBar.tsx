import {
  AppBar as RaAppBar,
  LoadingIndicator,
  LocalesMenuButton,
  Logout,
  UserMenu,
  useGetIdentity,
  useTranslate,
} from 'react-admin'

/** The user menu, named by what it shows (the user's name), so its spoken name matches its visible one. */
const AtlasUserMenu = () => {
  const translate = useTranslate()
  const { identity } = useGetIdentity()
  const name = identity?.fullName ?? ''
  return (
    <UserMenu label={name ? translate('atlas.a11y.user_menu', { name }) : 'ra.auth.user_menu'}>
      <Logout />
    </UserMenu>
  )
}

/** The spinner shown while data loads, with a name a screen reader says (react-admin gives it none). */
const NamedLoadingIndicator = () => {
  const translate = useTranslate()
  return <LoadingIndicator {...({ 'aria-label': translate('atlas.a11y.loading') } as object)} />
}

/** react-admin's app bar: the language menu, the loading indicator, the user menu, each with an accessible name. */
export const AppBar = () => (
  <RaAppBar
    userMenu={<AtlasUserMenu />}
    toolbar={
      <>
        <LocalesMenuButton />
        <NamedLoadingIndicator />
      </>
    }
  />
)
