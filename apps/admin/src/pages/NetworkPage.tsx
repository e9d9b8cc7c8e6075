import { useEffect, useMemo, useRef, useState } from 'react'
import {
  Alert,
  Autocomplete,
  Box,
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
import cytoscape from 'cytoscape'
import { useNavigate } from 'react-router-dom'
import { Link, Title, useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin'
import {
  EDGE_KINDS,
  LEVELS,
  type Instrument,
  type Level,
  type Network,
  type NetworkEdge,
  type NetworkNode,
} from '@chain-atlas/types'
import { nameOf } from '../collections.ts'
import { request } from '../dataProvider/http.ts'
import { useChoices } from '../forms/SchemaInputs.tsx'
import {
  ViewToggle,
  showPath,
  useEconomies,
  useEconomyOptions,
  useEconomyName,
  useUrlState,
  type View,
} from './shared.tsx'

type EdgeKind = (typeof EDGE_KINDS)[number]
type NodeKind = NetworkNode['kind']

/** One colour per link type, told apart on a white page and in print. */
export const EDGE_COLORS: Record<EdgeKind, string> = {
  nearshoring: '#1f77b4',
  friend_shoring: '#17becf',
  economic_framework: '#2ca02c',
  indo_pacific_plan: '#bcbd22',
  technology_alliance: '#9467bd',
  alliance_membership: '#b39ddb',
  infrastructure_initiative: '#8c564b',
  infrastructure_project: '#e377c2',
  trade_agreement: '#ff7f0e',
  digital_trade: '#7f7f7f',
  standards_cooperation: '#006d5b',
  china_stance: '#d62728',
  instrument: '#90a4ae',
}

/** Shape and colour of each kind of node, and where its record is. */
const NODE_KINDS: Record<NodeKind, { shape: string; color: string; collection: string }> = {
  economy: { shape: 'ellipse', color: '#1565c0', collection: 'economies' },
  alliance: { shape: 'round-rectangle', color: '#6a1b9a', collection: 'alliances' },
  initiative: { shape: 'diamond', color: '#2e7d32', collection: 'instruments' },
  instrument: { shape: 'triangle', color: '#546e7a', collection: 'instruments' },
}

const recordOf = (node: Pick<NetworkNode, 'kind' | 'entity_id'>) =>
  showPath(NODE_KINDS[node.kind].collection, node.entity_id)

/** The published instruments, by id: their names for the links and their levels for the level filter. */
const useInstruments = () => {
  const dataProvider = useDataProvider()
  const [instruments, setInstruments] = useState<Map<string, Instrument>>(new Map())
  useEffect(() => {
    dataProvider
      .getList('instruments', {
        pagination: { page: 1, perPage: 1000 },
        sort: { field: 'id', order: 'ASC' },
        filter: {},
      })
      .then(({ data }) => setInstruments(new Map((data as Instrument[]).map((i) => [i.id, i]))))
  }, [dataProvider])
  return instruments
}

/**
 * The chain-security network of `/v1/network`: economies, alliances and infrastructure initiatives
 * as nodes, typed links as edges. The economies and link types are filtered by the API; the level
 * by the instruments behind each link (the API has no level filter). A node opens its record; a
 * link shows the instruments and sources behind it. The same links are a table behind the toggle.
 */
export const NetworkPage = () => {
  const translate = useTranslate()
  const notify = useNotify()
  const choices = useChoices()
  const [locale] = useLocaleState()
  const url = useUrlState()
  const economies = useEconomies()
  const economyOptions = useEconomyOptions(economies)
  const economyName = useEconomyName(economies)
  const instruments = useInstruments()
  const picked = url.getList('economy')
  const kinds = url.getList('kind') as EdgeKind[]
  const level = url.get('level') as Level | ''
  const view: View = url.get('view') === 'table' ? 'table' : 'picture'
  const [network, setNetwork] = useState<Network | null>(null)
  const [selected, setSelected] = useState<NetworkEdge | null>(null)

  const query = new URLSearchParams()
  if (picked.length) query.set('economy', picked.join(','))
  if (kinds.length) query.set('kind', kinds.join(','))
  const queryText = query.toString()
  useEffect(() => {
    let current = true
    request<Network>(`/v1/network${queryText ? `?${queryText}` : ''}`).then(
      ({ json }) => {
        if (!current) return
        setNetwork(json)
        setSelected(null)
      },
      (error: Error) => notify(error.message, { type: 'error' }),
    )
    return () => {
      current = false
    }
  }, [queryText, notify])

  // The level filter: links with an instrument of that level, and the nodes they join.
  const shown = useMemo(() => {
    if (!network) return null
    if (!level) return network
    const edges = network.edges.filter((e) => e.instrument_ids.some((id) => instruments.get(id)?.level === level))
    const joined = new Set(edges.flatMap((e) => [e.source, e.target]))
    return { nodes: network.nodes.filter((n) => joined.has(n.id)), edges }
  }, [network, level, instruments])

  const labelOf = (node: NetworkNode | undefined) => (node ? (locale === 'zh' ? node.label.zh : node.label.en) : '')
  const nodesById = new Map((shown?.nodes ?? []).map((n) => [n.id, n]))
  const kindChoices = choices(EDGE_KINDS).map((c) => ({ ...c, name: translate(`atlas.network.edge_kinds.${c.id}`) }))

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('atlas.network.title')} />
      <CardContent>
        <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'center' }}>
          <Autocomplete
            multiple
            sx={{ flex: '1 1 260px' }}
            {...economyOptions}
            value={picked}
            onChange={(_, value) => url.set({ economy: value })}
            getOptionLabel={(id) => `${economyName(id)} · ${id}`}
            renderInput={(params) => (
              <TextField {...params} label={translate('atlas.network.economies')} name="economies" />
            )}
          />
          <TextField
            select
            label={translate('atlas.network.level')}
            value={level}
            name="level"
            onChange={(e) => url.set({ level: e.target.value })}
            sx={{ flex: '0 0 180px' }}
          >
            <MenuItem value="">{translate('atlas.network.all_levels')}</MenuItem>
            {choices(LEVELS).map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
          <Autocomplete
            multiple
            sx={{ flex: '1 1 260px' }}
            options={kindChoices.map((c) => c.id)}
            value={kinds}
            onChange={(_, value) => url.set({ kind: value })}
            getOptionLabel={(id) => kindChoices.find((c) => c.id === id)?.name ?? id}
            renderOption={({ key, ...props }, id) => (
              <li key={key} {...props}>
                <Swatch color={EDGE_COLORS[id as EdgeKind]} />
                {kindChoices.find((c) => c.id === id)?.name}
              </li>
            )}
            renderInput={(params) => <TextField {...params} label={translate('atlas.network.kinds')} name="kinds" />}
          />
          <ViewToggle view={view} onChange={(v) => url.set({ view: v === 'table' ? v : '' })} />
        </Stack>
        {shown && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="network-summary">
            {translate('atlas.network.summary', { nodes: shown.nodes.length, edges: shown.edges.length })}
            {level && !instruments.size ? ` ${translate('atlas.network.loading_levels')}` : ''}
            {view === 'picture' ? ` · ${translate('atlas.network.hint')}` : ''}
          </Typography>
        )}
        {shown && !shown.nodes.length && <Alert severity="info">{translate('atlas.network.empty')}</Alert>}
        {shown && shown.nodes.length > 0 && view === 'picture' && (
          <>
            <Legend edges={shown.edges} nodes={shown.nodes} />
            <Graph network={shown} locale={locale} onEdge={setSelected} />
            {selected && (
              <EdgeDetail
                edge={selected}
                from={labelOf(nodesById.get(selected.source))}
                to={labelOf(nodesById.get(selected.target))}
                instruments={instruments}
              />
            )}
          </>
        )}
        {shown && shown.nodes.length > 0 && view === 'table' && (
          <NetworkTable network={shown} labelOf={labelOf} instruments={instruments} />
        )}
      </CardContent>
    </Card>
  )
}

