import { FunctionField, useTranslate } from 'react-admin'

/**
 * A user's or key's role by its name in the UI language, as the role picker names it (the value
 * itself as a fallback). `source` is a prop of its own: the list reads its columns' from their props.
 */
export const RoleField = ({ source, label }: { source: 'role'; label: string }) => {
  const translate = useTranslate()
  return (
    <FunctionField
      source={source}
      label={label}
      render={(record: { role?: string }) =>
        record.role ? translate(`atlas.values.${record.role}`, { _: record.role }) : ''
      }
    />
  )
}
