import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import {
  currentWalPosition,
  openDatabase,
  replayedWalPosition,
  type Database,
  type DatabaseHandle,
} from '@chain-atlas/db'
import { ApiError } from '@chain-atlas/types'
import type { Config } from '../../config.ts'

/** How often the primary's WAL position and each replica's replay position are read. */
const CHECK_EVERY_MS = 500
const CHECK_TIMEOUT_MS = 1000

type Replica = {
  /** `host:port/database`, for logs (never the URL: it may hold a password). */
  name: string
  handle: DatabaseHandle
  /** Replayed WAL as of the last check: every answer read from it now includes this much. */
  replayed: bigint
  inRotation: boolean
}

/** Which database a request's reads went to: the primary, or a replica with what it had replayed. */
type ReadChoice = { replica?: Replica; replayed?: bigint }

declare module 'fastify' {
  interface FastifyInstance {
    replicas: {
      /** The database a public read of this request runs on (chosen once per request). */
      reader(request: FastifyRequest): Database
      /** Where credentials are verified: the primary, or a replica while the primary is away. */
      verifier(): { database: DatabaseHandle; readOnly: boolean }
      /** Whether this request's answer, read where it was, includes every change announced so far. */
      answerIsCurrent(request: FastifyRequest): boolean
      /** A change to published data was announced: answers from replicas that have not replayed it are not current. */
      changeAnnounced(): void
      /** A query on a replica failed (past the route's own retry on the primary, say mid-stream): takes it out of the rotation. */
      blame(request: FastifyRequest, error: unknown): boolean
      /** Reads go on from replicas while the primary is away. */
      readOnly(): boolean
      status(): { configured: number; in_rotation: number } | undefined
    }
  }
}

const choiceOf = Symbol('read choice')

const withTimeout = <T>(promise: Promise<T>): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('replication check timed out')), CHECK_TIMEOUT_MS).unref(),
    ),
  ])

const nameOf = (url: string) => {
  const u = new URL(url)
  return `${u.host}${u.pathname}`
}

/**
 * The primary's WAL positions over the last moments, to tell how far behind a replica is in time:
 * a replica lags by how long ago the primary first had WAL the replica has not replayed yet.
 */
const createLagClock = (keepMs: number) => {
  const samples: { at: number; position: bigint }[] = []
  return {
    record(position: bigint, at = Date.now()) {
      samples.push({ at, position })
      while (samples.length > 1 && samples[0]!.at < at - keepMs) samples.shift()
    },
    lagOf(replayed: bigint, now = Date.now()) {
      const behind = samples.find((s) => s.position > replayed)
      return behind ? now - behind.at : 0
    },
  }
}

/**
 * Read replicas (DATABASE_REPLICA_URLS): PostgreSQL standbys that answer anonymous public reads.
 *
 * - Writes, transactions, sign-ins and signed-in readers (who may read drafts, and must read what
 *   they just wrote, whichever API process answers) use the primary.
 * - Twice a second the primary's WAL position and each replica's replay position are read; a
 *   replica that does not answer, or lags more than REPLICA_MAX_LAG_MS, leaves the rotation and
 *   comes back once it answers and has caught up.
 * - The read cache hears of changes from the primary (NOTIFY is not replayed on standbys); each
 *   announcement raises a barrier to the primary's WAL position after it. A replica serves a read
 *   only once it has replayed past the barrier, else the primary does, so an answer the cache
 *   stores never predates a change it was invalidated by.
 * - While the primary is away (the breaker is open), reads go on from the replicas in rotation and
 *   the API is read-only: writes and sign-ins answer 503 `read-only`.
 */
