import { useEffect, useMemo, useState } from 'react'
import { ToggleButton, ToggleButtonGroup } from '@mui/material'
import { useLocation, useNavigate } from 'react-router-dom'
import { useDataProvider, useLocaleState, useTranslate } from 'react-admin'
import type { Economy } from '@chain-atlas/types'
import { nameOf } from '../collections.ts'
import { economyOrder, pickEconomies } from '../display/economyPicker.ts'

export { PAPER_ECONOMIES } from '../display/economyPicker.ts'

/** The published economies (for pickers and names). */
export const useEconomies = () => {
  const dataProvider = useDataProvider()
  const [economies, setEconomies] = useState<Economy[]>([])
  useEffect(() => {
    dataProvider
      .getList('economies', { pagination: { page: 1, perPage: 200 }, sort: { field: 'id', order: 'ASC' }, filter: {} })
      .then(({ data }) => setEconomies(data as Economy[]))
  }, [dataProvider])
  return economies
}

/** An economy's name in the UI language, by id (the id itself until the economies are loaded). */
export const useEconomyName = (economies: Economy[]) => {
  const [locale] = useLocaleState()
  return useMemo(() => {
    const byId = new Map(economies.map((e) => [e.id, e]))
    return (id: string) => (byId.has(id) ? nameOf('economies', byId.get(id), locale) : id)
  }, [economies, locale])
}

/**
 * The page's choices as query parameters of its URL (`#/network?economy=jp&kind=china_stance`):
 * a link or a reload shows the same view. Lists are comma-separated, as the API takes them. Setting
 * a parameter to `''`, `[]` or `undefined` removes it; to `null`, keeps it, empty (a choice of none).
 */
export const useUrlState = () => {
  const location = useLocation()
  const navigate = useNavigate()
  const params = new URLSearchParams(location.search)
  const get = (name: string) => params.get(name) ?? ''
  const getList = (name: string) => get(name).split(',').filter(Boolean)
  const set = (changes: Record<string, string | readonly string[] | null | undefined>) => {
    const next = new URLSearchParams(location.search)
    for (const [name, value] of Object.entries(changes)) {
      const text = Array.isArray(value) ? value.join(',') : ((value as string | null | undefined) ?? '')
      if (text || value === null) next.set(name, text)
      else next.delete(name)
    }
    // Commas stay readable in the address bar; every other character is encoded.
    const search = [...next].map(([k, v]) => `${k}=${v.split(',').map(encodeURIComponent).join(',')}`).join('&')
    navigate({ pathname: location.pathname, search: search ? `?${search}` : '' }, { replace: true })
  }
  return { has: (name: string) => params.has(name), get, getList, set }
}

export type View = 'picture' | 'table'

/** The picture or the same data as a table (for screen readers, keyboards and copying). */
export const ViewToggle = ({ view, onChange }: { view: View; onChange: (view: View) => void }) => {
  const translate = useTranslate()
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={view}
      aria-label={translate('atlas.pictures.view')}
      onChange={(_, value: View | null) => value && onChange(value)}
    >
      <ToggleButton value="picture">{translate('atlas.pictures.picture')}</ToggleButton>
      <ToggleButton value="table">{translate('atlas.pictures.table')}</ToggleButton>
    </ToggleButtonGroup>
  )
}

/** Where a node or an entry opens: its record page. */
export const showPath = (collection: string, id: string) => `/${collection}/${encodeURIComponent(id)}/show`

/**
 * A page's economy picker (MUI's Autocomplete of ids): the paper's economies first, then by name in
 * the UI language; typing matches names in both languages and ids from the start of words, best first.
 */
export const useEconomyOptions = (economies: Economy[]) => {
  const [locale] = useLocaleState()
  return useMemo(() => {
    const byId = new Map(economies.map((e) => [e.id, e]))
    return {
      options: [...economies].sort(economyOrder(locale)).map((e) => e.id),
      filterOptions: (ids: string[], { inputValue }: { inputValue: string }) =>
        pickEconomies(
          ids.flatMap((id) => byId.get(id) ?? []),
          inputValue,
          locale,
        ).map((e) => e.id),
    }
  }, [economies, locale])
}
