import { eq, inArray, sql } from 'drizzle-orm'
import { LOAD_ORDER, type CollectionName } from '@chain-atlas/types'
import type { Database } from './client.ts'
import { loadValidDataset, type Dataset, type SeedRecord } from './dataset.ts'
import { inWriteTransaction, recordRevisions } from './curation.ts'
import { contentOf, toEntity, toRow } from './entities.ts'
import { tables } from './schema/index.ts'

export type SeedMode = 'insert-missing' | 'update'
export type SeedReport = { inserted: number; updated: number; unchanged: number }

const seedCollection = async (
  tx: Database,
  collection: CollectionName,
  records: SeedRecord[],
  mode: SeedMode,
  report: SeedReport,
) => {
  const table = tables[collection] as any
  const existing = new Map<string, Record<string, unknown>>()
  if (records.length > 0) {
    const rows = await tx
      .select()
      .from(table)
      .where(
        inArray(
          table.id,
          records.map((r) => r.id),
        ),
      )
    for (const row of rows as Record<string, unknown>[]) existing.set(row.id as string, row)
  }
  const inserts: Record<string, unknown>[] = []
  for (const record of records) {
    const stored = existing.get(record.id)
    const row = toRow(collection, record)
    if (!stored) {
      inserts.push(row)
    } else if (mode === 'update' && contentOf(collection, stored) !== contentOf(collection, row)) {
      const [updated] = (await tx
        .update(table)
        .set({ ...row, version: sql`${table.version} + 1`, updated_at: sql`now()` })
        .where(eq(table.id, record.id))
        .returning()) as Record<string, unknown>[]
      await recordRevisions(tx, collection, 'update', 'seed', [
        [toEntity(collection, stored), toEntity(collection, updated!)],
      ])
      report.updated++
    } else {
      report.unchanged++
    }
  }
  // One statement per batch: foreign keys (an instrument's parent) are checked at its end, in any order.
  for (let i = 0; i < inserts.length; i += 500) {
    const inserted = (await tx
      .insert(table)
      .values(inserts.slice(i, i + 500))
      .returning()) as Record<string, unknown>[]
    await recordRevisions(
      tx,
      collection,
      'create',
      'seed',
      inserted.map((row) => [null, toEntity(collection, row)]),
    )
    report.inserted += inserted.length
  }
}

/**
 * Loads the dataset in one transaction: all of it or, on any error, nothing. By default only
 * entries missing from the database are inserted, so curators' edits survive a re-seed; `update`
 * also overwrites entries whose content differs from the files (their version goes up by one).
 */
export const seedDatabase = async (
  db: Database,
  dataset: Dataset,
  mode: SeedMode = 'insert-missing',
): Promise<SeedReport> => {
  const report: SeedReport = { inserted: 0, updated: 0, unchanged: 0 }
  await inWriteTransaction(db, async (tx) => {
    for (const collection of LOAD_ORDER) {
      await seedCollection(
        tx as unknown as Database,
        collection,
        dataset[collection].map((e) => e.record),
        mode,
        report,
      )
    }
  })
  return report
}

/** Validates the dataset files, then loads them; a broken file throws before anything is written. */
export const seedFromFiles = async (db: Database, dir?: string, mode?: SeedMode): Promise<SeedReport> =>
  seedDatabase(db, await loadValidDataset(dir), mode)

/** True when no collection holds a single entry: a database that has never been seeded. */
export const isEmpty = async (db: Database): Promise<boolean> => {
  for (const collection of LOAD_ORDER) {
    const [row] = await db
      .select({ id: (tables[collection] as any).id })
      .from(tables[collection] as any)
      .limit(1)
    if (row) return false
  }
  return true
}
