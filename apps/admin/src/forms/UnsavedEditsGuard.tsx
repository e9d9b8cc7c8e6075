import { useEffect, useRef } from 'react'
import { useFormState } from 'react-hook-form'
import { useBlocker, useTranslate } from 'react-admin'

/**
 * Asks before leaving a form with edits not saved: every time, however soon the curator clicks
 * again after answering "stay". It replaces react-admin's `warnWhenUnsavedChanges`, whose prompt
 * runs only when the blocker's state changes: a second blocked navigation that came before the
 * page re-rendered "unblocked" left the blocker blocked with no question, and every click after
 * it did nothing until a reload. Here each blocked navigation (a new blocker) is asked anew.
 */
export const UnsavedEditsGuard = () => {
  const translate = useTranslate()
  const { dirtyFields, isSubmitSuccessful } = useFormState()
  const unsaved = Object.keys(dirtyFields).length > 0 && !isSubmitSuccessful
  // Read when the question is due, not when the navigation was blocked: a save's redirect is
  // blocked a moment before the form learns the save succeeded.
  const unsavedNow = useRef(unsaved)
  unsavedNow.current = unsaved

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => unsavedNow.current && nextLocation.pathname !== currentLocation.pathname,
  )

  useEffect(() => {
    if (blocker.state !== 'blocked') return
    const { proceed, reset } = blocker
    const timer = setTimeout(() => {
      if (!unsavedNow.current || window.confirm(translate('ra.message.unsaved_changes'))) proceed()
      else reset()
    })
    return () => clearTimeout(timer)
    // The router makes a new blocker object on each change of it: each blocked navigation.
  }, [blocker, translate])

  // Closing the tab or reloading: the browser asks, in its own words.
  useEffect(() => {
    if (!unsaved) return
    const ask = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [unsaved])

  return null
}
