import { Chip, Typography } from '@mui/material'
import { Link, useLocaleState, useTranslate } from 'react-admin'
import type { ReviewItem } from '@chain-atlas/types'
import { formatDateTime } from '../display/dates.tsx'

/** A row of the review queue as the data provider gives it: `id` is `collection/id`, the entry's own id is `entity_id`. */
export type QueueItem = Omit<ReviewItem, 'id'> & { id: string; entity_id: string }

/** Where an item's record page is. */
export const recordPath = (item: QueueItem) => `/${item.collection}/${item.entity_id}/show`

/** The entry's title in the UI language (the other one, then its id, when missing), as a link to its record page. */
export const ItemTitle = ({ item }: { item: QueueItem }) => {
  const [locale] = useLocaleState()
  const title = (locale === 'zh' ? item.title.zh || item.title.en : item.title.en || item.title.zh) || item.entity_id
  return (
    <Link to={recordPath(item)} data-review-item={`${item.collection}/${item.entity_id}`}>
      {title}
    </Link>
  )
}

export const StateChip = ({ item }: { item: QueueItem }) => {
  const translate = useTranslate()
  return <Chip size="small" label={translate(`atlas.values.${item.state}`)} data-state={item.state} />
}

/** Which version is worked on, and which is live (a new entry has none). */
export const versionsOf = (item: QueueItem, translate: (key: string, options?: object) => string) =>
  item.published_version === null
    ? translate('atlas.review.new_version', { version: item.version })
    : translate('atlas.review.versions', { version: item.version, published: item.published_version })

/** The last comment, quoted: the submitter's note or what the editor asked to change. */
export const ItemComment = ({ item }: { item: QueueItem }) =>
  item.comment ? (
    <Typography variant="body2" component="q" data-comment sx={{ display: 'block', fontStyle: 'italic' }}>
      {item.comment}
    </Typography>
  ) : null

/** When: one format in both languages (`2026-12-02 14:53`). */
export const when = (at: string, _locale?: string) => formatDateTime(at)
