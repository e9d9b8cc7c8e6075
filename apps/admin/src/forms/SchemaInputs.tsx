import {
  ArrayInput,
  AutocompleteArrayInput,
  AutocompleteInput,
  BooleanInput,
  NumberInput,
  ReferenceArrayInput,
  ReferenceInput,
  SelectArrayInput,
  SelectInput,
  SimpleFormIterator,
  TextArrayInput,
  TextInput,
  useLocaleState,
  useSourceContext,
  useTranslate,
} from 'react-admin'
import { Box } from '@mui/material'
import { useWatch } from 'react-hook-form'
import { CATEGORIES_BY_LEVEL, CURRENCIES, PARTIAL_DATE_PATTERN, SLUG_PATTERN } from '@chain-atlas/types'
import { nameOf, referenceTarget, type CollectionName, type JsonSchema } from '../collections.ts'
import { isText, unwrap } from './schema.ts'
import { EconomyInput } from './EconomyInput.tsx'
import { amountInWords } from '../display/amountWords.ts'

/** What an optional flag means when an entry does not have it: `identified` absent is identified. */
const ABSENT_FLAGS: Record<string, boolean> = { identified: true }

/** Texts long enough to want several lines. */
const LONG_TEXT = new Set([
  'summary',
  'description',
  'definition',
  'statement',
  'origins',
  'origin',
  'notes',
  'text',
  'purpose',
])

/** Entries a reference may point at: anything not archived. */
const REFERABLE = { status: ['draft', 'in_review', 'published'] }

/** Where in the seed paper an entry can come from (the pattern of `paper_refs`). */
const PAPER_REFS = [
  'abstract',
  'introduction',
  'part-1',
  'part-1.1',
  'part-1.2',
  'part-1.3',
  'part-2',
  'part-2.1',
  'part-2.2',
  'part-2.3',
  'part-3',
  'part-3.1',
  'part-3.2',
  'part-3.3',
  'table-1',
  'table-2',
  'table-3',
  'conclusion',
]

const humanize = (name: string) =>
  name
    .replace(/_ids?$/, '')
    .replace(/_/g, ' ')
    .replace(/^./, (c) => c.toUpperCase())

/** A field's label in the UI language. */
export const useFieldLabel = () => {
  const translate = useTranslate()
  return (name: string) => translate(`atlas.fields.${name}`, { _: humanize(name) })
}

/** A path into an entry (`figures/*\/source_ids`, `figures/0/source_ids/1`) as its fields' labels: "Figures › Sources". */
export const useFieldPath = () => {
  const label = useFieldLabel()
  return (path: string) =>
    path
      .split('/')
      .filter((step) => !/^(\d+|\*)$/.test(step))
      .map(label)
      .join(' › ')
}

/** Closed-list values as choices named in the UI language. */
export const useChoices = () => {
  const translate = useTranslate()
  return (values: readonly string[]) => values.map((id) => ({ id, name: translate(`atlas.values.${id}`, { _: id }) }))
}

/** The helper text under an input, in the UI language: the schema's description, translated by field or by the kind of value. */
export const useHelp = () => {
  const translate = useTranslate()
  return (name: string, s: JsonSchema) => {
    if (!s.description) return false
    const key =
      s.pattern === PARTIAL_DATE_PATTERN
        ? 'date'
        : s.pattern === SLUG_PATTERN
          ? 'slug'
          : name === 'founded_year'
            ? 'year'
            : name
    return translate(`atlas.help.${key}`, { _: s.description })
  }
}

/** Short inputs (a choice, a number) stay short; texts take the row. */
const SHORT = { fullWidth: false, sx: { minWidth: 220 } } as const

const join = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name)

/** A bilingual text: English, Chinese and the original form side by side. */
export const BilingualInput = ({
  source,
  label,
  multiline,
  original = true,
}: {
  source: string
  label: string
  multiline?: boolean
  /** Whether the text has an official form in a third language (titles do, notes do not). */
  original?: boolean
}) => {
  const translate = useTranslate()
  return (
    <div style={{ display: 'flex', columnGap: 16, width: '100%', minWidth: 0 }}>
      <TextInput source={join(source, 'en')} label={`${label} (en)`} multiline={multiline} fullWidth />
      <TextInput source={join(source, 'zh')} label={`${label} (中文)`} multiline={multiline} fullWidth />
      {original && (
        <TextInput
          source={join(source, 'original')}
          label={`${label} (${translate('atlas.form.original')})`}
          multiline={multiline}
          fullWidth
        />
      )}
    </div>
  )
}

/** An id (or ids) of another collection, picked by searching its entries in either language. */
const ReferencePicker = ({
  source,
  target,
  label,
  multiple,
}: {
  source: string
  target: CollectionName
  label: string
  multiple: boolean
}) => {
  const [locale] = useLocaleState()
  if (target === 'economies')
    return <EconomyInput source={source} label={label} multiple={multiple} filter={REFERABLE} fullWidth />
  const optionText = (record?: Record<string, unknown>) =>
    record ? `${nameOf(target, record, locale)} · ${record.id}` : ''
  const props = { label, optionText, filterToQuery: (q: string) => ({ q }), fullWidth: true }
  const common = {
    source,
    reference: target,
    filter: REFERABLE,
    sort: { field: 'id', order: 'ASC' as const },
    perPage: 20,
  }
  return multiple ? (
    <ReferenceArrayInput {...common}>
      <AutocompleteArrayInput {...props} />
    </ReferenceArrayInput>
  ) : (
    <ReferenceInput {...common}>
      <AutocompleteInput {...props} />
    </ReferenceInput>
  )
}

