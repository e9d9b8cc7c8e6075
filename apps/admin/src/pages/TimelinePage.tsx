import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import {
  Alert,
  Autocomplete,
  Box,
  Card,
  CardContent,
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
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Link, Title, useLocaleState, useNotify, useTranslate } from 'react-admin'
import { LEVELS, type ChinaStrategy, type Instrument, type Level, type Timeline } from '@chain-atlas/types'
import { nameOf } from '../collections.ts'
import { request } from '../dataProvider/http.ts'
import { useChoices } from '../forms/SchemaInputs.tsx'
import {
  PAPER_ECONOMIES,
  ViewToggle,
  showPath,
  useEconomies,
  useEconomyOptions,
  useEconomyName,
  useUrlState,
  type View,
} from './shared.tsx'

/** The paper's economies in fixed colours; any other in the next of the rest. */
const PAPER_COLORS: Record<string, string> = { us: '#1565c0', jp: '#c62828', eu: '#f9a825', cn: '#6d4c41' }
const OTHER_COLORS = ['#2e7d32', '#6a1b9a', '#00838f', '#ef6c00', '#5d4037', '#ad1457', '#455a64', '#9e9d24']

/** The economies in the paper's order first, then by id. */
const economyOrder = (a: string, b: string) => {
  const rank = (id: string) => (PAPER_ECONOMIES.includes(id) ? PAPER_ECONOMIES.indexOf(id) : PAPER_ECONOMIES.length)
  return rank(a) - rank(b) || a.localeCompare(b)
}

type Chosen = { year: number; economy: string }

/**
 * `/v1/timeline` as a stacked bar chart: instruments by year, one colour per economy. A bar (or
 * Enter on it) lists its instruments, and that year's China strategies of the economy, each a
 * link to its record. Filters by economy and level go to the API; the table toggle shows every
 * entry, the undated instruments too.
 */
