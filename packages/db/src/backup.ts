import { COLLECTION_NAMES, LOAD_ORDER, STATUSES, type CollectionName, type Status } from '@chain-atlas/types'
import type { Database } from './client.ts'
import { DatasetError, checkDataset, type Dataset, type DatasetProblem } from './dataset.ts'
import { inWriteTransaction, recordRevisions } from './curation.ts'
import { toEntity, toRow, type Entity } from './entities.ts'
import { exportEntities } from './repository.ts'
import { tables, workingCopies } from './schema/index.ts'
import { isEmpty } from './seed.ts'

/** The backup format is the export's: one key per collection, each an array of full entities. */
export type Backup = Record<CollectionName, Entity[]>

/**
 * The published dataset, exactly as `/v1/export` serves it; with `all`, drafts, entries in review and
 * archived ones too. Working copies of published entries are not in it: publish them first.
 */
export const exportBackup = (db: Database, all = false): Promise<Backup> =>
  exportEntities(db, all ? [...STATUSES] : ['published']) as Promise<Backup>

const SERVER_KEYS = ['version', 'created_at', 'updated_at']

/** What the dataset checker reads: the entity without the server's bookkeeping, its file named by collection. */
const asDataset = (backup: Backup): Dataset =>
  Object.fromEntries(
    COLLECTION_NAMES.map((collection) => [
      collection,
      (backup[collection] ?? []).map((entity) => ({
        file: `backup:${collection}`,
        record: Object.fromEntries(Object.entries(entity).filter(([key]) => !SERVER_KEYS.includes(key))) as Entity,
      })),
    ]),
  ) as unknown as Dataset

/** Parents before their projects, so each batch's references are already there. */
const parentsFirst = (entities: Entity[]) => [...entities].sort((a, b) => Number(!!a.parent_id) - Number(!!b.parent_id))

/**
 * Restores a backup into an empty database, keeping every entry's version, state and times, so a
 * new export equals the one the backup was made from. It is checked whole first (schemas,
 * references, sources) and written in one transaction: all of it, or on any error nothing.
 */
export const importBackup = async (db: Database, backup: Backup): Promise<{ imported: number }> => {
  const unknown = Object.keys(backup).filter((key) => !(COLLECTION_NAMES as readonly string[]).includes(key))
  const problems: DatasetProblem[] = unknown.map((key) => ({
    file: 'backup',
    id: key,
    pointer: '',
    detail: 'is not a collection',
  }))
  problems.push(...checkDataset(asDataset(backup)))
  if (problems.length) throw new DatasetError(problems)
  let imported = 0
  await inWriteTransaction(db, async (tx) => {
    if (!(await isEmpty(tx as unknown as Database)))
      throw new Error('the database already holds entries: import into an empty one')
    for (const collection of LOAD_ORDER) {
      const entities = parentsFirst(backup[collection] ?? [])
      for (let i = 0; i < entities.length; i += 500) {
        const rows = entities.slice(i, i + 500).map((entity) => ({
          ...toRow(collection, entity),
          status: entity.status as Status,
          version: entity.version,
          created_at: new Date(entity.created_at as string),
          updated_at: new Date(entity.updated_at as string),
        }))
        const inserted = (await tx
          .insert(tables[collection] as any)
          .values(rows)
          .returning()) as Record<string, unknown>[]
        await recordRevisions(
          tx,
          collection,
          'create',
          'import',
          inserted.map((row) => [null, toEntity(collection, row)]),
        )
        // Drafts and entries in review are in the workflow: the review queue lists them.
        const inWorkflow = inserted.filter((row) => row.status === 'draft' || row.status === 'in_review')
        if (inWorkflow.length)
          await tx.insert(workingCopies).values(
            inWorkflow.map((row) => ({
              collection,
              entity_id: row.id as string,
              state: row.status as string,
              author: 'import',
            })),
          )
        imported += inserted.length
      }
    }
  })
  return { imported }
}
