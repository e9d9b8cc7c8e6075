import polyglotI18nProvider from 'ra-i18n-polyglot'
import { resolveBrowserLocale } from 'react-admin'
import { MESSAGES, type Locale } from './messages.ts'

export type { Locale }

/** The document's language per locale (BCP 47), so screen readers and fonts treat the text right. */
const HTML_LANG: Record<string, string> = { en: 'en', zh: 'zh-Hans' }

/** A first visit's language: the browser's, when it is Chinese (`zh-CN`, `zh-TW`…), else English. */
const firstLocale: Locale = resolveBrowserLocale('en') === 'zh' ? 'zh' : 'en'

/** English or Chinese; react-admin remembers the choice in its store, so it survives reloads. */
const polyglot = polyglotI18nProvider((locale) => MESSAGES[locale as Locale] ?? MESSAGES.en, firstLocale, [
  { locale: 'en', name: 'English' },
  { locale: 'zh', name: '中文' },
])

/** The browser tab's title per locale (index.html has the English one). */
const DOCUMENT_TITLE: Record<string, string> = { en: 'Chain Atlas · Curators', zh: '链图 Chain Atlas · 编辑后台' }

/** The document's language and title follow the locale. */
const showLocale = (locale: string) => {
  if (typeof document === 'undefined') return
  document.documentElement.lang = HTML_LANG[locale] ?? locale
  document.title = DOCUMENT_TITLE[locale] ?? DOCUMENT_TITLE.en!
}
showLocale(firstLocale)

/** The polyglot provider, also setting `<html lang>` and the tab's title whenever the language changes. */
export const i18nProvider: typeof polyglot = {
  ...polyglot,
  changeLocale: async (locale, options) => {
    await polyglot.changeLocale(locale, options)
    showLocale(locale)
  },
}
