import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { COLLECTION_NAMES, referencesOf, validateInput, type CollectionName } from '@chain-atlas/types'
import { checkRules } from './dataset-rules.ts'

export const DEFAULT_DATASET_DIR = fileURLToPath(new URL('../../dataset', import.meta.url))

export type SeedRecord = Record<string, any> & { id: string }
export type SeedEntry = { file: string; record: SeedRecord }
export type Dataset = Record<CollectionName, SeedEntry[]>
export type DatasetProblem = { file: string; id: string; pointer: string; detail: string }

export class DatasetError extends Error {
  constructor(readonly problems: DatasetProblem[]) {
    super(`the seed dataset has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`)
    this.name = 'DatasetError'
  }
}

export const formatProblem = (p: DatasetProblem) => `${p.file}: ${p.id}${p.pointer}: ${p.detail}`

const jsonFiles = async (dir: string): Promise<string[]> => {
  const names = await readdir(dir).catch(() => [] as string[])
  return names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => join(dir, n))
}

/** Reads every `<collection>/*.json` under `dir`; a file that is not a JSON array is a problem. */
export const readDataset = async (
  dir = DEFAULT_DATASET_DIR,
): Promise<{ dataset: Dataset; problems: DatasetProblem[] }> => {
  const dataset = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, []])) as unknown as Dataset
  const problems: DatasetProblem[] = []
  for (const collection of COLLECTION_NAMES) {
    for (const path of await jsonFiles(join(dir, collection))) {
      const file = relative(dir, path)
      let parsed: unknown
      try {
        parsed = JSON.parse(await readFile(path, 'utf8'))
      } catch (error) {
        problems.push({ file, id: '(file)', pointer: '', detail: `is not valid JSON: ${(error as Error).message}` })
        continue
      }
      if (!Array.isArray(parsed)) {
        problems.push({ file, id: '(file)', pointer: '', detail: 'must hold a JSON array of entries' })
        continue
      }
      parsed.forEach((record, i) => {
        const id = typeof record?.id === 'string' ? record.id : `(entry ${i})`
        dataset[collection].push({ file, record: { ...record, id } })
      })
    }
  }
  return { dataset, problems }
}

/** Validates every entry against its schema, and the dataset as a whole: unique ids, references, titles. */
export const checkDataset = (dataset: Dataset): DatasetProblem[] => {
  const problems: DatasetProblem[] = []
  const ids = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, new Set<string>()])) as Record<
    CollectionName,
    Set<string>
  >
  for (const collection of COLLECTION_NAMES) {
    for (const { file, record } of dataset[collection]) {
      for (const error of validateInput(collection, record)) problems.push({ file, id: record.id, ...error })
      if (ids[collection].has(record.id))
        problems.push({ file, id: record.id, pointer: '/id', detail: `duplicate id in ${collection}` })
      ids[collection].add(record.id)
    }
  }
  for (const collection of COLLECTION_NAMES) {
    for (const { file, record } of dataset[collection]) {
      for (const use of referencesOf(collection, record)) {
        if (!ids[use.collection].has(use.id)) {
          problems.push({
            file,
            id: record.id,
            pointer: use.pointer,
            detail: `refers to ${use.collection}/${use.id}, which does not exist`,
          })
        }
      }
    }
  }
  problems.push(...duplicateTitles(dataset), ...checkRules(dataset))
  return problems
}

/** Two instruments of one economy with the same title in either language are a slip. */
const duplicateTitles = (dataset: Dataset): DatasetProblem[] => {
  const problems: DatasetProblem[] = []
  const seen = new Map<string, string>()
  for (const { file, record } of dataset.instruments) {
    for (const lang of ['en', 'zh'] as const) {
      const title = record.title?.[lang]?.trim().toLowerCase()
      if (!title) continue
      const key = `${record.economy_id}|${lang}|${title}`
      const other = seen.get(key)
      if (other && other !== record.id) {
        problems.push({
          file,
          id: record.id,
          pointer: `/title/${lang}`,
          detail: `same title as ${other} within economy ${record.economy_id}`,
        })
      }
      seen.set(key, record.id)
    }
  }
  return problems
}

/** Reads and checks the dataset; throws a DatasetError naming file, id and field on any problem. */
export const loadValidDataset = async (dir = DEFAULT_DATASET_DIR): Promise<Dataset> => {
  const { dataset, problems } = await readDataset(dir)
  problems.push(...checkDataset(dataset))
  if (problems.length > 0) throw new DatasetError(problems)
  return dataset
}