export const TimelinePage = () => {
  const translate = useTranslate()
  const notify = useNotify()
  const choices = useChoices()
  const [locale] = useLocaleState()
  const url = useUrlState()
  const economies = useEconomies()
  const economyOptions = useEconomyOptions(economies)
  const economyName = useEconomyName(economies)
  const picked = url.getList('economy')
  const levels = url.getList('level') as Level[]
  const view: View = url.get('view') === 'table' ? 'table' : 'picture'
  const pick: Chosen | null =
    url.get('year') && url.get('of') ? { year: Number(url.get('year')), economy: url.get('of') } : null
  const [timeline, setTimeline] = useState<Timeline | null>(null)

  const query = new URLSearchParams()
  if (picked.length) query.set('economy', picked.join(','))
  if (levels.length) query.set('level', levels.join(','))
  const queryText = query.toString()
  useEffect(() => {
    let current = true
    request<Timeline>(`/v1/timeline${queryText ? `?${queryText}` : ''}`).then(
      ({ json }) => current && setTimeline(json),
      (error: Error) => notify(error.message, { type: 'error' }),
    )
    return () => {
      current = false
    }
  }, [queryText, notify])

  const { rows, economyIds } = useMemo(() => {
    const ids = new Set<string>()
    const rows = (timeline?.years ?? [])
      .filter((y) => y.instruments?.length)
      .map((y) => {
        const row: Record<string, number> = { year: y.year }
        for (const i of y.instruments ?? []) {
          ids.add(i.economy_id)
          row[i.economy_id] = (row[i.economy_id] ?? 0) + 1
        }
        return row
      })
    return { rows, economyIds: [...ids].sort(economyOrder) }
  }, [timeline])
  const colorOf = (id: string) =>
    PAPER_COLORS[id] ?? OTHER_COLORS[economyIds.filter((e) => !PAPER_COLORS[e]).indexOf(id) % OTHER_COLORS.length]!
  const choose = (year: number, economy: string) => url.set({ year: String(year), of: economy })

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('atlas.timeline.title')} />
      <CardContent>
        <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'center' }}>
          <Autocomplete
            multiple
            sx={{ flex: '1 1 300px' }}
            {...economyOptions}
            value={picked}
            onChange={(_, value) => url.set({ economy: value, year: '', of: '' })}
            getOptionLabel={(id) => `${economyName(id)} · ${id}`}
            renderInput={(params) => (
              <TextField {...params} label={translate('atlas.timeline.economies')} name="economies" />
            )}
          />
          <TextField
            select
            label={translate('atlas.timeline.level')}
            value={levels}
            name="level"
            slotProps={{ select: { multiple: true } }}
            onChange={(e) => url.set({ level: e.target.value as unknown as string[], year: '', of: '' })}
            sx={{ flex: '0 0 220px' }}
          >
            {choices(LEVELS).map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
          <ViewToggle view={view} onChange={(v) => url.set({ view: v === 'table' ? v : '' })} />
        </Stack>
        {timeline && !rows.length && !timeline.undated?.length && (
          <Alert severity="info">{translate('atlas.timeline.empty')}</Alert>
        )}
        {timeline && view === 'picture' && rows.length > 0 && (
          <>
            <Typography variant="body2" color="text.secondary">
              {translate('atlas.timeline.hint')}
            </Typography>
            <Box data-testid="timeline-chart" sx={{ height: 'max(300px, calc(100vh - 420px))', mt: 1 }}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="year" />
                  <YAxis allowDecimals={false} />
                  <Tooltip cursor={{ fill: 'rgba(0,0,0,0.04)' }} />
                  <Legend />
                  {economyIds.map((id) => (
                    <Bar
                      key={id}
                      dataKey={id}
                      name={economyName(id)}
                      stackId="year"
                      fill={colorOf(id)}
                      isAnimationActive={false}
                      shape={(props: BarShape) => (
                        <Segment
                          {...props}
                          economy={id}
                          label={translate('atlas.timeline.bar', {
                            year: props.payload?.year ?? '',
                            economy: economyName(id),
                            smart_count: props.payload?.[id] ?? 0,
                          })}
                          selected={pick?.year === props.payload?.year && pick?.economy === id}
                          onChoose={choose}
                        />
                      )}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </Box>
            {timeline.undated_count > 0 && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {translate('atlas.timeline.undated', { smart_count: timeline.undated_count })}
              </Typography>
            )}
            {pick && <Picked pick={pick} timeline={timeline} economyName={economyName} locale={locale} />}
          </>
        )}
        {timeline && view === 'table' && <TimelineTable timeline={timeline} economyName={economyName} />}
      </CardContent>
    </Card>
  )
}

type BarShape = {
  x?: number
  y?: number
  width?: number
  height?: number
  fill?: string
  payload?: Record<string, number>
}

/** One economy's part of a year's bar: a button that lists its instruments. */
const Segment = ({
  x = 0,
  y = 0,
  width = 0,
  height = 0,
  fill,
  payload,
  economy,
  label,
  selected,
  onChoose,
}: BarShape & {
  economy: string
  label: string
  selected: boolean
  onChoose: (year: number, economy: string) => void
}) => {
  if (!payload?.[economy] || height <= 0) return null
  const choose = () => onChoose(payload.year!, economy)
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it takes the role, focus and Enter
    <rect
      x={x}
      y={y}
      width={width}
      height={height}
      fill={fill}
      stroke={selected ? '#000' : '#fff'}
      strokeWidth={selected ? 2 : 1}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={selected}
      data-year={payload.year}
      data-economy={economy}
      style={{ cursor: 'pointer' }}
      onClick={choose}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault()
          choose()
        }
      }}
    />
  )
}

