import type { ReactNode } from 'react'
import CompareIcon from '@mui/icons-material/CompareArrows'
import { Layout as RaLayout, Menu, useTranslate } from 'react-admin'

/** The resources, then the comparison page. */
const AtlasMenu = () => {
  const translate = useTranslate()
  return (
    <Menu>
      <Menu.ResourceItems />
      <Menu.Item to="/compare" primaryText={translate('atlas.compare.menu')} leftIcon={<CompareIcon />} />
    </Menu>
  )
}

export const Layout = ({ children }: { children: ReactNode }) => <RaLayout menu={AtlasMenu}>{children}</RaLayout>
