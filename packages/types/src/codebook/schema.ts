import { Type } from 'typebox'
import { COLLECTION_NAMES, type CollectionName } from '../collections.ts'
import { StringEnum } from '../primitives.ts'

export type Bilingual = { en: string; zh: string }

const Definition = Type.Object(
  { en: Type.String({ description: 'English.' }), zh: Type.String({ description: 'Chinese (simplified).' }) },
  { additionalProperties: false },
)
const CollectionNameSchema = StringEnum(COLLECTION_NAMES)

export type CodebookField = {
  name: string
  type: string
  list: boolean
  required: boolean
  nullable: boolean
  enumeration?: string
  references?: CollectionName
  definition: Bilingual
  fields?: CodebookField[]
}
export const CodebookField = Type.Object(
  {
    name: Type.String(),
    type: Type.String({
      description:
        'A value type of `types` (`slug`, `text`, `amount`, `fact`…), `enumeration` (see `enumeration`) or `object` (see `fields`).',
      examples: ['slug'],
    }),
    list: Type.Boolean({ description: 'Whether the field holds a list of such values.' }),
    required: Type.Boolean({ description: 'Whether every entry has the field.' }),
    nullable: Type.Boolean({ description: 'Whether the field may be `null` (a value the sources do not give).' }),
    enumeration: Type.Optional(Type.String({ description: 'The name of its enumeration in `enumerations`.' })),
    references: Type.Optional({ ...CollectionNameSchema, description: 'The collection whose ids it holds.' }),
    definition: Definition,
    fields: Type.Optional(Type.Array(Type.Ref('CodebookField'), { description: 'The fields of an `object`.' })),
  },
  {
    $id: 'CodebookField',
    additionalProperties: false,
    description: 'A field: its type, whether required, and what it means.',
  },
)

export type CodebookCollection = {
  name: CollectionName
  schema: string
  title_field: string
  requires_source: boolean
  definition: Bilingual
  fields: CodebookField[]
  references: { path: string; collection: CollectionName }[]
}
export type CodebookType = { name: string; definition: Bilingual; fields?: CodebookField[] }
export type CodebookValue = { value: string; definition: Bilingual; group?: string }
export type CodebookEnumeration = {
  name: string
  definition: Bilingual
  standard?: string
  grouped_by?: string
  values: CodebookValue[]
}
export type Codebook = {
  common_fields: CodebookField[]
  collections: CodebookCollection[]
  types: CodebookType[]
  enumerations: CodebookEnumeration[]
}

const Fields = Type.Array(Type.Ref('CodebookField'))

/** What `GET /v1/codebook` answers: every collection, field, value type and enumeration, defined in English and Chinese. */
export const Codebook = Type.Object(
  {
    common_fields: Type.Array(Type.Ref('CodebookField'), {
      description: 'The fields every entry of every collection carries (the server sets them).',
    }),
    collections: Type.Array(
      Type.Object(
        {
          name: CollectionNameSchema,
          schema: Type.String({ description: 'The name of its schema in the contract.' }),
          title_field: Type.String({ description: 'The field that names an entry.' }),
          requires_source: Type.Boolean({ description: 'Whether a published entry must cite a source.' }),
          definition: Definition,
          fields: Fields,
          references: Type.Array(
            Type.Object(
              {
                path: Type.String({ description: 'Where the ids are, `*` for each element of a list.' }),
                collection: CollectionNameSchema,
              },
              { additionalProperties: false },
            ),
            { description: 'Every reference to another entry, nested ones included.' },
          ),
        },
        { additionalProperties: false },
      ),
    ),
    types: Type.Array(
      Type.Object(
        { name: Type.String(), definition: Definition, fields: Type.Optional(Fields) },
        { additionalProperties: false },
      ),
      { description: 'The value types fields have; the structured ones with their fields.' },
    ),
    enumerations: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          definition: Definition,
          standard: Type.Optional(
            Type.String({ description: 'The standard that defines the values (`ISO 4217`).', examples: ['ISO 4217'] }),
          ),
          grouped_by: Type.Optional(Type.String({ description: 'The field whose value each value belongs to.' })),
          values: Type.Array(
            Type.Object(
              {
                value: Type.String(),
                definition: Definition,
                group: Type.Optional(Type.String({ description: 'The value of `grouped_by` it belongs to.' })),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      { description: 'Every closed list of values, each value defined.' },
    ),
  },
  { $id: 'Codebook', additionalProperties: false },
)
