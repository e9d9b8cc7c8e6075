import type { TranslationMessages } from 'react-admin'
import englishMessages from 'ra-language-english'
import chineseModule from '@haxqer/ra-language-chinese'
import { FIELD_LABELS, VALUE_LABELS } from './values.ts'

export type Locale = 'en' | 'zh'

const pick = (labels: Record<string, { en: string; zh: string }>, locale: Locale) =>
  Object.fromEntries(Object.entries(labels).map(([key, label]) => [key, label[locale]]))

type Messages = { [key: string]: { en: string; zh: string } | Messages }

/** One language's side of a tree of `{ en, zh }` pairs. */
const inLanguage = (tree: Messages, locale: Locale): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(tree).map(([key, node]) => [
      key,
      typeof node.en === 'string' ? node[locale as 'en'] : inLanguage(node as Messages, locale),
    ]),
  )

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
  'review-queue': { en: 'Review queue |||| Review queue', zh: '审核队列' },
}

/** The app's own messages, each in both languages side by side (as values.ts has them). */
const APP = {
  workflow: {
    submit: { en: 'Submit for review', zh: '提交审核' },
    publish: { en: 'Publish', zh: '发布' },
    archive: { en: 'Archive', zh: '归档' },
    'request-changes': { en: 'Request changes', zh: '退回修改' },
    restore: { en: 'Restore', zh: '恢复发布' },
    explain: {
      submit: { en: 'Send this draft to the editors for review.', zh: '将此草稿提交给审校审核。' },
      publish: {
        en: 'Publish this version: the public will read it from now on.',
        zh: '发布此版本：此后公众将看到它。',
      },
      'request-changes': {
        en: 'Send this entry back to its author, saying what to change.',
        zh: '将此条目退回给作者，并说明需要修改的内容。',
      },
      archive: { en: 'Archive this entry: it leaves the public dataset.', zh: '归档此条目：它将从公开数据中移除。' },
      restore: { en: 'Publish this archived entry again, as it was.', zh: '按原样重新发布此已归档的条目。' },
    },
    explain_many: {
      submit: {
        en: 'Send these %{count} drafts to the editors for review.',
        zh: '将这 %{count} 条草稿提交给审校审核。',
      },
      publish: {
        en: 'Publish these %{count} entries: the public will read them from now on.',
        zh: '发布这 %{count} 条条目：此后公众将看到它们。',
      },
      'request-changes': {
        en: 'Send these %{count} entries back to their authors, saying what to change.',
        zh: '将这 %{count} 条条目退回给作者，并说明需要修改的内容。',
      },
      archive: {
        en: 'Archive these %{count} entries: they leave the public dataset.',
        zh: '归档这 %{count} 条条目：它们将从公开数据中移除。',
      },
      restore: {
        en: 'Publish these %{count} archived entries again, as they were.',
        zh: '按原样重新发布这 %{count} 条已归档的条目。',
      },
    },
    comment: { en: 'Comment (optional, kept in the history)', zh: '备注（可选，将保存在修订历史中）' },
    comment_required: { en: 'What should change?', zh: '需要修改什么？' },
    done: { en: '%{action}: done', zh: '%{action}：完成' },
    bulk_done: {
      en: '%{action}: %{smart_count} entry |||| %{action}: %{smart_count} entries',
      zh: '%{action}：%{smart_count} 条',
    },
    bulk_failed: { en: '%{action} failed for %{ids}: %{reason}', zh: '%{action} 失败（%{ids}）：%{reason}' },
  },
  tabs: {
    content: { en: 'Content', zh: '内容' },
    history: { en: 'History', zh: '修订历史' },
    used_by: { en: 'Used by', zh: '被引用' },
    json: { en: 'JSON', zh: 'JSON' },
  },
  used_by: {
    entry: { en: 'Entry', zh: '条目' },
    collection: { en: 'Collection', zh: '类别' },
    status: { en: 'Status', zh: '状态' },
    fields: { en: 'Where it is referenced', zh: '引用位置' },
    none: { en: 'Nothing references this entry.', zh: '没有条目引用此条目。' },
    more: { en: '…and more: the first %{count} are shown.', zh: '……还有更多：仅显示前 %{count} 条。' },
  },
  integrity: {
    publish: {
      en: 'Not published: these entries it refers to must be published first.',
      zh: '未发布：必须先发布它引用的以下条目。',
    },
    archive: {
      en: 'Not archived: these published entries cite it. Change or archive them first.',
      zh: '未归档：以下已发布的条目引用了它。请先修改或归档这些条目。',
    },
    field: { en: 'field %{field}', zh: '字段 %{field}' },
    close: { en: 'Close', zh: '关闭' },
  },
  history: {
    version: { en: 'Version', zh: '版本' },
    action: { en: 'Change', zh: '操作' },
    who: { en: 'By', zh: '操作人' },
    when: { en: 'When', zh: '时间' },
    fields: { en: 'Fields changed', zh: '修改的字段' },
    diff: { en: 'What changed', zh: '修改内容' },
    before: { en: 'Before', zh: '修改前' },
    after: { en: 'After', zh: '修改后' },
    revert: { en: 'Revert to this version', zh: '回退到此版本' },
    reverted: { en: 'Reverted to version %{version}', zh: '已回退到第 %{version} 版' },
    current: { en: 'current', zh: '当前' },
    empty: { en: 'No history.', zh: '暂无历史。' },
    created: { en: 'Created with every field', zh: '创建（全部字段）' },
    working: { en: 'draft', zh: '草稿' },
    revert_confirm: {
      en: 'Make the content of version %{version} the entry’s next version?',
      zh: '用第 %{version} 版的内容生成此条目的新版本？',
    },
    revert_confirm_working: {
      en: 'Put the content of version %{version} in the draft? The published version stays live until the draft is published.',
      zh: '将第 %{version} 版的内容放入草稿？在草稿发布之前，已发布的版本保持公开。',
    },
  },
  working: {
    title: {
      en: 'Published v%{published} — your draft v%{draft}',
      zh: '已发布第 %{published} 版 — 草稿第 %{draft} 版',
    },
    live: {
      en: 'The public reads the published version until the draft is published. What the draft changes:',
      zh: '草稿发布之前，公众看到的是已发布的版本。草稿的修改：',
    },
    edit: { en: 'Edit draft', zh: '编辑草稿' },
    discard: { en: 'Discard draft', zh: '放弃草稿' },
    discard_confirm: {
      en: 'Discard draft v%{draft}? Its changes are dropped; the published version stays as it is.',
      zh: '放弃草稿第 %{draft} 版？其修改将被丢弃，已发布的版本保持不变。',
    },
    discarded: { en: 'Draft discarded: the published version stays', zh: '草稿已放弃，已发布的版本保持不变' },
    saved: {
      en: 'Draft saved. The published version stays live until this change is published.',
      zh: '草稿已保存。在此修改发布之前，已发布的版本保持公开。',
    },
  },
  dashboard: {
    menu: { en: 'Home', zh: '首页' },
    title: { en: 'What needs attention', zh: '待处理事项' },
    in_review: { en: 'In review', zh: '待审核' },
    in_review_help: { en: 'Waiting for an editor, oldest first', zh: '等待审校处理，最早的在前' },
    my_drafts: { en: 'My drafts', zh: '我的草稿' },
    my_drafts_help: { en: 'Not yet submitted for review', zh: '尚未提交审核' },
    sent_back: { en: 'Sent back to me', zh: '退回给我的' },
    sent_back_help: { en: 'With what the editor asked to change', zh: '附审校的修改意见' },
    none: { en: 'Nothing here.', zh: '暂无。' },
    all: { en: 'See them all in the review queue', zh: '在审核队列中查看全部' },
  },
  review: {
    menu: { en: 'Review queue', zh: '审核队列' },
    title: { en: 'Review queue', zh: '审核队列' },
    state: { en: 'State', zh: '状态' },
    mine: { en: 'Only mine', zh: '只看我的' },
    entry: { en: 'Entry', zh: '条目' },
    collection: { en: 'Collection', zh: '类别' },
    version: { en: 'Version', zh: '版本' },
    author: { en: 'Author', zh: '作者' },
    comment: { en: 'Last comment', zh: '最新备注' },
    updated_at: { en: 'Last change', zh: '最后修改' },
    new_version: { en: 'v%{version} (new)', zh: '第 %{version} 版（新条目）' },
    versions: { en: 'v%{version} (published v%{published})', zh: '第 %{version} 版（已发布第 %{published} 版）' },
  },
  compare: {
    menu: { en: 'Compare', zh: '对比' },
    title: { en: 'Compare economies', zh: '经济体对比' },
    economies: { en: 'Economies', zh: '经济体' },
    level: { en: 'Level', zh: '层面' },
    table: { en: 'The paper’s table', zh: '论文表格' },
    no_table: { en: 'All instruments', zh: '全部政策工具' },
    paper_table: { en: 'Table %{table}', zh: '表 %{table}' },
    empty_cell: { en: '—', zh: '—' },
    category: { en: 'Category', zh: '类别' },
  },
  conflict: {
    en: 'Someone else changed this entry since you opened it. Reload the page to see their version, then redo your change.',
    zh: '自您打开后，此条目已被他人修改。请重新加载页面查看最新版本，然后重新修改。',
  },
  api_keys: {
    secret_title: { en: 'Your new API key', zh: '新的 API 密钥' },
    secret_once: {
      en: 'Copy it now: it is shown this once. Send it as “Authorization: Bearer …”.',
      zh: '请立即复制：密钥只显示这一次。请求时以“Authorization: Bearer …”发送。',
    },
    revoke: { en: 'Revoke', zh: '撤销' },
    revoked: { en: 'Key revoked', zh: '密钥已撤销' },
    close: { en: 'I have copied it', zh: '我已复制' },
  },
  users: {
    password_help: {
      en: 'At least 12 characters. Leave empty to keep the current one.',
      zh: '至少 12 个字符。留空则保持原密码。',
    },
  },
  form: {
    original: { en: 'original', zh: '原文' },
    add: { en: 'Add', zh: '添加' },
  },
}

const messagesOf = (locale: Locale, base: TranslationMessages): TranslationMessages => ({
  ...base,
  atlas: { ...inLanguage(APP, locale), fields: pick(FIELD_LABELS, locale), values: pick(VALUE_LABELS, locale) },
  resources: Object.fromEntries(Object.entries(RESOURCE_NAMES).map(([name, label]) => [name, { name: label[locale] }])),
})

/**
 * The Chinese package is CommonJS with `exports.default`: a bundler hands over the messages, Node
 * (the tests) the module holding them. Without this, react-admin's own buttons stayed in English.
 */
const chineseMessages = ((chineseModule as { default?: TranslationMessages }).default ??
  chineseModule) as TranslationMessages

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