const Swatch = ({
  color,
  shape = 'line',
}: {
  color: string
  shape?: 'line' | 'ellipse' | 'round-rectangle' | 'diamond' | string
}) => (
  <Box
    component="span"
    aria-hidden
    sx={{
      display: 'inline-block',
      mr: 1,
      flex: 'none',
      bgcolor: color,
      ...(shape === 'line'
        ? { width: 18, height: 4, borderRadius: 1 }
        : shape === 'ellipse'
          ? { width: 12, height: 12, borderRadius: '50%' }
          : shape === 'diamond'
            ? { width: 10, height: 10, transform: 'rotate(45deg)' }
            : { width: 14, height: 10, borderRadius: 0.5 }),
    }}
  />
)

/** What the shapes and colours mean: the kinds of node and the link types on the page. */
const Legend = ({ nodes, edges }: { nodes: NetworkNode[]; edges: NetworkEdge[] }) => {
  const translate = useTranslate()
  const nodeKinds = (Object.keys(NODE_KINDS) as NodeKind[]).filter((k) => nodes.some((n) => n.kind === k))
  const edgeKinds = EDGE_KINDS.filter((k) => edges.some((e) => e.kind === k))
  return (
    <Stack
      direction="row"
      useFlexGap
      spacing={1}
      sx={{ mb: 1, flexWrap: 'wrap' }}
      aria-label={translate('atlas.network.legend')}
    >
      {nodeKinds.map((k) => (
        <Chip
          key={k}
          size="small"
          variant="outlined"
          icon={<Swatch color={NODE_KINDS[k].color} shape={NODE_KINDS[k].shape} />}
          label={translate(`atlas.network.node_kinds.${k}`)}
        />
      ))}
      {edgeKinds.map((k) => (
        <Chip
          key={k}
          size="small"
          variant="outlined"
          icon={<Swatch color={EDGE_COLORS[k]} />}
          label={translate(`atlas.network.edge_kinds.${k}`)}
        />
      ))}
    </Stack>
  )
}

