import type { RouteApp } from '../route-app.ts'
import { Type } from 'typebox'
import { COLLECTION_NAMES, Nullable, Release } from '@chain-atlas/types'
import { countCollection, getEntity, release } from '@chain-atlas/db'
import { NoQuery, ok, readErrors } from '../../responses.ts'
import { dependsOnEverything } from '../../plugins/application/read-cache.ts'
import { datasetCitation, paperCitation, type PaperRecord } from './citation.ts'

const Bilingual = Type.Object({ en: Type.String(), zh: Type.String() }, { additionalProperties: false })
const NullableString = Nullable(Type.String())

/** The paper the dataset comes from, as its source record has it, with ready references. */
const PaperCitation = Type.Object(
  {
    source_id: Type.String({ description: 'Its record in `/v1/sources`.' }),
    title: Bilingual,
    authors: Type.Array(Type.String(), { description: 'As printed.' }),
    authors_latin: Type.Array(Type.String(), { description: 'In Latin script, family name first.' }),
    container: NullableString,
    year: NullableString,
    issue: Type.String(),
    pages: NullableString,
    doi: NullableString,
    url: Nullable(Type.String({ description: 'The DOI as a link.' })),
    reference: Type.Object(
      {
        en: Type.String({ description: 'A full reference in English, the title in Chinese with its translation.' }),
        zh: Type.String({ description: 'The reference as the paper prints it.' }),
      },
      { additionalProperties: false },
    ),
    bibtex: Type.String(),
  },
  { additionalProperties: false },
)

export const DatasetRelease = Type.Object(
  {
    title: Bilingual,
    version: Release.properties.version,
    released_on: Release.properties.released_on,
    authors: Type.String(),
    licence: Release.properties.licence,
    counts: Type.Object(Object.fromEntries(COLLECTION_NAMES.map((name) => [name, Type.Integer({ minimum: 0 })])), {
      additionalProperties: false,
      description: 'Published entries per collection, as anonymous readers see them.',
    }),
    paper: Nullable(PaperCitation),
    citation: Type.Object(
      {
        text: Type.Object(
          { en: Type.String(), zh: Type.String() },
          { additionalProperties: false, description: 'A reference to the dataset, in each language.' },
        ),
        bibtex: Type.String(),
      },
      { additionalProperties: false, description: 'How to cite the dataset itself (cite the paper too).' },
    ),
    codebook: Type.String({ description: 'Where the codebook is: every field and value, defined.' }),
  },
  { $id: 'DatasetRelease', additionalProperties: false },
)

/**
 * The dataset as a researcher cites it: its release, counts, licence, the paper and how to cite both.
 *
 *   GET /v1/dataset  getDataset
 */
export default async function datasetReleaseRoute(app: RouteApp) {
  app.get(
    '/v1/dataset',
    {
      schema: {
        operationId: 'getDataset',
        summary: 'Describe the dataset and how to cite it',
        description:
          'The release (version and date), how many entries each collection publishes, the licence, and how to cite it: the paper it comes from (DOI and full reference) and the dataset itself (text and BibTeX). `paper` is null while the paper’s source record is not published.',
        tags: ['dataset'],
        querystring: NoQuery,
        response: { 200: ok('DatasetRelease', 'The release, its counts and its citations.'), ...readErrors },
      },
      config: { publicCache: dependsOnEverything },
    },
    async (request) => {
      const db = app.replicas.reader(request)
      const counts = await Promise.all(
        COLLECTION_NAMES.map(
          async (name) => [name, await countCollection(db, name, { filters: {}, statuses: ['published'] })] as const,
        ),
      )
      const paper = await getEntity(db, 'sources', release.paper.source_id, ['published'])
      return {
        title: release.title,
        version: release.version,
        released_on: release.released_on,
        authors: release.authors,
        licence: release.licence,
        counts: Object.fromEntries(counts),
        paper: paper ? paperCitation(release, paper as unknown as PaperRecord) : null,
        citation: datasetCitation(release),
        codebook: '/v1/codebook',
      }
    },
  )
}
