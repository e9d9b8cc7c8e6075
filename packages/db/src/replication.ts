import { sql } from 'drizzle-orm'
import { rowsOf, type Database } from './client.ts'

/** A WAL position (`16/B374D848`) as a number that compares: the high and low 32 bits, in hex. */
export const parseLsn = (text: string): bigint => {
  const [high, low] = text.split('/')
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`)
}

/** The primary's current WAL position: every transaction committed before this call is at or below it. */
export const currentWalPosition = async (db: Database): Promise<bigint> => {
  const result = await db.execute(sql`select pg_current_wal_lsn()::text as lsn`)
  return parseLsn(rowsOf<{ lsn: string }>(result)[0]!.lsn)
}

/**
 * How far a standby has replayed its primary's WAL: what it answers includes every transaction
 * committed at or below this position. `undefined` when the server is no standby (or has replayed nothing).
 */
export const replayedWalPosition = async (db: Database): Promise<bigint | undefined> => {
  const result = await db.execute(sql`select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn`)
  const row = rowsOf<{ standby: boolean; lsn: string | null }>(result)[0]
  return row?.standby && row.lsn ? parseLsn(row.lsn) : undefined
}
