import { Admin, ListGuesser, Resource, ShowGuesser } from 'react-admin'
import { COLLECTION_NAMES } from '@chain-atlas/types/collections'
import { createDataProvider } from './dataProvider/index.ts'

const dataProvider = createDataProvider()

/** The curators' editor. For now it browses every collection of the public API. */
export const App = () => (
  <Admin dataProvider={dataProvider} disableTelemetry title="Chain Atlas">
    {COLLECTION_NAMES.map((name) => (
      <Resource key={name} name={name} list={ListGuesser} show={ShowGuesser} />
    ))}
  </Admin>
)
