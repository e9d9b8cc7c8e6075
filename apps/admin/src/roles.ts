import { ROLE_NAMES } from '@chain-atlas/types'

/** Whether the signed-in role includes the powers of `needed` (roles are ordered viewer < curator < editor < admin). */
export const atLeast = (role: string | undefined, needed: (typeof ROLE_NAMES)[number]) =>
  ROLE_NAMES.indexOf((role ?? '') as (typeof ROLE_NAMES)[number]) >= ROLE_NAMES.indexOf(needed)
