import { Type, type TSchema } from 'typebox'
import { Amount, Common, Fact, NoteText, PartialDate, Slug, Text, Timestamp, Year } from '../primitives.ts'
import { Component } from '../entities/instrument.ts'
import { Goal } from '../entities/doctrine.ts'
import { FocusSector } from '../entities/sector-focus.ts'
import { COLLECTION_NAMES, collectionSpecs, type CollectionName, type CollectionSpec } from '../collections.ts'
import { FIELD_LABELS } from '../labels.ts'
import * as DEFINITIONS from './definitions.ts'
import type { EnumerationEntry, FieldDefinition } from './definitions.ts'

/** The tables the codebook takes its words from (definitions.ts; a test hands it others). */
export type CodebookDefinitions = Pick<
  typeof DEFINITIONS,
  'COLLECTION_DEFINITIONS' | 'TYPE_DEFINITIONS' | 'FIELD_DEFINITIONS' | 'ENUMERATIONS'
>
import type {
  Bilingual,
  Codebook,
  CodebookCollection,
  CodebookEnumeration,
  CodebookField,
  CodebookType,
} from './schema.ts'

type Schema = TSchema & {
  type?: string
  enum?: string[]
  format?: string
  description?: string
  items?: Schema
  anyOf?: Schema[]
  properties?: Record<string, Schema>
  required?: string[]
}

/** Shapes the codebook names once and refers to by name; recognised by their JSON Schema. */
const NAMED_TYPES: [string, TSchema][] = [
  ['slug', Slug],
  ['text', Text],
  ['note_text', NoteText],
  ['partial_date', PartialDate],
  ['year', Year],
  ['timestamp', Timestamp],
  ['amount', Amount],
  ['fact', Fact],
  ['component', Component],
  ['goal', Goal],
  ['focus_sector', FocusSector],
]
const namedTypes = new Map(NAMED_TYPES.map(([name, schema]) => [JSON.stringify(schema), name]))
const typeNameOf = (schema: Schema) => namedTypes.get(JSON.stringify(schema))

const sameValues = (a: readonly string[], b: readonly string[]) => [...a].sort().join('\n') === [...b].sort().join('\n')

const EMPTY: Bilingual = { en: '', zh: '' }

/** Every field some collection has: the values an enumeration of field names may hold. */
const COLLECTION_FIELDS = new Set(COLLECTION_NAMES.flatMap((name) => Object.keys(collectionSpecs[name].fields)))

/** A value that names a field is defined by pointing at that field's own definition, not by a second one. */
const fieldReference = (field: string): Bilingual | undefined => {
  if (!COLLECTION_FIELDS.has(field)) return undefined
  const label = FIELD_LABELS[field]
  return {
    en: `The entry’s field \`${field}\`${label ? ` (${label.en})` : ''}, as its collection defines it.`,
    zh: `条目的字段 \`${field}\`${label ? `（${label.zh}）` : ''}，定义见其所属集合。`,
  }
}

/** `path` keyed most specifically first: `economies.claims.field`, `claims.field`, `field`. */
const keysOf = (owner: string | undefined, path: string) => {
  const steps = [...(owner ? owner.split('.') : []), path]
  return steps.map((_, i) => steps.slice(i).join('.'))
}

/**
 * Walks the schemas of packages/types into a codebook, taking each definition from the schema's
 * description or the table (definitions.ts), and noting every gap: a missing language, a table
 * entry that defines nothing, an English definition written in both places.
 */
class CodebookBuilder {
  constructor(private readonly tables: CodebookDefinitions) {}
  readonly problems: string[] = []
  private readonly usedKeys = new Set<string>()
  private readonly enumerations = new Map<string, CodebookEnumeration>()
  private readonly usedTypes = new Set<string>()
  /** References inside a named type (`fact.source_ids` → sources), read off the collections' reference paths. */
  private readonly typeReferences = new Map<string, CollectionName>()

  /** A field's definition: its schema's own description (English) or the table, whose key is noted as used. */
  private fieldDefinition(owner: string | undefined, path: string, ownEnglish: string | undefined): Bilingual {
    const key = keysOf(owner, path).find((k) => this.tables.FIELD_DEFINITIONS[k])
    const entry: FieldDefinition | undefined = key ? this.tables.FIELD_DEFINITIONS[key] : undefined
    if (key) this.usedKeys.add(key)
    const where = owner ? `${owner}.${path}` : path
    if (ownEnglish && entry?.en)
      this.problems.push(
        `${where}: the schema's description is its English; the table (${key}) must give only the Chinese`,
      )
    return this.complete(where, { en: ownEnglish ?? entry?.en ?? '', zh: entry?.zh ?? '' })
  }

