import { Route } from 'react-router-dom'
import { Admin, CustomRoutes, Resource } from 'react-admin'
import { roleAtLeast } from '@chain-atlas/types'
import { COLLECTION_NAMES } from './collections.ts'
import { createAuthProvider } from './authProvider/index.ts'
import { createDataProvider } from './dataProvider/index.ts'
import { i18nProvider } from './i18n/index.ts'
import { Layout } from './Layout.tsx'
import { LoginPage } from './LoginPage.tsx'
import { theme } from './theme.ts'
import { EntityCreate, EntityEdit } from './forms/EntityForm.tsx'
import { EntityList } from './resources/EntityList.tsx'
import { EntityShow } from './resources/EntityShow.tsx'
import { ComparePage } from './pages/ComparePage.tsx'
import { NetworkRoute, TimelineRoute } from './pages/lazy.tsx'
import { AuditLogPage } from './pages/AuditLogPage.tsx'
import { NotFound } from './pages/NotFound.tsx'
import { Dashboard } from './review/Dashboard.tsx'
import { ReviewQueue } from './review/ReviewQueue.tsx'
import { UserCreate, UserEdit, UserList } from './accounts/Users.tsx'
import { ApiKeyCreate, ApiKeyList } from './accounts/ApiKeys.tsx'
import { WebhookCreate, WebhookEdit, WebhookList } from './accounts/Webhooks.tsx'

const dataProvider = createDataProvider()
const authProvider = createAuthProvider()

/**
 * The curators' editor: a home page of what needs attention and the review queue, every collection
 * with the read API's filters, forms built from the shared schemas, history with diffs and revert,
 * the comparison matrix, the network and timeline pictures, and (for admins) users, API keys,
 * webhooks and the audit log; in English or Chinese.
 */
export const App = () => (
  <Admin
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    loginPage={LoginPage}
    theme={theme}
    dashboard={Dashboard}
    catchAll={NotFound}
    disableTelemetry
    title="Chain Atlas"
  >
    {(permissions: string) => [
      ...COLLECTION_NAMES.map((name) => (
        <Resource
          key={name}
          name={name}
          list={<EntityList collection={name} />}
          show={EntityShow}
          edit={roleAtLeast(permissions, 'curator') ? EntityEdit : undefined}
          create={roleAtLeast(permissions, 'curator') ? EntityCreate : undefined}
        />
      )),
      ...(permissions === 'admin'
        ? [
            <Resource key="users" name="users" list={UserList} create={UserCreate} edit={UserEdit} />,
            <Resource key="api-keys" name="api-keys" list={ApiKeyList} create={ApiKeyCreate} />,
            <Resource key="webhooks" name="webhooks" list={WebhookList} create={WebhookCreate} edit={WebhookEdit} />,
          ]
        : []),
      <CustomRoutes key="pages">
        <Route path="/compare" element={<ComparePage />} />
        <Route path="/network" element={<NetworkRoute />} />
        <Route path="/timeline" element={<TimelineRoute />} />
        {permissions === 'admin' && <Route path="/audit-log" element={<AuditLogPage />} />}
        <Route path="/review-queue" element={<ReviewQueue />} />
      </CustomRoutes>,
    ]}
  </Admin>
)
