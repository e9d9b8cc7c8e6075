import { useTranslate } from 'react-admin'

/** Who made a revision: its `actor` (a user id, `key:<id>` for an API key, `seed`) and the name the API gives it. */
export type Actor = { actor: string; actor_name: string | null }

/**
 * Who made a change, by name, for every signed-in reader: the revisions carry the author's name
 * (a user's display name or email, an API key's name); the seed reads as such, and an author the
 * API cannot name (an import) as "another user" with the short id.
 */
export const useActorName = () => {
  const translate = useTranslate()
  return (revision: Actor | null | undefined): string => {
    if (!revision?.actor) return ''
    const { actor, actor_name: name } = revision
    if (actor === 'seed') return translate('atlas.actor.seed')
    if (actor.startsWith('key:')) return translate('atlas.actor.key', { name: name ?? actor.slice(4, 12) })
    return name ?? translate('atlas.actor.other', { id: actor.slice(0, 8) })
  }
}