  private complete(where: string, definition: Bilingual): Bilingual {
    if (!definition.en.trim()) this.problems.push(`${where}: no English definition`)
    if (!definition.zh.trim()) this.problems.push(`${where}: no Chinese definition`)
    return definition
  }

  private enumerationOf(values: string[], fallbackName: string): string {
    const [name, entry] = Object.entries(this.tables.ENUMERATIONS).find(([, e]) => sameValues(e.values, values)) ?? [
      fallbackName,
    ]
    if (this.enumerations.has(name)) return name
    const meaningOf = (value: string) => this.meaningOf(entry, value)
    const groupOf = (value: string) =>
      entry?.groups && Object.entries(entry.groups.of).find(([, members]) => members.includes(value))?.[0]
    this.enumerations.set(name, {
      name,
      definition: this.complete(`enumeration ${name}`, entry?.definition ?? { ...EMPTY }),
      ...(entry?.standard ? { standard: entry.standard } : {}),
      ...(entry?.groups ? { grouped_by: entry.groups.by } : {}),
      values: values.map((value) => {
        const group = groupOf(value)
        return {
          value,
          definition: this.complete(`enumeration ${name}: ${value}`, meaningOf(value) ?? { ...EMPTY }),
          ...(group ? { group } : {}),
        }
      }),
    })
    if (entry && typeof entry.meanings !== 'function')
      for (const value of Object.keys(entry.meanings ?? {}))
        if (!values.includes(value)) this.problems.push(`enumeration ${name}: defines ${value}, which it does not have`)
    if (entry?.fieldNames)
      for (const value of values)
        if (!COLLECTION_FIELDS.has(value)) this.problems.push(`enumeration ${name}: ${value} is no collection's field`)
    for (const reused of entry?.reuses ?? [])
      if (!this.tables.ENUMERATIONS[reused])
        this.problems.push(`enumeration ${name}: reuses ${reused}, which is not defined`)
    return name
  }

  /** A value's meaning: its own, the field it names, or the one an enumeration it reuses gives it. */
  private meaningOf(entry: EnumerationEntry | undefined, value: string): Bilingual | undefined {
    if (!entry) return undefined
    const own = typeof entry.meanings === 'function' ? entry.meanings(value) : entry.meanings?.[value]
    if (own) return own
    if (entry.fieldNames) return fieldReference(value)
    for (const name of entry.reuses ?? []) {
      const meaning = this.meaningOf(this.tables.ENUMERATIONS[name], value)
      if (meaning) return meaning
    }
    return undefined
  }

  /** One field: its type (named, enumeration, base or an unnamed object, walked in turn), and its definition. */
  field(owner: string | undefined, name: string, schema: Schema, required: boolean, references?: CollectionName) {
    const options = schema.anyOf?.filter((s) => s.type !== 'null')
    const nullable = options !== undefined && options.length < schema.anyOf!.length
    let value = options?.length === 1 ? options[0]! : schema
    const list = value.type === 'array' && !typeNameOf(value) && value.items !== undefined
    const own = typeNameOf(value) ? undefined : value.description
    if (list) value = value.items!
    const named = typeNameOf(value)
    const base = value.format === 'uri' ? 'url' : (value.type ?? 'unknown')
    const type = named ?? (value.enum ? 'enumeration' : base)
    const where = owner ? `${owner}.${name}` : name
    const field: CodebookField = {
      name,
      type,
      list,
      required,
      nullable,
      ...(value.enum ? { enumeration: this.enumerationOf(value.enum, where) } : {}),
      ...(references ? { references } : {}),
      definition: this.fieldDefinition(owner, name, own),
    }
    if (type === 'object') field.fields = this.fields(where, value)
    else if (type !== 'enumeration') this.usedTypes.add(type)
    return field
  }

  fields(
    owner: string | undefined,
    schema: Schema,
    referenceOf: (name: string) => CollectionName | undefined = () => undefined,
  ) {
    const required = new Set(schema.required ?? [])
    return Object.entries(schema.properties ?? {}).map(([name, value]) =>
      this.field(owner, name, value, required.has(name), referenceOf(name)),
    )
  }

