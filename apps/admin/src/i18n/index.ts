import polyglotI18nProvider from 'ra-i18n-polyglot'
import { MESSAGES, type Locale } from './messages.ts'

export type { Locale }

/** English or Chinese; react-admin remembers the choice in its store, so it survives reloads. */
export const i18nProvider = polyglotI18nProvider((locale) => MESSAGES[locale as Locale] ?? MESSAGES.en, 'en', [
  { locale: 'en', name: 'English' },
  { locale: 'zh', name: '中文' },
])
