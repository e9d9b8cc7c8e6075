import { Admin, EditGuesser, ListGuesser, Resource, ShowGuesser } from 'react-admin'
import { COLLECTION_NAMES } from '@chain-atlas/types/collections'
import { createAuthProvider } from './authProvider/index.ts'
import { createDataProvider } from './dataProvider/index.ts'

const dataProvider = createDataProvider()
const authProvider = createAuthProvider()

/**
 * The curators' editor: sign in, browse and edit every collection. Bilingual forms, workflow
 * buttons, history and the comparison page come next (issue 6).
 */
export const App = () => (
  <Admin dataProvider={dataProvider} authProvider={authProvider} disableTelemetry title="Chain Atlas">
    {COLLECTION_NAMES.map((name) => (
      <Resource key={name} name={name} list={ListGuesser} show={ShowGuesser} edit={EditGuesser} />
    ))}
  </Admin>
)
