import { Chip, Stack, Typography } from '@mui/material'
import { Labeled, Link, useLocaleState, useTranslate } from 'react-admin'
import { nameOf, referenceTarget, type Bilingual, type CollectionName, type JsonSchema } from '../collections.ts'
import { isText, unwrap } from '../forms/schema.ts'
import { useFieldLabel } from '../forms/SchemaInputs.tsx'

/** The entries an answer's `included` holds, by collection and id. */
type Included = Partial<Record<string, Record<string, Record<string, unknown>>>>

/** English over Chinese, and the original form under them. */
export const TextView = ({ text }: { text: Bilingual }) => (
  <Stack spacing={0.25}>
    <Typography variant="body2" lang="en" sx={{ whiteSpace: 'pre-wrap' }}>
      {text.en}
    </Typography>
    <Typography variant="body2" lang="zh" sx={{ whiteSpace: 'pre-wrap' }}>
      {text.zh}
    </Typography>
    {text.original && (
      <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>
        {text.original}
      </Typography>
    )}
  </Stack>
)

/** Money as the UI language writes it: US$52,700,000,000 / US$52,700,000,000. */
export const formatMoney = (value: number, currency: string, locale: string) => {
  try {
    return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    }).format(value)
  } catch {
    return `${currency} ${value.toLocaleString()}`
  }
}

/** A link to another entry, named by its title when the record embeds it. */
const ReferenceChip = ({
  target,
  id,
  entry,
}: {
  target: CollectionName
  id: string
  entry?: Record<string, unknown>
}) => {
  const [locale] = useLocaleState()
  return (
    <Link to={`/${target}/${id}/show`} onClick={(e: { stopPropagation(): void }) => e.stopPropagation()}>
      <Chip size="small" clickable label={entry ? nameOf(target, entry, locale) : id} sx={{ m: 0.25, maxWidth: 480 }} />
    </Link>
  )
}

type ViewProps = {
  collection: CollectionName
  name: string
  schema: JsonSchema
  value: unknown
  path: string
  included?: Included
}

/** A field's value made readable by what its schema says it is. */
export const ValueView = ({ collection, name, schema, value, path, included }: ViewProps) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const s = unwrap(schema)
  if (value === undefined || value === null)
    return (
      <Typography variant="body2" color="text.secondary">
        —
      </Typography>
    )
  if (isText(s)) return <TextView text={value as Bilingual} />
  const includedOf = (target: CollectionName, id: string) => included?.[target]?.[id]
  if (s.type === 'string') {
    const target = referenceTarget(collection, path)
    if (target) return <ReferenceChip target={target} id={String(value)} entry={includedOf(target, String(value))} />
    if (s.enum)
      return (
        <div>
          <Chip size="small" label={translate(`atlas.values.${value}`, { _: String(value) })} />
        </div>
      )
    if (s.format === 'uri')
      return (
        <a href={String(value)} target="_blank" rel="noreferrer">
          {String(value)}
        </a>
      )
    return <Typography variant="body2">{String(value)}</Typography>
  }
  // Years and ordinals read without separators; big numbers with them.
  if (typeof value === 'number')
    return (
      <Typography variant="body2">
        {value.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB', { useGrouping: value >= 10000 })}
      </Typography>
    )
  if (s.type === 'array' && s.items && Array.isArray(value)) {
    if (!value.length)
      return (
        <Typography variant="body2" color="text.secondary">
          —
        </Typography>
      )
    const target = referenceTarget(collection, `${path}/*`)
    if (target)
      return (
        <div>
          {value.map((id) => (
            <ReferenceChip key={id} target={target} id={id} entry={includedOf(target, id)} />
          ))}
        </div>
      )
    const item = unwrap(s.items)
    if (item.type === 'string')
      return (
        <div>
          {value.map((v) => (
            <Chip
              key={v}
              size="small"
              sx={{ m: 0.25 }}
              label={item.enum ? translate(`atlas.values.${v}`, { _: v }) : v}
            />
          ))}
        </div>
      )
    return (
      <Stack spacing={1} sx={{ width: '100%' }}>
        {value.map((element, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a value's elements in their stored order
          <div key={i} style={{ borderLeft: '3px solid #ddd', paddingLeft: 8 }}>
            {name === 'amounts' ? (
              <AmountView amount={element} />
            ) : (
              <ValueView collection={collection} name={name} schema={item} value={element} path={`${path}/*`} />
            )}
          </div>
        ))}
      </Stack>
    )
  }
  if (s.type === 'object' && s.properties)
    return (
      <ObjectView
        collection={collection}
        schema={s}
        value={value as Record<string, unknown>}
        path={path}
        included={included}
      />
    )
  return <Typography variant="body2">{JSON.stringify(value)}</Typography>
}

/** An amount: "over US$52,700,000,000 · appropriation", then what it is for. */
const AmountView = ({
  amount,
}: {
  amount: { value: number; currency: string; qualifier?: string; kind: string; purpose?: Bilingual }
}) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const qualifier =
    amount.qualifier && amount.qualifier !== 'exact' ? `${translate(`atlas.values.${amount.qualifier}`)} ` : ''
  return (
    <Stack spacing={0.25}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {qualifier}
        {formatMoney(amount.value, amount.currency, locale)} ·{' '}
        {translate(`atlas.values.${amount.kind}`, { _: amount.kind })}
      </Typography>
      {amount.purpose && <TextView text={amount.purpose} />}
    </Stack>
  )
}

/** The fields of an object (a fact, a goal, the entry itself) with their labels, in schema order. */
export const ObjectView = ({
  collection,
  schema,
  value,
  path,
  included,
  skip = [],
}: {
  collection: CollectionName
  schema: JsonSchema
  value: Record<string, unknown>
  path: string
  included?: Included
  skip?: string[]
}) => {
  const label = useFieldLabel()
  return (
    <Stack spacing={1}>
      {Object.entries(schema.properties ?? {})
        .filter(([name]) => !skip.includes(name) && value[name] !== undefined)
        .map(([name, property]) => (
          <Labeled key={name} label={label(name)} fullWidth>
            <ValueView
              collection={collection}
              name={name}
              schema={property}
              value={value[name]}
              path={path ? `${path}/${name}` : name}
              included={included}
            />
          </Labeled>
        ))}
    </Stack>
  )
}
