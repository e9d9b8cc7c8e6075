import { useMemo, useState } from 'react'
import { AutocompleteArrayInput, AutocompleteInput, useGetList, useLocaleState } from 'react-admin'
import type { Economy } from '@chain-atlas/types'
import { nameOf } from '../collections.ts'
import { useWatch } from 'react-hook-form'
import { economyOrder, matchRank, pickEconomies } from '../display/economyPicker.ts'

const ALL = { pagination: { page: 1, perPage: 200 }, sort: { field: 'id', order: 'ASC' as const } }

/** Every economy (a few dozen), loaded once per page and shared by whatever shows or picks them. */
export const useEconomies = (filter: Record<string, unknown> = {}) =>
  useGetList<Economy>('economies', { ...ALL, filter }).data ?? []

/**
 * Every economy a picker may offer (there are a few dozen: they load at once and are matched here,
 * in both languages, rather than by the API's full-text search), with what was typed and the
 * choices to show for it: the matches best first, then the others (still there so that a value
 * already picked keeps its name).
 */
export const useEconomyChoices = (filter: Record<string, unknown> = {}) => {
  const [locale] = useLocaleState()
  const data = useEconomies(filter)
  const [typed, setTyped] = useState('')
  const choices = useMemo(() => {
    const matches = pickEconomies(data, typed, locale)
    const rest = data.filter((e) => !matches.includes(e)).sort(economyOrder(locale))
    return [...matches, ...rest]
  }, [data, typed, locale])
  const label = (economy?: Record<string, unknown>) =>
    economy ? `${nameOf('economies', economy, locale)} · ${economy.id}` : ''
  return { economies: data, choices, typed, setTyped, label }
}

/**
 * An economy (or several) picked by name in either language or by id: the paper's economies first
 * (US, Japan, EU, China), then by name; typing matches from the start of words, best first.
 */
export const EconomyInput = ({
  source,
  label,
  multiple,
  filter,
  ...rest
}: {
  source: string
  label: string
  multiple: boolean
  filter?: Record<string, unknown>
  alwaysOn?: boolean
  fullWidth?: boolean
  sx?: Record<string, unknown>
}) => {
  const [locale] = useLocaleState()
  const picker = useEconomyChoices(filter)
  // What is picked stays among the choices (it keeps its name in the input) even when what is typed does not match it.
  const value = useWatch({ name: source }) as string | string[] | null | undefined
  const picked = new Set([value ?? []].flat())
  const choices = picker.typed
    ? [
        ...pickEconomies(picker.economies, picker.typed, locale),
        ...picker.economies.filter((e) => picked.has(e.id) && matchRank(e, picker.typed) === null),
      ]
    : picker.choices
  // An input showing a choice's own label (a value picked, reopened) offers them all.
  const matches = (typed: string, economy: Economy) =>
    picker.economies.some((e) => picker.label(e) === typed) || matchRank(economy, typed) !== null
  const props = {
    source,
    label,
    choices,
    optionText: picker.label,
    translateChoice: false,
    // What was typed orders the choices; `matchSuggestion` keeps the matches only.
    setFilter: picker.setTyped,
    matchSuggestion: matches,
    debounce: 0,
    ...rest,
  }
  return multiple ? <AutocompleteArrayInput {...props} /> : <AutocompleteInput {...props} />
}