/**
 * The graph, drawn and laid out by Cytoscape.js (its force-directed `cose` layout, started from a
 * grid so the same data gives the same picture). A node opens its record; a link shows what is
 * behind it. `data-ready` is set once the layout has finished.
 */
const Graph = ({
  network,
  locale,
  onEdge,
}: {
  network: Network
  locale: string
  onEdge: (edge: NetworkEdge) => void
}) => {
  const container = useRef<HTMLDivElement>(null)
  const navigate = useNavigate()
  const translate = useTranslate()
  const [ready, setReady] = useState(false)
  // Callbacks through a ref: a new function each render must not redraw the graph.
  const handlers = useRef({ navigate, onEdge, translate })
  handlers.current = { navigate, onEdge, translate }

  useEffect(() => {
    if (!container.current) return
    setReady(false)
    const degree = new Map<string, number>()
    for (const e of network.edges) {
      degree.set(e.source, (degree.get(e.source) ?? 0) + 1)
      degree.set(e.target, (degree.get(e.target) ?? 0) + 1)
    }
    const cy = cytoscape({
      container: container.current,
      elements: [
        ...network.nodes.map((n) => ({
          group: 'nodes' as const,
          data: {
            id: n.id,
            entity_id: n.entity_id,
            kind: n.kind,
            label: locale === 'zh' ? n.label.zh : n.label.en,
            degree: degree.get(n.id) ?? 0,
          },
        })),
        ...network.edges.map((e, index) => ({
          group: 'edges' as const,
          data: {
            id: `edge-${index}`,
            index,
            source: e.source,
            target: e.target,
            kind: e.kind,
            color: EDGE_COLORS[e.kind],
            label: e.stance ? handlers.current.translate(`atlas.values.${e.stance}`) : '',
          },
        })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 11,
            'text-valign': 'bottom',
            'text-margin-y': 3,
            'text-wrap': 'ellipsis',
            'text-max-width': '140px',
            color: '#263238',
            'text-outline-color': '#ffffff',
            'text-outline-width': 2,
            width: 'mapData(degree, 0, 30, 14, 40)',
            height: 'mapData(degree, 0, 30, 14, 40)',
          },
        },
        ...(Object.entries(NODE_KINDS) as [NodeKind, (typeof NODE_KINDS)[NodeKind]][]).map(([kind, spec]) => ({
          selector: `node[kind = "${kind}"]`,
          style: { shape: spec.shape as cytoscape.Css.NodeShape, 'background-color': spec.color },
        })),
        {
          selector: 'edge',
          style: {
            width: 2,
            'line-color': 'data(color)',
            'target-arrow-color': 'data(color)',
            'target-arrow-shape': 'triangle',
            'arrow-scale': 0.8,
            'curve-style': 'bezier',
            opacity: 0.8,
            label: 'data(label)',
            'font-size': 10,
            color: '#b71c1c',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.8,
          },
        },
        { selector: 'edge[kind = "china_stance"]', style: { width: 3, 'line-style': 'dashed' } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#ffb300' } },
        { selector: 'edge:selected', style: { width: 4, opacity: 1 } },
      ],
      minZoom: 0.2,
      maxZoom: 4,
      boxSelectionEnabled: false,
    })
    cy.on('tap', 'node', (event) => {
      const node = event.target
      handlers.current.navigate(recordOf({ kind: node.data('kind'), entity_id: node.data('entity_id') }))
    })
    cy.on('tap', 'edge', (event) => handlers.current.onEdge(network.edges[event.target.data('index') as number]!))
    cy.on('mouseover', 'node, edge', () => {
      if (container.current) container.current.style.cursor = 'pointer'
    })
    cy.on('mouseout', 'node, edge', () => {
      if (container.current) container.current.style.cursor = ''
    })
    const layout = cy.layout({
      name: 'cose',
      animate: false,
      randomize: false,
      nodeDimensionsIncludeLabels: true,
      padding: 24,
      nodeRepulsion: () => 12000,
      idealEdgeLength: () => 70,
    } as cytoscape.LayoutOptions)
    // Fitted to the frame, but a few nodes are not blown up past 1.5×.
    const fit = () => {
      cy.fit(undefined, 24)
      if (cy.zoom() > 1.5) {
        cy.zoom(1.5)
        cy.center()
      }
    }
    layout.one('layoutstop', () => {
      fit()
      setReady(true)
    })
    layout.run()
    const resized = new ResizeObserver(() => {
      cy.resize()
      fit()
    })
    resized.observe(container.current)
    return () => {
      resized.disconnect()
      cy.destroy()
    }
  }, [network, locale])

  // The canvas is positioned inside its frame: its pixel width must not hold the page wide after a resize.
  return (
    <Box
      sx={{
        position: 'relative',
        height: 'max(380px, calc(100vh - 330px))',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: '#fafafa',
      }}
    >
      <Box
        ref={container}
        data-testid="network-graph"
        data-ready={ready}
        role="img"
        aria-label={translate('atlas.network.graph_label', {
          nodes: network.nodes.length,
          edges: network.edges.length,
        })}
        sx={{ position: 'absolute', inset: 0, overflow: 'hidden' }}
      />
    </Box>
  )
}

