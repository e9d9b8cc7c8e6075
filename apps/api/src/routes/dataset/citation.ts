import type { Release } from '@chain-atlas/types'

/** What a reference needs of the paper's source record. */
export type PaperRecord = {
  id: string
  title: { en: string; zh: string }
  authors?: string[]
  container?: string
  published_on?: string
  pages?: string
  doi?: string
  citation?: string
}

/** Characters BibTeX reads as commands, escaped. */
const bibtexText = (text: string) => text.replace(/([&%$#_])/g, '\\$1')
const bibtex = (type: string, key: string, fields: [string, string | undefined][]) =>
  `@${type}{${key},\n${fields
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `  ${name} = {${value}}`)
    .join(',\n')}\n}`

const doiUrl = (doi: string) => `https://doi.org/${doi}`
const yearOf = (record: PaperRecord) => record.published_on?.slice(0, 4)
const enDash = (pages: string | undefined) => pages?.replace(/\s*[-–—]+\s*/, '–')

/** The paper's reference in English (authors in Latin script, from the release) and as printed in Chinese. */
export const paperCitation = (release: Release, record: PaperRecord) => {
  const names = release.paper.authors
  // Chinese names keep their order, family name first, uninverted (Chicago 16.79).
  const latin = names.map((n) => `${n.family} ${n.given}`)
  const authors = latin.length > 1 ? `${latin.slice(0, -1).join(', ')} and ${latin.at(-1)}` : latin[0]
  const year = yearOf(record)
  const { issue } = release.paper
  const en = [
    `${authors}. ${year}.`,
    `“${record.title.zh}” [${record.title.en}].`,
    `${record.container ?? ''}, no. ${issue}: ${enDash(record.pages) ?? ''}.`,
    record.doi ? `${doiUrl(record.doi)}.` : '',
  ]
    .filter(Boolean)
    .join(' ')
  const zh =
    record.citation ??
    `${(record.authors ?? []).join('、')}：《${record.title.zh}》，《${record.container ?? ''}》${year}年第${issue}期，第${record.pages ?? ''}页。`
  return {
    source_id: record.id,
    title: record.title,
    authors: record.authors ?? [],
    authors_latin: latin,
    container: record.container ?? null,
    year: year ?? null,
    issue,
    pages: record.pages ?? null,
    doi: record.doi ?? null,
    url: record.doi ? doiUrl(record.doi) : null,
    reference: { en, zh },
    bibtex: bibtex('article', `${names[0]!.family.toLowerCase()}_${year}`, [
      ['author', names.map((n) => `${n.family}, ${n.given}`).join(' and ')],
      ['title', bibtexText(`${record.title.zh} [${record.title.en}]`)],
      ['journal', record.container && bibtexText(record.container)],
      ['year', year],
      ['number', issue],
      ['pages', record.pages?.replace(/\s*[-–—]+\s*/, '--')],
      ['doi', record.doi],
    ]),
  }
}

/** How to cite the dataset itself: a sentence in each language and a BibTeX entry. */
export const datasetCitation = (release: Release) => {
  const year = release.released_on.slice(0, 4)
  const [y, m, d] = release.released_on.split('-').map(Number)
  const licence = release.licence.id.replace(/-(\d)/, ' $1').replaceAll('-', ' ')
  return {
    text: {
      en: `${release.authors}. (${year}). ${release.title.en} (Version ${release.version}) [Data set]. Released ${release.released_on}. Licence: ${licence}.`,
      zh: `${release.authors}：《${release.title.zh}》，版本 ${release.version}，${y}年${m}月${d}日发布，许可协议 ${licence}。`,
    },
    bibtex: bibtex('misc', `chain_atlas_${release.version.replaceAll('.', '_')}`, [
      ['author', `{${bibtexText(release.authors)}}`],
      ['title', bibtexText(release.title.en)],
      ['year', year],
      ['version', release.version],
      ['date', release.released_on],
      ['note', `Data set, version ${release.version}, released ${release.released_on}; licence ${bibtexText(licence)}`],
    ]),
  }
}
