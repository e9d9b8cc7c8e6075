import { useEffect, useState } from 'react'
import {
  Autocomplete,
  Card,
  CardContent,
  Chip,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material'
import { Link, Title, useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin'
import { LEVELS, TABLE_LEVELS, type Comparison, type Level } from '@chain-atlas/types'
import { nameOf } from '../collections.ts'
import { useChoices } from '../forms/SchemaInputs.tsx'
import { formatMoney } from '../display/ValueView.tsx'
import { useEconomies, useEconomyOptions, useUrlState } from './shared.tsx'

const DEFAULT_ECONOMIES = ['us', 'jp', 'eu']
const TABLES = ['1', '2', '3'] as const

/**
 * Economies side by side: pick them and a level (or one of the paper's tables) and see the
 * `/v1/compare` matrix, categories as rows, the instruments of each economy in the cells. The
 * choices are in the URL (`#/compare?economy=us,jp,eu&table=1`): a link or a reload shows the same.
 */
export const ComparePage = () => {
  const dataProvider = useDataProvider() as ReturnType<typeof useDataProvider> & {
    compare(query: URLSearchParams): Promise<Comparison>
  }
  const translate = useTranslate()
  const choices = useChoices()
  const notify = useNotify()
  const [locale] = useLocaleState()
  const economies = useEconomies()
  const economyOptions = useEconomyOptions(economies)
  const url = useUrlState()
  // No `economy` in the URL: the paper's three; an empty one: none picked.
  const picked = url.has('economy') ? url.getList('economy') : DEFAULT_ECONOMIES
  const table = (TABLES as readonly string[]).includes(url.get('table')) ? (url.get('table') as '1' | '2' | '3') : ''
  const level: Level = table
    ? TABLE_LEVELS[Number(table) as 1 | 2 | 3]
    : (LEVELS as readonly string[]).includes(url.get('level'))
      ? (url.get('level') as Level)
      : 'national'
  const [matrix, setMatrix] = useState<Comparison | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: the picked ids as one string: a new array of the same ids is no change
  useEffect(() => {
    if (!picked.length) return setMatrix(null)
    const query = new URLSearchParams({ economy: picked.join(','), level })
    if (table) query.set('table', table)
    dataProvider.compare(query).then(setMatrix, (error: Error) => notify(error.message, { type: 'error' }))
  }, [picked.join(), level, table])

  const setPicked = (value: string[]) => url.set({ economy: value.length ? value : null })
  // Every choice names the economies too: the address says all that the table shows.
  const pickTable = (value: '' | '1' | '2' | '3') =>
    url.set({
      economy: picked.length ? picked : null,
      table: value,
      level: value ? TABLE_LEVELS[Number(value) as 1 | 2 | 3] : level,
    })
  const byId = new Map(economies.map((e) => [e.id, e]))
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('atlas.compare.title')} />
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
          <Autocomplete
            multiple
            openText={translate('ra.action.open')}
            closeText={translate('ra.action.close')}
            clearText={translate('ra.action.clear_input_value')}
            sx={{ minWidth: 360 }}
            {...economyOptions}
            value={picked}
            onChange={(_, value) => setPicked(value)}
            getOptionLabel={(id) => (byId.get(id) ? `${nameOf('economies', byId.get(id), locale)} · ${id}` : id)}
            renderInput={(params) => (
              <TextField {...params} label={translate('atlas.compare.economies')} name="economies" />
            )}
          />
          <TextField
            select
            label={translate('atlas.compare.level')}
            value={level}
            name="level"
            onChange={(e) => url.set({ economy: picked.length ? picked : null, level: e.target.value, table: '' })}
            sx={{ minWidth: 160 }}
          >
            {choices(LEVELS).map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            label={translate('atlas.compare.table')}
            value={table}
            name="table"
            onChange={(e) => pickTable(e.target.value as '' | '1' | '2' | '3')}
            sx={{ minWidth: 200 }}
          >
            <MenuItem value="">{translate('atlas.compare.no_table')}</MenuItem>
            {['1', '2', '3'].map((t) => (
              <MenuItem key={t} value={t}>
                {translate('atlas.compare.paper_table', { table: t })}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        {matrix && <Matrix matrix={matrix} locale={locale} />}
      </CardContent>
    </Card>
  )
}

const Matrix = ({ matrix, locale }: { matrix: Comparison; locale: string }) => {
  const translate = useTranslate()
  return (
    <Table size="small" aria-label={translate('atlas.compare.title')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('atlas.compare.category')}</TableCell>
          {matrix.economies.map((e) => (
            <TableCell key={e.id}>{nameOf('economies', e, locale)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {matrix.rows.map((row) => (
          <TableRow key={row.category} data-category={row.category} sx={{ verticalAlign: 'top' }}>
            <TableCell sx={{ fontWeight: 600, width: 220 }}>{locale === 'zh' ? row.label.zh : row.label.en}</TableCell>
            {row.cells.map((cell) => (
              <TableCell key={cell.economy_id} data-economy={cell.economy_id}>
                {cell.instruments.length ? (
                  <Stack spacing={0.5}>
                    {cell.instruments.map((i) => (
                      <div key={i.id}>
                        <Link to={`/instruments/${i.id}/show`}>{nameOf('instruments', i, locale)}</Link>
                        {i.amounts.map((a, n) => (
                          <Chip
                            // biome-ignore lint/suspicious/noArrayIndexKey: an entry's amounts in their stored order
                            key={n}
                            size="small"
                            sx={{ ml: 0.5 }}
                            label={formatMoney(a.value, a.currency, locale)}
                          />
                        ))}
                      </div>
                    ))}
                  </Stack>
                ) : (
                  <Typography color="text.secondary">{translate('atlas.compare.empty_cell')}</Typography>
                )}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