/** An instrument's category: only those of the level chosen. */
const CategoryInput = ({ source, label }: { source: string; label: string }) => {
  const level = useWatch({ name: 'level' }) as keyof typeof CATEGORIES_BY_LEVEL | undefined
  const choices = useChoices()
  const categories =
    level && CATEGORIES_BY_LEVEL[level] ? CATEGORIES_BY_LEVEL[level] : Object.values(CATEGORIES_BY_LEVEL).flat()
  return (
    <SelectInput
      source={source}
      label={label}
      choices={choices(categories)}
      translateChoice={false}
      {...SHORT}
      sx={{ minWidth: 420 }}
    />
  )
}

type InputProps = { collection: CollectionName; name: string; source: string; schema: JsonSchema; path: string }

/** The input a field's schema calls for: the shared schema decides the form. */
export const SchemaInput = ({ collection, name, source, schema, path }: InputProps) => {
  const label = useFieldLabel()(name)
  const choices = useChoices()
  const help = useHelp()
  const s = unwrap(schema)
  if (isText(s))
    return (
      <BilingualInput
        source={source}
        label={label}
        multiline={LONG_TEXT.has(name)}
        original={Boolean(s.properties?.original)}
      />
    )
  if (s.type === 'string') {
    const target = referenceTarget(collection, path)
    if (target) return <ReferencePicker source={source} target={target} label={label} multiple={false} />
    if (name === 'category' && collection === 'instruments') return <CategoryInput source={source} label={label} />
    if (name === 'currency')
      return (
        <AutocompleteInput
          source={source}
          label={label}
          choices={CURRENCIES.map((id) => ({ id, name: id }))}
          {...SHORT}
        />
      )
    if (s.enum)
      return <SelectInput source={source} label={label} choices={choices(s.enum)} translateChoice={false} {...SHORT} />
    return (
      <TextInput
        source={source}
        label={label}
        helperText={help(name, s)}
        multiline={name === 'citation'}
        fullWidth={!!s.maxLength && s.maxLength > 200}
      />
    )
  }
  if (s.type === 'boolean')
    return (
      <BooleanInput
        source={source}
        label={label}
        helperText={help(name, s)}
        // Untouched, an absent flag stays absent (null is dropped on save), shown as what absence means.
        defaultValue={null}
        format={(value?: boolean | null) => value ?? ABSENT_FLAGS[name] ?? false}
      />
    )
  if (s.type === 'integer' || s.type === 'number')
    return <NumberInput source={source} label={label} helperText={help(name, s)} {...SHORT} />
  if (s.type === 'array' && s.items) {
    const item = unwrap(s.items)
    const target = referenceTarget(collection, `${path}/*`)
    if (target) return <ReferencePicker source={source} target={target} label={label} multiple />
    if (name === 'paper_refs')
      return <SelectArrayInput source={source} label={label} choices={PAPER_REFS.map((id) => ({ id, name: id }))} />
    if (item.type === 'string' && item.enum)
      return <SelectArrayInput source={source} label={label} choices={choices(item.enum)} translateChoice={false} />
    if (item.type === 'string') return <TextArrayInput source={source} label={label} />
    return (
      <ArrayInput source={source} label={label}>
        <SimpleFormIterator disableReordering={false}>
          {isText(item) ? (
            <BilingualInput source="" label={label} multiline={LONG_TEXT.has(name)} />
          ) : (
            <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, width: '100%' }}>
              <ObjectInputs collection={collection} schema={item} path={`${path}/*`} prefix="" />
            </Box>
          )}
        </SimpleFormIterator>
      </ArrayInput>
    )
  }
  if (s.type === 'object' && s.properties)
    return <ObjectInputs collection={collection} schema={s} path={path} prefix={source} />
  return null
}

/** The inputs of an object's properties, in the schema's order (an amount, a fact, the entry itself). */
export const ObjectInputs = ({
  collection,
  schema,
  path,
  prefix,
  skip = [],
}: {
  collection: CollectionName
  schema: JsonSchema
  path: string
  prefix: string
  skip?: string[]
}) => (
  <>
    {Object.entries(schema.properties ?? {})
      .filter(([name]) => !skip.includes(name))
      .map(([name, property]) =>
        name === 'value' && schema.properties?.currency ? (
          <AmountValueInput key={name} prefix={prefix} schema={property} />
        ) : (
          <SchemaInput
            key={name}
            collection={collection}
            name={name}
            source={join(prefix, name)}
            schema={property}
            path={path ? `${path}/${name}` : name}
          />
        ),
      )}
  </>
)

/** Units whose numbers read well in words (a percentage or a year does not). */
const IN_WORDS = new Set([undefined, null, '', 'currency', 'count'])

/**
 * The number of an amount (or of a fact in money or a count): under it, the value typed as words in
 * both languages ("52.7 billion USD · 527 亿美元"), following the currency picked beside it; the
 * hint until something is typed.
 */
const AmountValueInput = ({ prefix, schema }: { prefix: string; schema: JsonSchema }) => {
  const label = useFieldLabel()('value')
  const help = useHelp()
  const source = join(prefix, 'value')
  // Inside a list of amounts the sources are relative (`value`): the form holds `amounts.0.value`.
  const { getSource } = useSourceContext()
  const [value, currency, unit] = useWatch({
    name: [source, join(prefix, 'currency'), join(prefix, 'unit')].map(getSource),
  })
  const words = IN_WORDS.has(unit) ? amountInWords(value, unit === 'count' ? null : currency) : ''
  return (
    <NumberInput
      source={source}
      label={label}
      helperText={words ? <span data-amount-words>{words}</span> : help('value', unwrap(schema))}
      {...SHORT}
      sx={{ minWidth: 340 }}
    />
  )
}
