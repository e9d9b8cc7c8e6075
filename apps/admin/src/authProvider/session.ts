/** Set when a signed-in session ends with a 401 (it expired or was ended elsewhere); the sign-in page says so. */
const EXPIRED = 'atlas.session-expired'

/** sessionStorage, when the browser allows it (a private window may refuse): this tab's own. */
const storage = () => {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

export const markExpired = () => {
  try {
    storage()?.setItem(EXPIRED, '1')
  } catch {
    // Nothing kept: the sign-in page then only asks to sign in.
  }
}

export const clearExpired = () => storage()?.removeItem(EXPIRED)

export const wasExpired = () => storage()?.getItem(EXPIRED) === '1'

/**
 * Whether a write's answer is react-admin's stand-in for a call refused with 401: once
 * `checkError` has signed out, its data provider resolves `{ data: {} }` (the mutation hooks pass
 * on `{}`) instead of rejecting. Every real answer of a write is an entry, with its id; this is
 * not one, and nothing was saved or done.
 */
export const refusedSignedOut = (answer: unknown) =>
  !(answer && typeof answer === 'object' && (answer as { id?: unknown }).id != null)
