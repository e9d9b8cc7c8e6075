import { Box, Card, CardContent, CardHeader, List, ListItem, Typography } from '@mui/material'
import { Link, Title, useGetList, useLocaleState, useTranslate } from 'react-admin'
import { ItemComment, ItemTitle, StateChip, type QueueItem, versionsOf, when } from './items.tsx'

/** What each section of the home page asks the review queue, and where "all of them" is. */
const SECTIONS = [
  { name: 'in_review', filter: { state: ['in_review'] } },
  { name: 'my_drafts', filter: { state: ['draft'], mine: true } },
  { name: 'sent_back', filter: { state: ['changes_requested'], mine: true } },
] as const

const PER_SECTION = 10

/** One entry of a section: its title as a link, its collection, versions, author and time, and the last comment. */
const Item = ({ item }: { item: QueueItem }) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  return (
    <ListItem divider sx={{ display: 'block' }}>
      <ItemTitle item={item} />
      <Typography variant="body2" color="text.secondary" component="div">
        {translate(`resources.${item.collection}.name`, { smart_count: 1 })} · {versionsOf(item, translate)} ·{' '}
        {item.author.name ?? item.author.id} · {when(item.updated_at, locale)} <StateChip item={item} />
      </Typography>
      <ItemComment item={item} />
    </ListItem>
  )
}

const Section = ({ name, filter }: (typeof SECTIONS)[number]) => {
  const translate = useTranslate()
  const { data, pageInfo, isPending } = useGetList<QueueItem>('review-queue', {
    filter,
    pagination: { page: 1, perPage: PER_SECTION },
  })
  const queue = `/review-queue?filter=${encodeURIComponent(JSON.stringify(filter))}`
  return (
    <Card data-section={name} variant="outlined">
      <CardHeader title={translate(`atlas.dashboard.${name}`)} subheader={translate(`atlas.dashboard.${name}_help`)} />
      <CardContent sx={{ pt: 0 }}>
        {!isPending && !data?.length && <Typography variant="body2">{translate('atlas.dashboard.none')}</Typography>}
        <List dense disablePadding>
          {data?.map((item) => (
            <Item key={item.id} item={item} />
          ))}
        </List>
        {pageInfo?.hasNextPage && <Link to={queue}>{translate('atlas.dashboard.all')}</Link>}
      </CardContent>
    </Card>
  )
}

/**
 * The home page: what needs attention across every collection. Entries waiting for an editor,
 * the signed-in user's drafts, and what was sent back to them with the editor's comment.
 */
export const Dashboard = () => {
  const translate = useTranslate()
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('atlas.dashboard.title')} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, gap: 2 }}>
        {SECTIONS.map((section) => (
          <Section key={section.name} {...section} />
        ))}
      </Box>
    </Box>
  )
}
