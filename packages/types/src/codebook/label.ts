import type { CodebookField } from './schema.ts'

/**
 * A field's type in words: `list of slug → sectors`, `year or null`, `lifecycle`. `named` writes a
 * type's or enumeration's name (the Markdown codebook links it). No run-time imports: the CLI loads it.
 */
export const fieldTypeLabel = (field: CodebookField, named: (name: string) => string = (name) => name) => {
  const base =
    field.type === 'enumeration' && field.enumeration
      ? named(field.enumeration)
      : field.type === 'object'
        ? 'object (below)'
        : named(field.type)
  const target = field.references ? ` → ${field.references}` : ''
  return `${field.list ? 'list of ' : ''}${base}${target}${field.nullable ? ' or null' : ''}`
}
