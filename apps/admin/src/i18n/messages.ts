import type { TranslationMessages } from 'react-admin'
import englishMessages from 'ra-language-english'
import chineseMessages from '@haxqer/ra-language-chinese'
import { FIELD_LABELS, VALUE_LABELS } from './values.ts'

export type Locale = 'en' | 'zh'

const pick = (labels: Record<string, { en: string; zh: string }>, locale: Locale) =>
  Object.fromEntries(Object.entries(labels).map(([key, label]) => [key, label[locale]]))

/** Collection names, singular |||| plural, as react-admin's menu and titles want them. */
const RESOURCE_NAMES: Record<string, { en: string; zh: string }> = {
  economies: { en: 'Economy |||| Economies', zh: '经济体' },
  sectors: { en: 'Sector |||| Sectors', zh: '产业领域' },
  sources: { en: 'Source |||| Sources', zh: '来源文献' },
  doctrines: { en: 'Doctrine |||| Doctrines', zh: '指导思想' },
  instruments: { en: 'Instrument |||| Instruments', zh: '政策工具' },
  'china-strategies': { en: 'China strategy |||| China strategies', zh: '对华战略' },
  alliances: { en: 'Alliance |||| Alliances', zh: '联盟' },
  'sector-focuses': { en: 'Sector focus |||| Sector focuses', zh: '产业侧重' },
  concepts: { en: 'Concept |||| Concepts', zh: '概念' },
  assessments: { en: 'Assessment |||| Assessments', zh: '评估结论' },
  users: { en: 'User |||| Users', zh: '用户' },
  'api-keys': { en: 'API key |||| API keys', zh: 'API 密钥' },
}

const APP = {
  en: {
    workflow: {
      submit: 'Submit for review',
      publish: 'Publish',
      archive: 'Archive',
      done: '%{action}: done',
      bulk_done: '%{action}: %{smart_count} entry |||| %{action}: %{smart_count} entries',
      bulk_failed: '%{action} failed for %{ids}: %{reason}',
    },
    tabs: { content: 'Content', history: 'History', json: 'JSON' },
    history: {
      version: 'Version',
      action: 'Change',
      who: 'By',
      when: 'When',
      fields: 'Fields changed',
      diff: 'What changed',
      before: 'Before',
      after: 'After',
      revert: 'Revert to this version',
      reverted: 'Reverted to version %{version}',
      current: 'current',
      empty: 'No history.',
      created: 'Created with every field',
    },
    compare: {
      menu: 'Compare',
      title: 'Compare economies',
      economies: 'Economies',
      level: 'Level',
      table: 'The paper’s table',
      no_table: 'All instruments',
      paper_table: 'Table %{table}',
      empty_cell: '—',
      category: 'Category',
    },
    conflict:
      'Someone else changed this entry since you opened it. Reload the page to see their version, then redo your change.',
    api_keys: {
      secret_title: 'Your new API key',
      secret_once: 'Copy it now: it is shown this once. Send it as “Authorization: Bearer …”.',
      revoke: 'Revoke',
      revoked: 'Key revoked',
      close: 'I have copied it',
    },
    users: { password_help: 'At least 12 characters. Leave empty to keep the current one.' },
    form: { original: 'original', add: 'Add' },
  },
  zh: {
    workflow: {
      submit: '提交审核',
      publish: '发布',
      archive: '归档',
      done: '%{action}：完成',
      bulk_done: '%{action}：%{smart_count} 条',
      bulk_failed: '%{action} 失败（%{ids}）：%{reason}',
    },
    tabs: { content: '内容', history: '修订历史', json: 'JSON' },
    history: {
      version: '版本',
      action: '操作',
      who: '操作人',
      when: '时间',
      fields: '修改的字段',
      diff: '修改内容',
      before: '修改前',
      after: '修改后',
      revert: '回退到此版本',
      reverted: '已回退到第 %{version} 版',
      current: '当前',
      empty: '暂无历史。',
      created: '创建（全部字段）',
    },
    compare: {
      menu: '对比',
      title: '经济体对比',
      economies: '经济体',
      level: '层面',
      table: '论文表格',
      no_table: '全部政策工具',
      paper_table: '表 %{table}',
      empty_cell: '—',
      category: '类别',
    },
    conflict: '自您打开后，此条目已被他人修改。请重新加载页面查看最新版本，然后重新修改。',
    api_keys: {
      secret_title: '新的 API 密钥',
      secret_once: '请立即复制：密钥只显示这一次。请求时以“Authorization: Bearer …”发送。',
      revoke: '撤销',
      revoked: '密钥已撤销',
      close: '我已复制',
    },
    users: { password_help: '至少 12 个字符。留空则保持原密码。' },
    form: { original: '原文', add: '添加' },
  },
}

const messagesOf = (locale: Locale, base: TranslationMessages): TranslationMessages => ({
  ...base,
  atlas: { ...APP[locale], fields: pick(FIELD_LABELS, locale), values: pick(VALUE_LABELS, locale) },
  resources: Object.fromEntries(Object.entries(RESOURCE_NAMES).map(([name, label]) => [name, { name: label[locale] }])),
})

/** The Chinese react-admin messages are for v4: anything v5 added falls back to English. */
const deepMerge = (fallback: any, preferred: any): any =>
  typeof fallback === 'object' && fallback && typeof preferred === 'object' && preferred
    ? Object.fromEntries(
        [...new Set([...Object.keys(fallback), ...Object.keys(preferred)])].map((k) => [
          k,
          deepMerge(fallback[k], preferred[k]),
        ]),
      )
    : (preferred ?? fallback)

export const MESSAGES: Record<Locale, TranslationMessages> = {
  en: messagesOf('en', englishMessages),
  zh: messagesOf('zh', deepMerge(englishMessages, chineseMessages)),
}