const InstrumentLinks = ({ ids, instruments }: { ids: string[]; instruments: Map<string, Instrument> }) => {
  const [locale] = useLocaleState()
  return (
    <Stack spacing={0.25}>
      {ids.map((id) => (
        <Link key={id} to={showPath('instruments', id)}>
          {instruments.has(id) ? nameOf('instruments', instruments.get(id), locale) : id}
        </Link>
      ))}
    </Stack>
  )
}

/** The link clicked in the graph: its type, its ends, and the instruments and sources behind it. */
const EdgeDetail = ({
  edge,
  from,
  to,
  instruments,
}: {
  edge: NetworkEdge
  from: string
  to: string
  instruments: Map<string, Instrument>
}) => {
  const translate = useTranslate()
  return (
    <Box sx={{ mt: 2 }} data-testid="network-edge-detail">
      <Typography variant="subtitle1">
        {translate(`atlas.network.edge_kinds.${edge.kind}`)}: {from} → {to}
        {edge.stance ? ` (${translate(`atlas.values.${edge.stance}`)})` : ''}
      </Typography>
      <Stack direction="row" spacing={4} sx={{ mt: 1 }}>
        <Box>
          <Typography variant="overline">{translate('atlas.network.instruments')}</Typography>
          <InstrumentLinks ids={edge.instrument_ids} instruments={instruments} />
        </Box>
        <Box>
          <Typography variant="overline">{translate('atlas.network.sources')}</Typography>
          <Stack spacing={0.25}>
            {edge.source_ids.map((id) => (
              <Link key={id} to={showPath('sources', id)}>
                {id}
              </Link>
            ))}
          </Stack>
        </Box>
      </Stack>
    </Box>
  )
}