/** The bar clicked: its instruments and that year's China strategies of the economy, as links. */
const Picked = ({
  pick,
  timeline,
  economyName,
  locale,
}: {
  pick: Chosen
  timeline: Timeline
  economyName: (id: string) => string
  locale: string
}) => {
  const translate = useTranslate()
  const panel = useRef<HTMLDivElement>(null)
  // The list shows under the chart, below the fold on a laptop: bring it into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again when another bar is picked
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' })
  }, [pick.year, pick.economy])
  const year = timeline.years.find((y) => y.year === pick.year)
  const instruments = (year?.instruments ?? []).filter((i) => i.economy_id === pick.economy)
  const strategies = (year?.china_strategies ?? []).filter((s) => s.economy_id === pick.economy)
  return (
    <Box sx={{ mt: 2 }} data-testid="timeline-picked" ref={panel}>
      <Typography variant="subtitle1">
        {translate('atlas.timeline.picked', {
          year: pick.year,
          economy: economyName(pick.economy),
          smart_count: instruments.length,
        })}
      </Typography>
      <Stack component="ul" spacing={0.5} sx={{ pl: 3, my: 1 }}>
        {instruments.map((i) => (
          <li key={i.id}>
            <Link to={showPath('instruments', i.id)}>{nameOf('instruments', i, locale)}</Link>
            <Typography component="span" variant="body2" color="text.secondary">
              {' · '}
              {translate(`atlas.values.${i.kind}`, { _: i.kind })} · {translate(`atlas.values.${i.level}`)}
            </Typography>
          </li>
        ))}
        {strategies.map((s) => (
          <li key={s.id}>
            <Link to={showPath('china-strategies', s.id)}>{nameOf('china-strategies', s, locale)}</Link>
            <Typography component="span" variant="body2" color="text.secondary">
              {' · '}
              {translate('resources.china-strategies.name', { smart_count: 1 })}
            </Typography>
          </li>
        ))}
      </Stack>
    </Box>
  )
}

/** Every entry of the timeline as a row: by year, then the undated instruments. */
const TimelineTable = ({ timeline, economyName }: { timeline: Timeline; economyName: (id: string) => string }) => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const rows: {
    year: number | null
    entry: Instrument | ChinaStrategy
    collection: 'instruments' | 'china-strategies'
  }[] = [
    ...timeline.years.flatMap((y) => [
      ...(y.instruments ?? []).map((entry) => ({ year: y.year, entry, collection: 'instruments' as const })),
      ...(y.china_strategies ?? []).map((entry) => ({ year: y.year, entry, collection: 'china-strategies' as const })),
    ]),
    ...(timeline.undated ?? []).map((entry) => ({ year: null, entry, collection: 'instruments' as const })),
  ]
  return (
    <Table size="small" aria-label={translate('atlas.timeline.title')} data-testid="timeline-table">
      <TableHead>
        <TableRow>
          <TableCell>{translate('atlas.timeline.year')}</TableCell>
          <TableCell>{translate('atlas.timeline.economy')}</TableCell>
          <TableCell>{translate('atlas.timeline.entry')}</TableCell>
          <TableCell>{translate('atlas.timeline.kind')}</TableCell>
          <TableCell>{translate('atlas.timeline.level')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(({ year, entry, collection }) => (
          <TableRow key={`${collection}/${entry.id}`} data-year={year ?? ''} data-id={entry.id}>
            <TableCell>{year ?? translate('atlas.timeline.no_year')}</TableCell>
            <TableCell>{economyName(entry.economy_id)}</TableCell>
            <TableCell>
              <Link to={showPath(collection, entry.id)}>{nameOf(collection, entry, locale)}</Link>
            </TableCell>
            <TableCell>
              {collection === 'instruments'
                ? translate(`atlas.values.${(entry as Instrument).kind}`, { _: (entry as Instrument).kind })
                : translate('resources.china-strategies.name', { smart_count: 1 })}
            </TableCell>
            <TableCell>
              {collection === 'instruments' ? translate(`atlas.values.${(entry as Instrument).level}`) : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

export default TimelinePage
