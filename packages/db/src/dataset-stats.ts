import type { SeedRecord } from './dataset.ts'

/** Instrument kinds that are legal acts: what `data:stats` counts as laws. */
export const LAW_KINDS = new Set(['law', 'regulation', 'directive'])

/**
 * Legal acts per economy, each act once: an entry whose parent is itself a legal act is a part of
 * that act (one cell of the paper's tables) and folds into it, however many cells the act fills.
 */
export const lawsByParent = (instruments: SeedRecord[]) => {
  const byId = new Map(instruments.map((r) => [r.id, r]))
  const actOf = (r: SeedRecord): SeedRecord => {
    const parent = r.parent_id ? byId.get(r.parent_id) : undefined
    return parent && LAW_KINDS.has(parent.kind) ? actOf(parent) : r
  }
  const acts = new Map<string, SeedRecord>()
  let parts = 0
  for (const r of instruments.filter((r) => LAW_KINDS.has(r.kind))) {
    const act = actOf(r)
    if (act !== r) parts++
    acts.set(act.id, act)
  }
  const byEconomy = new Map<string, number>()
  for (const act of acts.values()) byEconomy.set(act.economy_id, (byEconomy.get(act.economy_id) ?? 0) + 1)
  return { total: acts.size, parts, byEconomy: [...byEconomy].sort(([a], [b]) => a.localeCompare(b)) }
}