const replicas = async (app: FastifyInstance, { config }: { config: Config }) => {
  const primary = () => app.database.db
  if (!config.databaseReplicaUrls.length) {
    app.decorate('replicas', {
      reader: primary,
      verifier: () => ({ database: app.database, readOnly: false }),
      answerIsCurrent: () => true,
      changeAnnounced: () => {},
      blame: () => false,
      readOnly: () => false,
      status: () => undefined,
    })
    return
  }

  const replicaList: Replica[] = await Promise.all(
    config.databaseReplicaUrls.map(async (url) => ({
      name: nameOf(url),
      handle: await openDatabase({ databaseUrl: url }),
      replayed: 0n,
      inRotation: false,
    })),
  )
  const clock = createLagClock(config.replicaMaxLagMs * 2)
  // Every change announced so far is at or below `barrier` once `settled` has caught up with `announced`.
  let barrier = 0n
  let announced = 0
  let settled = 0
  let next = 0

  const primaryAway = () => app.databaseBreaker.isOpen()
  const inRotation = () => replicaList.filter((r) => r.inRotation)
  const roundRobin = <T>(list: T[]): T => list[next++ % list.length]!
  const replayedEverything = (replayed: bigint) => settled === announced && replayed >= barrier
  const current = (replica: Replica) => replayedEverything(replica.replayed)

  /** Anonymous public reads: a replica that has replayed every announced change, else the primary; any replica while it is away. */
  const choose = (request: FastifyRequest): ReadChoice => {
    const candidates = inRotation()
    if (primaryAway()) return candidates.length ? pick(roundRobin(candidates)) : {}
    if (request.actor) return {}
    const currentOnes = candidates.filter(current)
    return currentOnes.length ? pick(roundRobin(currentOnes)) : {}
  }
  const pick = (replica: Replica): ReadChoice => ({ replica, replayed: replica.replayed })

  const reader = (request: FastifyRequest): Database => {
    const known = (request as any)[choiceOf] as ReadChoice | undefined
    const choice = known ?? choose(request)
    ;(request as any)[choiceOf] = choice
    return choice.replica?.handle.db ?? primary()
  }

  /**
   * Reads the primary's WAL position, which is past every change announced before the read began;
   * on failure the barrier stays unsettled (reads go to the primary) until the next check.
   */
  const checkPrimary = async () => {
    const covers = announced
    try {
      const position = await withTimeout(currentWalPosition(primary()))
      clock.record(position)
      if (covers > settled) {
        if (position > barrier) barrier = position
        settled = covers
      }
    } catch (error) {
      if (app.database.isUnavailable(error)) app.databaseBreaker.trip()
    }
  }

  const checkReplica = async (replica: Replica) => {
    let replayed: bigint | undefined
    try {
      replayed = await withTimeout(replayedWalPosition(replica.handle.db))
    } catch {
      replayed = undefined
    }
    // While the primary is away nothing newer exists to lag behind: a replica that answers serves.
    const lagMs = replayed === undefined ? Number.POSITIVE_INFINITY : primaryAway() ? 0 : clock.lagOf(replayed)
    const fit = lagMs <= config.replicaMaxLagMs
    if (fit !== replica.inRotation)
      app.log[fit ? 'info' : 'warn'](
        { replica: replica.name, lag_ms: Number.isFinite(lagMs) ? lagMs : null },
        fit ? 'replica back in rotation' : 'replica out of rotation',
      )
    Object.assign(replica, { replayed: replayed ?? replica.replayed, inRotation: fit })
  }

  const check = async () => {
    // The primary first: a replica's lag is measured against what the primary had.
    await checkPrimary()
    await Promise.all(replicaList.map(checkReplica))
  }
  let checking: Promise<void> | undefined
  const timer = setInterval(() => {
    checking ??= check().finally(() => {
      checking = undefined
    })
  }, CHECK_EVERY_MS)
  timer.unref()
  await check() // in rotation from the first request on, when they are fit

  /** A query on the request's replica failed for want of the server: it leaves the rotation. */
  const blame = (request: FastifyRequest, error: unknown) => {
    const replica = ((request as any)[choiceOf] as ReadChoice | undefined)?.replica
    if (!replica?.handle.isUnavailable(error)) return false
    if (replica.inRotation) app.log.warn({ replica: replica.name }, 'replica out of rotation: a read on it failed')
    replica.inRotation = false
    return true
  }

  // A read that failed because its replica went away runs again on the primary: the reader sees no error.
  app.addHook('onRoute', (route) => {
    if (![route.method].flat().includes('GET')) return
    const handler = route.handler
    route.handler = async function (this: FastifyInstance, request, reply) {
      try {
        return await handler.call(this, request, reply)
      } catch (error) {
        if (!blame(request, error)) throw error
        ;(request as any)[choiceOf] = {} satisfies ReadChoice
        return handler.call(this, request, reply)
      }
    }
  })

  app.decorate('replicas', {
    reader,
    verifier: () => {
      const available = primaryAway() ? inRotation() : []
      if (!available.length) return { database: app.database, readOnly: false }
      return { database: roundRobin(available).handle, readOnly: true }
    },
    answerIsCurrent: (request: FastifyRequest) => {
      const choice = (request as any)[choiceOf] as ReadChoice | undefined
      return !choice?.replica || replayedEverything(choice.replayed!)
    },
    changeAnnounced: () => {
      announced++
      void checkPrimary()
    },
    blame,
    readOnly: () => primaryAway() && inRotation().length > 0,
    status: () => ({ configured: replicaList.length, in_rotation: inRotation().length }),
  })
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await checking
    await Promise.all(replicaList.map((r) => r.handle.close()))
  })
}

/** Refuses what needs the primary while it is away, saying so. */
export const readOnlyProblem = () =>
  new ApiError('read-only', 'The primary database is unavailable: reads go on, writes and sign-ins wait for it.')

export default fp(replicas, { name: 'replicas', dependencies: ['database', 'database-breaker'] })
