import { Box, Chip, Typography } from '@mui/material'
import { useFieldLabel } from '../forms/SchemaInputs.tsx'
import { diffText } from './textDiff.ts'

const COLORS = {
  removed: { background: '#fdd', textDecoration: 'line-through' },
  added: { background: '#dfd' },
  same: {},
}

/** Two strings as one text with deletions struck through and insertions highlighted. */
const TextChange = ({ before, after, lang }: { before: string; after: string; lang?: string }) => (
  <Typography variant="body2" lang={lang} sx={{ whiteSpace: 'pre-wrap' }}>
    {diffText(before, after).map((part, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff, never reordered
      <span key={i} data-change={part.change} style={COLORS[part.change]}>
        {part.text}
      </span>
    ))}
  </Typography>
)

const show = (value: unknown) =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 1)

/** One field's change: texts word by word in each language, anything else as before → after. */
const FieldChange = ({ before, after }: { before: unknown; after: unknown }) => {
  const isTextLike = (v: unknown) =>
    v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && 'en' in v)
  if (isTextLike(before) && isTextLike(after)) {
    const b = (before ?? {}) as Record<string, string>
    const a = (after ?? {}) as Record<string, string>
    return (
      <>
        {['en', 'zh', 'original']
          .filter((lang) => b[lang] !== a[lang])
          .map((lang) => (
            <Box key={lang} sx={{ display: 'flex', gap: 1 }}>
              <Chip size="small" label={lang} />
              <TextChange before={b[lang] ?? ''} after={a[lang] ?? ''} lang={lang} />
            </Box>
          ))}
      </>
    )
  }
  if (typeof before === 'string' && typeof after === 'string') return <TextChange before={before} after={after} />
  return (
    <Box sx={{ display: 'flex', gap: 1, fontFamily: 'monospace', fontSize: 12 }}>
      <Box sx={{ ...COLORS.removed, textDecoration: 'none', flex: 1, whiteSpace: 'pre-wrap' }}>{show(before)}</Box>
      <Box sx={{ ...COLORS.added, flex: 1, whiteSpace: 'pre-wrap' }}>{show(after)}</Box>
    </Box>
  )
}

/** Fields the workflow changes on every step: not what an editor reviews. */
const BOOKKEEPING = new Set(['status', 'version', 'updated_at'])

/** Changes field by field: each field's name, then its before and after. */
export const FieldChanges = ({ changes }: { changes: { field: string; before: unknown; after: unknown }[] }) => {
  const label = useFieldLabel()
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: 1 }}>
      {changes
        .filter((c) => !BOOKKEEPING.has(c.field))
        .map(({ field, before, after }) => (
          <Box key={field} sx={{ display: 'contents' }} data-field={field}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {label(field)}
            </Typography>
            <div>
              <FieldChange before={before} after={after} />
            </div>
          </Box>
        ))}
    </Box>
  )
}