  collection(name: CollectionName): CodebookCollection {
    const spec = collectionSpecs[name] as CollectionSpec
    const direct = new Map<string, CollectionName>()
    for (const { path, collection } of spec.references) {
      const [field, ...rest] = path.split('/')
      if (rest.length === 0 || (rest.length === 1 && rest[0] === '*')) direct.set(field!, collection)
    }
    const fields = this.fields(name, Type.Object(spec.fields) as Schema, (field) => direct.get(field))
    this.noteTypeReferences(spec, fields)
    return {
      name,
      schema: spec.schemaName,
      title_field: spec.titleField,
      requires_source: spec.requiresSource,
      definition: this.complete(name, this.tables.COLLECTION_DEFINITIONS[name] ?? { ...EMPTY }),
      fields,
      references: spec.references.map(({ path, collection }) => ({ path, collection })),
    }
  }

  /** `figures/*\/source_ids/*` on a field of type `fact`: `fact.source_ids` references sources. */
  private noteTypeReferences(spec: CollectionSpec, fields: CodebookField[]) {
    for (const { path, collection } of spec.references) {
      const [field, ...rest] = path.split('/').filter((step) => step !== '*')
      const type = fields.find((f) => f.name === field)?.type
      if (type && rest.length === 1) this.typeReferences.set(`${type}.${rest[0]}`, collection)
    }
  }

  /** The value types the fields used, object types with their own fields. */
  types(): CodebookType[] {
    const built: CodebookType[] = []
    const order = [...NAMED_TYPES.map(([name]) => name), ...Object.keys(this.tables.TYPE_DEFINITIONS)]
    for (const name of new Set(order)) {
      if (!this.usedTypes.has(name)) continue
      const schema = NAMED_TYPES.find(([n]) => n === name)?.[1] as Schema | undefined
      const entry = this.tables.TYPE_DEFINITIONS[name]
      if (schema?.description && entry?.en)
        this.problems.push(
          `type ${name}: the schema's description is its English; the table must give only the Chinese`,
        )
      const definition = this.complete(`type ${name}`, {
        en: schema?.description ?? entry?.en ?? '',
        zh: entry?.zh ?? '',
      })
      const fields =
        schema?.type === 'object'
          ? this.fields(name, schema, (f) => this.typeReferences.get(`${name}.${f}`))
          : undefined
      built.push({ name, definition, ...(fields ? { fields } : {}) })
    }
    for (const name of this.usedTypes) if (!order.includes(name)) this.problems.push(`type ${name}: no definition`)
    return built
  }

  /** Table entries that define nothing the schemas hold. */
  unused(): string[] {
    const unusedFields = Object.keys(this.tables.FIELD_DEFINITIONS).filter((key) => !this.usedKeys.has(key))
    const unusedTypes = Object.keys(this.tables.TYPE_DEFINITIONS).filter((name) => !this.usedTypes.has(name))
    const unusedEnumerations = Object.keys(this.tables.ENUMERATIONS).filter((name) => !this.enumerations.has(name))
    return [
      ...unusedFields.map((key) => `field ${key}: defined, but no schema has it`),
      ...unusedTypes.map((name) => `type ${name}: defined, but no field has it`),
      ...unusedEnumerations.map((name) => `enumeration ${name}: defined, but no schema has its values`),
    ]
  }

  enumerationList = () => [...this.enumerations.values()]
}

/** The codebook, and what it lacks (empty when every definition is there in both languages). */
export const describeCodebook = (
  tables: CodebookDefinitions = DEFINITIONS,
): { codebook: Codebook; problems: string[] } => {
  const builder = new CodebookBuilder(tables)
  const common_fields = builder.fields(undefined, Type.Object(Common) as Schema)
  const collections = COLLECTION_NAMES.map((name) => builder.collection(name))
  const types = builder.types()
  const codebook = { common_fields, collections, types, enumerations: builder.enumerationList() }
  return { codebook, problems: [...builder.problems, ...builder.unused()] }
}

let built: Codebook | undefined
/** The codebook of the schemas as they are (made once). */
export const codebook = (): Codebook => {
  built ??= describeCodebook().codebook
  return built
}
