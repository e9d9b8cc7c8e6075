import { Admin, Resource } from 'react-admin'
import { COLLECTION_NAMES, type CollectionName } from '@chain-atlas/types/collections'
import { createAuthProvider } from './authProvider/index.ts'
import { createDataProvider } from './dataProvider/index.ts'
import { collectionList, collectionShow } from './resources/generic.tsx'
import { InstrumentEdit, collectionEdit } from './resources/generic-edit.tsx'

const dataProvider = createDataProvider()
const authProvider = createAuthProvider()

/** The bilingual text that names an entry of each collection. */
const PRIMARY_TEXT: Record<CollectionName, string> = {
  economies: 'name', sectors: 'name', sources: 'title', doctrines: 'name', instruments: 'title', 'china-strategies': 'title',
  alliances: 'name', 'sector-focuses': 'strategy', concepts: 'term', assessments: 'statement',
}

/**
 * The curators' editor: sign in and browse every collection with search. Bilingual forms,
 * workflow buttons, history and the comparison page come next (issue 6).
 */
export const App = () => (
  <Admin dataProvider={dataProvider} authProvider={authProvider} disableTelemetry title="Chain Atlas">
    {COLLECTION_NAMES.map((name) => (
      <Resource
        key={name}
        name={name}
        list={collectionList(PRIMARY_TEXT[name])}
        show={collectionShow(PRIMARY_TEXT[name])}
        edit={name === 'instruments' ? InstrumentEdit : collectionEdit(PRIMARY_TEXT[name], PRIMARY_TEXT[name])}
      />
    ))}
  </Admin>
)
