import type { ReactNode } from 'react'
import CompareIcon from '@mui/icons-material/CompareArrows'
import ReviewIcon from '@mui/icons-material/RateReview'
import { Layout as RaLayout, Menu, useTranslate } from 'react-admin'

/** The home page and the review queue, the resources, then the comparison page. */
const AtlasMenu = () => {
  const translate = useTranslate()
  return (
    <Menu>
      <Menu.DashboardItem primaryText={translate('atlas.dashboard.menu')} />
      <Menu.Item to="/review-queue" primaryText={translate('atlas.review.menu')} leftIcon={<ReviewIcon />} />
      <Menu.ResourceItems />
      <Menu.Item to="/compare" primaryText={translate('atlas.compare.menu')} leftIcon={<CompareIcon />} />
    </Menu>
  )
}

export const Layout = ({ children }: { children: ReactNode }) => <RaLayout menu={AtlasMenu}>{children}</RaLayout>
