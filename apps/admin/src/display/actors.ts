import { useGetIdentity, useGetList, usePermissions, useTranslate } from 'react-admin'

const ALL = { pagination: { page: 1, perPage: 1000 }, sort: { field: 'created_at', order: 'ASC' as const } }

/**
 * Who made a change, by name: a revision's `actor` is a user id, `key:<id>` for an API key, or
 * `seed`. The signed-in user knows their own name; admins can list users and API keys; anyone else
 * reads "another user" with the short id (the revisions do not carry names).
 */
export const useActorName = () => {
  const translate = useTranslate()
  const { identity } = useGetIdentity()
  const { permissions } = usePermissions<string>()
  const admin = permissions === 'admin'
  const { data: users } = useGetList<{ id: string; display_name: string }>('users', ALL, { enabled: admin })
  const { data: keys } = useGetList<{ id: string; name: string }>('api-keys', ALL, { enabled: admin })
  return (actor: string | null | undefined): string => {
    if (!actor) return ''
    if (actor === 'seed') return translate('atlas.actor.seed')
    if (actor.startsWith('key:')) {
      const id = actor.slice(4)
      const key = keys?.find((k) => k.id === id)
      return key
        ? translate('atlas.actor.key', { name: key.name })
        : translate('atlas.actor.key', { name: id.slice(0, 8) })
    }
    if (identity && String(identity.id) === actor) return identity.fullName ?? translate('atlas.actor.you')
    const user = users?.find((u) => u.id === actor)
    return user ? user.display_name : translate('atlas.actor.other', { id: actor.slice(0, 8) })
  }
}
