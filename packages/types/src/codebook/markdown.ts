import type { Codebook, CodebookEnumeration, CodebookField } from './schema.ts'
import { fieldTypeLabel } from './label.ts'

/** `|` would end a table cell; a line break would end the row. */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ')
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`
const table = (header: string[], rows: string[][]) =>
  [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n')

/** GitHub's heading anchors, for the headings this file writes (lower case, `_` and letters kept). */
const anchor = (heading: string) =>
  `#${heading
    .toLowerCase()
    .replace(/[^a-z0-9_ -]/g, '')
    .replaceAll(' ', '-')}`

const typeOf = (field: CodebookField) => fieldTypeLabel(field, (name) => `[${name}](${anchor(name)})`)

/** A table of fields; an unnamed object's fields follow as `parent.child` rows. */
const fieldRows = (fields: CodebookField[], prefix = ''): string[][] =>
  fields.flatMap((f) => [
    [`\`${prefix}${f.name}\``, typeOf(f), f.required ? 'yes' : 'no', f.definition.en, f.definition.zh],
    ...(f.fields ? fieldRows(f.fields, `${prefix}${f.name}.`) : []),
  ])
const fieldTable = (fields: CodebookField[]) =>
  table(['field', 'type', 'required', 'definition', '定义'], fieldRows(fields))

const enumerationSection = (e: CodebookEnumeration) => {
  const heading = [`### ${e.name}`, '', `${e.definition.en}`, '', `${e.definition.zh}`, '']
  // Values a standard defines (ISO 4217) are listed by code; their names are in `GET /v1/codebook`.
  if (e.standard)
    return [
      ...heading,
      `${e.values.length} values defined by ${e.standard}, each named in both languages by \`GET /v1/codebook\`: ${e.values.map((v) => `\`${v.value}\``).join(', ')}.`,
    ].join('\n')
  const header = ['value', ...(e.grouped_by ? [e.grouped_by] : []), 'definition', '定义']
  const rows = e.values.map((v) => [
    `\`${v.value}\``,
    ...(e.grouped_by ? [v.group ?? ''] : []),
    v.definition.en,
    v.definition.zh,
  ])
  return [...heading, table(header, rows)].join('\n')
}

/** The codebook as Markdown: docs/codebook.md, written by `pnpm codebook:generate`. */
export const codebookMarkdown = (codebook: Codebook) =>
  [
    '# Chain Atlas codebook · 数据编码手册',
    '',
    'Every collection, field, value type and enumeration of the dataset, defined in English and Chinese.',
    'Generated from the TypeBox schemas in `packages/types` by `pnpm codebook:generate` (do not edit by hand);',
    'served as JSON at `GET /v1/codebook`. How to cite the data: `GET /v1/dataset` and `CITATION.cff`.',
    '',
    '数据集的全部集合、字段、取值类型与枚举，附中英文定义。由 `packages/types` 中的 TypeBox 模式生成，',
    'JSON 版本见 `GET /v1/codebook`；引用方式见 `GET /v1/dataset` 与 `CITATION.cff`。',
    '',
    '## Fields every entry carries',
    '',
    fieldTable(codebook.common_fields),
    '',
    '## Collections',
    ...codebook.collections.flatMap((c) => [
      '',
      `### ${c.name}`,
      '',
      c.definition.en,
      '',
      c.definition.zh,
      '',
      `Schema \`${c.schema}\`; an entry is named by \`${c.title_field}\`; a published entry ${c.requires_source ? 'must cite' : 'need not cite'} a source.`,
      '',
      fieldTable(c.fields),
      '',
      `References: ${c.references.length ? c.references.map((r) => `\`${r.path}\` → ${r.collection}`).join(', ') : 'none'}.`,
    ]),
    '',
    '## Value types',
    ...codebook.types.flatMap((t) => [
      '',
      `### ${t.name}`,
      '',
      t.definition.en,
      '',
      t.definition.zh,
      ...(t.fields ? ['', fieldTable(t.fields)] : []),
    ]),
    '',
    '## Enumerations',
    ...codebook.enumerations.flatMap((e) => ['', enumerationSection(e)]),
    '',
  ].join('\n')
