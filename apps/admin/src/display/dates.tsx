import { FunctionField } from 'react-admin'

const two = (n: number) => String(n).padStart(2, '0')

/**
 * A moment as `2026-12-02 14:53` in local time: one unambiguous format, the same in English and
 * Chinese, on lists and record pages alike (no 02/12 vs 12/02, no 下午).
 */
export const formatDateTime = (at: string | number | Date | null | undefined) => {
  if (at === null || at === undefined || at === '') return ''
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return String(at)
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`
}

/** A list column of a timestamp in that format (`—` when there is none). */
export const DateTimeField = ({
  source,
  label,
  sortable,
  emptyText = '',
}: {
  source: string
  label?: string
  sortable?: boolean
  emptyText?: string
}) => (
  <FunctionField
    source={source}
    label={label}
    sortable={sortable}
    render={(record: Record<string, unknown>) => (
      <time dateTime={String(record[source] ?? '')} data-datetime style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(record[source] as string) || emptyText}
      </time>
    )}
  />
)
