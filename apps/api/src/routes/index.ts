import type { RouteApp } from './route-app.ts'
import { COLLECTION_NAMES } from '@chain-atlas/types'
import livenessRoute from './health/liveness.ts'
import readinessRoute from './health/readiness.ts'
import { registerList } from './entities/list.ts'
import { registerFacets } from './entities/facets.ts'
import { registerGet } from './entities/get.ts'
import { registerCreate } from './entities/create.ts'
import { registerReplace } from './entities/replace.ts'
import { registerUpdate } from './entities/update.ts'
import { registerTransitions } from './entities/transitions.ts'
import { registerDraft } from './entities/draft.ts'
import type { WorkflowSettings } from './entities/shared.ts'
import type { Config } from '../config.ts'
import { registerRevert } from './entities/revert.ts'
import { registerRevisions } from './entities/revisions.ts'
import { registerDiff } from './entities/diff.ts'
import { registerUsedBy } from './entities/used-by.ts'
import exportDatasetRoute from './export/dataset.ts'
import datasetReleaseRoute from './dataset/release.ts'
import codebookRoute from './dataset/codebook.ts'
import exportInstrumentsRoute from './export/instruments.ts'
import compareRoute from './views/compare.ts'
import networkRoute from './views/network.ts'
import timelineRoute from './views/timeline.ts'
import statsRoute from './views/stats.ts'
import loginRoute from './auth/login.ts'
import logoutRoute from './auth/logout.ts'
import sessionRoute from './auth/session.ts'
import userRoutes from './admin/users.ts'
import apiKeyRoutes from './admin/api-keys.ts'
import auditLogRoute from './admin/audit-log.ts'
import webhookRoutes from './admin/webhooks.ts'
import changesRoute from './changes/list.ts'
import reviewQueueRoute from './review/queue.ts'
import searchRoute from './search/search.ts'

/** Per collection, in this order: list, facets, get, used-by. */
const entityReads = async (app: RouteApp) => {
  for (const collection of COLLECTION_NAMES) {
    registerList(app, collection)
    registerFacets(app, collection)
    registerGet(app, collection)
    registerUsedBy(app, collection)
  }
}

/** Per collection, in this order: create, replace, update, the transitions, the working copy, revert, revisions, diff. */
const entityWrites = async (app: RouteApp, { settings }: { settings: WorkflowSettings }) => {
  for (const collection of COLLECTION_NAMES) {
    registerCreate(app, collection)
    registerReplace(app, collection)
    registerUpdate(app, collection)
    registerTransitions(app, collection, settings)
    registerDraft(app, collection)
    registerRevert(app, collection)
    registerRevisions(app, collection)
    registerDiff(app, collection)
  }
}

/**
 * Every route of the API, one operation family per file (README.md here maps each operationId to
 * its file). The order is the contract's: openapi/openapi.json lists paths as they were first
 * registered, so registering in another order (say, each entry family for all collections in turn)
 * reorders the document.
 */
export default async function routes(
  app: RouteApp,
  { config }: { config: Pick<Config, 'reviewFourEyes' | 'webhooks'> },
) {
  await app.register(livenessRoute)
  await app.register(readinessRoute)
  await app.register(entityReads)
  await app.register(searchRoute)
  await app.register(datasetReleaseRoute)
  await app.register(codebookRoute)
  await app.register(exportDatasetRoute)
  await app.register(exportInstrumentsRoute)
  await app.register(compareRoute)
  await app.register(networkRoute)
  await app.register(timelineRoute)
  await app.register(statsRoute)
  await app.register(loginRoute)
  await app.register(logoutRoute)
  await app.register(sessionRoute)
  await app.register(userRoutes)
  await app.register(apiKeyRoutes)
  await app.register(auditLogRoute)
  await app.register(webhookRoutes, { settings: config.webhooks })
  await app.register(entityWrites, { settings: { reviewFourEyes: config.reviewFourEyes } })
  await app.register(reviewQueueRoute)
  await app.register(changesRoute)
}
