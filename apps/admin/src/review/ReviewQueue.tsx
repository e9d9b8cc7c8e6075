import {
  BooleanInput,
  Datagrid,
  FunctionField,
  List,
  SelectArrayInput,
  useLocaleState,
  useTranslate,
} from 'react-admin'
import { REVIEW_STATES } from '@chain-atlas/types'
import { ItemComment, ItemTitle, StateChip, type QueueItem, recordPath, versionsOf, when } from './items.tsx'

/** The queue's filters: which states, and only the signed-in user's own. */
const useFilters = () => {
  const translate = useTranslate()
  return [
    <SelectArrayInput
      key="state"
      source="state"
      label={translate('atlas.review.state')}
      choices={REVIEW_STATES.map((s) => ({ id: s, name: translate(`atlas.values.${s}`) }))}
      translateChoice={false}
      alwaysOn
      sx={{ minWidth: 200 }}
    />,
    <BooleanInput key="mine" source="mine" label={translate('atlas.review.mine')} alwaysOn />,
  ]
}

/**
 * The review queue across every collection, the least recently changed first (the API's order, so
 * no column sorts): what an editor works through, with each author and last comment. A row opens
 * the entry's record page, where the workflow buttons are.
 */
export const ReviewQueue = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const column = (name: string) => translate(`atlas.review.${name}`)
  return (
    <List
      resource="review-queue"
      title={translate('atlas.review.title')}
      filters={useFilters()}
      filterDefaultValues={{ state: ['in_review'] }}
      actions={false}
      perPage={25}
      storeKey="review-queue"
      empty={false}
    >
      <Datagrid
        rowClick={(_id, _resource, record) => recordPath(record as QueueItem)}
        bulkActionButtons={false}
        empty={<p style={{ padding: 16 }}>{translate('atlas.dashboard.none')}</p>}
      >
        <FunctionField label={column('entry')} render={(item: QueueItem) => <ItemTitle item={item} />} />
        <FunctionField
          label={column('collection')}
          render={(item: QueueItem) => translate(`resources.${item.collection}.name`, { smart_count: 1 })}
        />
        <FunctionField label={column('state')} render={(item: QueueItem) => <StateChip item={item} />} />
        <FunctionField label={column('version')} render={(item: QueueItem) => versionsOf(item, translate)} />
        <FunctionField label={column('author')} render={(item: QueueItem) => item.author.name ?? item.author.id} />
        <FunctionField label={column('comment')} render={(item: QueueItem) => <ItemComment item={item} />} />
        <FunctionField label={column('updated_at')} render={(item: QueueItem) => when(item.updated_at, locale)} />
      </Datagrid>
    </List>
  )
}
