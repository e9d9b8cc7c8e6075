import { Type } from 'typebox'
import { HTTP_URL_PATTERN, PaperRefs, PartialDate, PlainText, StringEnum, Text, NoteText } from '../primitives.ts'

export const SOURCE_KINDS = [
  'law',
  'regulation',
  'strategy',
  'report',
  'statement',
  'speech',
  'news',
  'academic',
  'webpage',
  'book',
] as const
export const SOURCE_LANGUAGES = ['en', 'zh', 'ja', 'fr', 'de'] as const

/** A document facts come from: the seed paper, or a law, strategy, report or article it cites. */
export const sourceFields = {
  kind: StringEnum(SOURCE_KINDS),
  title: Text,
  authors: Type.Optional(
    Type.Array(PlainText({ minLength: 1, maxLength: 200 }), { description: 'Persons, as printed.' }),
  ),
  publisher: Type.Optional(
    PlainText({ minLength: 1, maxLength: 300, description: 'Publisher, issuing body or outlet.' }),
  ),
  container: Type.Optional(
    PlainText({ minLength: 1, maxLength: 300, description: 'Journal or series, for articles.' }),
  ),
  published_on: Type.Optional(PartialDate),
  url: Type.Optional(
    Type.String({
      format: 'uri',
      pattern: HTTP_URL_PATTERN,
      maxLength: 2000,
      description: 'Where to read it: http or https.',
    }),
  ),
  doi: Type.Optional(Type.String({ pattern: '^10\\.[0-9]{4,9}/[^\\s\\u0000\\uD800-\\uDFFF]+$' })),
  language: StringEnum(SOURCE_LANGUAGES, { description: 'Language of the document (BCP 47).' }),
  pages: Type.Optional(PlainText({ maxLength: 50 })),
  citation: Type.Optional(PlainText({ maxLength: 4000, description: 'The reference as printed in the seed paper.' })),
  paper_refs: Type.Optional(PaperRefs),
  notes: Type.Optional(NoteText),
}
