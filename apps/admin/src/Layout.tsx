import type { ReactNode } from 'react'
import CompareIcon from '@mui/icons-material/CompareArrows'
import ReviewIcon from '@mui/icons-material/RateReview'
import NetworkIcon from '@mui/icons-material/Hub'
import TimelineIcon from '@mui/icons-material/BarChart'
import AuditIcon from '@mui/icons-material/Policy'
import { Layout as RaLayout, Menu, usePermissions, useTranslate } from 'react-admin'
import { AppBar } from './AppBar.tsx'

/** The home page and the review queue, the resources, then the comparison, network and timeline pages (and, for admins, the audit log). */
const AtlasMenu = () => {
  const translate = useTranslate()
  const { permissions } = usePermissions()
  return (
    <Menu>
      <Menu.DashboardItem primaryText={translate('atlas.dashboard.menu')} />
      <Menu.Item to="/review-queue" primaryText={translate('atlas.review.menu')} leftIcon={<ReviewIcon />} />
      <Menu.ResourceItems />
      <Menu.Item to="/compare" primaryText={translate('atlas.compare.menu')} leftIcon={<CompareIcon />} />
      <Menu.Item to="/network" primaryText={translate('atlas.network.menu')} leftIcon={<NetworkIcon />} />
      <Menu.Item to="/timeline" primaryText={translate('atlas.timeline.menu')} leftIcon={<TimelineIcon />} />
      {permissions === 'admin' && (
        <Menu.Item to="/audit-log" primaryText={translate('atlas.audit.menu')} leftIcon={<AuditIcon />} />
      )}
    </Menu>
  )
}

/**
 * The page is as wide as the window, never wider: react-admin's layout grows to fit its widest
 * content (`min-width: fit-content`), which made a long form or a wide table scroll the whole page
 * sideways on a laptop. Here the content takes the room left by the menu and what is wider (a
 * table) scrolls inside its own box.
 */
const FITS_THE_WINDOW = { minWidth: 0, '& .RaLayout-content': { minWidth: 0 } } as const

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout menu={AtlasMenu} appBar={AppBar} sx={FITS_THE_WINDOW}>
    {children}
  </RaLayout>
)