/** The same network as tables: every link (with what is behind it), then every node. */
const NetworkTable = ({
  network,
  labelOf,
  instruments,
}: {
  network: Network
  labelOf: (node: NetworkNode | undefined) => string
  instruments: Map<string, Instrument>
}) => {
  const translate = useTranslate()
  const byId = new Map(network.nodes.map((n) => [n.id, n]))
  const end = (id: string) => {
    const node = byId.get(id)
    return node ? <Link to={recordOf(node)}>{labelOf(node)}</Link> : id
  }
  const links = new Map<string, number>()
  for (const e of network.edges) {
    links.set(e.source, (links.get(e.source) ?? 0) + 1)
    links.set(e.target, (links.get(e.target) ?? 0) + 1)
  }
  return (
    <>
      <Table size="small" aria-label={translate('atlas.network.edges_table')} data-testid="network-edges">
        <TableHead>
          <TableRow>
            <TableCell>{translate('atlas.network.from')}</TableCell>
            <TableCell>{translate('atlas.network.kind')}</TableCell>
            <TableCell>{translate('atlas.network.to')}</TableCell>
            <TableCell>{translate('atlas.network.stance')}</TableCell>
            <TableCell>{translate('atlas.network.instruments')}</TableCell>
            <TableCell>{translate('atlas.network.sources')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {network.edges.map((e) => (
            <TableRow
              key={`${e.kind} ${e.source} ${e.target}`}
              data-kind={e.kind}
              data-source={e.source}
              data-target={e.target}
              sx={{ verticalAlign: 'top' }}
            >
              <TableCell>{end(e.source)}</TableCell>
              <TableCell>
                <Swatch color={EDGE_COLORS[e.kind]} />
                {translate(`atlas.network.edge_kinds.${e.kind}`)}
              </TableCell>
              <TableCell>{end(e.target)}</TableCell>
              <TableCell>{e.stance ? translate(`atlas.values.${e.stance}`) : ''}</TableCell>
              <TableCell>
                <InstrumentLinks ids={e.instrument_ids} instruments={instruments} />
              </TableCell>
              <TableCell>{e.source_ids.length}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Table
        size="small"
        sx={{ mt: 3 }}
        aria-label={translate('atlas.network.nodes_table')}
        data-testid="network-nodes"
      >
        <TableHead>
          <TableRow>
            <TableCell>{translate('atlas.network.node')}</TableCell>
            <TableCell>{translate('atlas.network.node_kind')}</TableCell>
            <TableCell>{translate('atlas.network.links')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {network.nodes.map((n) => (
            <TableRow key={n.id} data-node={n.id}>
              <TableCell>{end(n.id)}</TableCell>
              <TableCell>{translate(`atlas.network.node_kinds.${n.kind}`)}</TableCell>
              <TableCell>{links.get(n.id) ?? 0}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  )
}

export default NetworkPage
