import type { TranslationMessages } from 'react-admin'
import englishMessages from 'ra-language-english'
import { raChinese } from './ra-zh.ts'
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
  webhooks: { en: 'Webhook |||| Webhooks', zh: 'Webhook 推送' },
  'review-queue': { en: 'Review queue |||| Review queue', zh: '审核队列' },
}

/** The app's own messages, each in both languages side by side (as values.ts has them). */
const APP = {
  login: {
    title: { en: 'Chain Atlas', zh: '链图 Chain Atlas' },
    subtitle: {
      en: 'Curators’ editor: sign in with your email',
      zh: '编辑后台：请用电子邮箱登录',
    },
    expired: {
      en: 'Your session expired, and nothing you did after that was saved. Sign in again to go on.',
      zh: '您的登录已过期：此后的操作均未保存。请重新登录后继续。',
    },
    refused: { en: 'Wrong email or password.', zh: '电子邮箱或密码不正确。' },
    too_many: {
      en: 'Too many failed sign-ins: wait a few minutes before trying again.',
      zh: '登录失败次数过多：请等待几分钟后再试。',
    },
  },
  /** An edit whose save met an expired session, kept in the tab and offered back after signing in. */
  kept: {
    title: {
      en: 'Your session expired before these edits were saved: they were kept.',
      zh: '登录过期前，这些修改未能保存：已为您保留。',
    },
    text: {
      en: 'Put them back in the form (then check them and save), or discard them.',
      zh: '可将它们放回表单（检查后保存），或放弃它们。',
    },
    restore: { en: 'Restore my edits', zh: '恢复我的修改' },
    discard: { en: 'Discard them', zh: '放弃这些修改' },
    restored: {
      en: 'Your edits are back in the form: check them, then save.',
      zh: '您的修改已放回表单：请检查后保存。',
    },
  },
  a11y: {
    user_menu: { en: '%{name}: account menu', zh: '%{name}：账户菜单' },
    loading: { en: 'Loading', zh: '加载中' },
  },
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
  /** The network and timeline pages: a picture, or the same data as a table. */
  pictures: {
    view: { en: 'Show as', zh: '显示方式' },
    picture: { en: 'Picture', zh: '图形' },
    table: { en: 'Table', zh: '表格' },
  },
  network: {
    menu: { en: 'Network', zh: '关系网络' },
    title: { en: 'The chain-security network', zh: '产业链安全关系网络' },
    economies: { en: 'Around economies', zh: '围绕经济体' },
    level: { en: 'Level', zh: '层面' },
    all_levels: { en: 'All levels', zh: '全部层面' },
    kinds: { en: 'Link types', zh: '关系类型' },
    summary: { en: 'Nodes: %{nodes} · links: %{edges}', zh: '%{nodes} 个节点，%{edges} 条关系' },
    loading_levels: { en: '(reading the instruments’ levels…)', zh: '（正在读取政策工具的层面……）' },
    empty: { en: 'No links match these filters.', zh: '没有符合筛选条件的关系。' },
    legend: { en: 'Legend', zh: '图例' },
    graph_label: {
      en: 'Network graph of %{nodes} nodes and %{edges} links; the table view lists them.',
      zh: '关系网络图：%{nodes} 个节点，%{edges} 条关系；表格视图逐条列出。',
    },
    hint: {
      en: 'Click a node to open its record, a link to see the instruments behind it.',
      zh: '点击节点打开其条目，点击连线查看其背后的政策工具。',
    },
    from: { en: 'From', zh: '起点' },
    to: { en: 'To', zh: '终点' },
    kind: { en: 'Link type', zh: '关系类型' },
    stance: { en: 'Stance', zh: '立场' },
    instruments: { en: 'Instruments', zh: '政策工具' },
    sources: { en: 'Sources', zh: '来源文献' },
    edges_table: { en: 'Links of the network', zh: '网络中的关系' },
    nodes_table: { en: 'Nodes of the network', zh: '网络中的节点' },
    node: { en: 'Node', zh: '节点' },
    node_kind: { en: 'Kind', zh: '类型' },
    links: { en: 'Links', zh: '关系数' },
    node_kinds: {
      economy: { en: 'Economy', zh: '经济体' },
      alliance: { en: 'Alliance', zh: '联盟' },
      initiative: { en: 'Initiative', zh: '倡议' },
      instrument: { en: 'Instrument', zh: '政策工具' },
    },
    edge_kinds: {
      nearshoring: { en: 'Nearshoring', zh: '近岸外包' },
      friend_shoring: { en: 'Friend-shoring', zh: '友岸外包' },
      economic_framework: { en: 'Economic framework', zh: '经济框架' },
      indo_pacific_plan: { en: 'Indo-Pacific plan', zh: '印太计划' },
      technology_alliance: { en: 'Technology alliance', zh: '技术联盟' },
      alliance_membership: { en: 'Alliance membership', zh: '联盟成员' },
      infrastructure_initiative: { en: 'Infrastructure initiative', zh: '基础设施倡议' },
      infrastructure_project: { en: 'Infrastructure project', zh: '基础设施项目' },
      trade_agreement: { en: 'Trade agreement', zh: '贸易协定' },
      digital_trade: { en: 'Digital trade', zh: '数字贸易' },
      standards_cooperation: { en: 'Standards cooperation', zh: '标准合作' },
      china_stance: { en: 'Stance toward China', zh: '对华立场' },
      instrument: { en: 'Instrument', zh: '政策工具' },
    },
  },
  timeline: {
    menu: { en: 'Timeline', zh: '时间线' },
    title: { en: 'Instruments by year and economy', zh: '按年份和经济体划分的政策工具' },
    economies: { en: 'Economies', zh: '经济体' },
    level: { en: 'Level', zh: '层面' },
    hint: {
      en: 'Click a bar (or press Enter on it) to list its instruments.',
      zh: '点击柱形（或在其上按 Enter 键）列出其中的政策工具。',
    },
    bar: {
      en: '%{year}, %{economy}: %{smart_count} instrument |||| %{year}, %{economy}: %{smart_count} instruments',
      zh: '%{year} 年，%{economy}：%{smart_count} 项政策工具',
    },
    picked: {
      en: '%{year}, %{economy}: %{smart_count} instrument |||| %{year}, %{economy}: %{smart_count} instruments',
      zh: '%{year} 年，%{economy}：%{smart_count} 项政策工具',
    },
    undated: {
      en: 'One instrument has no year: the table lists it. |||| %{smart_count} instruments have no year: the table lists them.',
      zh: '%{smart_count} 项政策工具没有年份：见表格视图。',
    },
    empty: { en: 'No instruments match these filters.', zh: '没有符合筛选条件的政策工具。' },
    year: { en: 'Year', zh: '年份' },
    no_year: { en: 'No year', zh: '无年份' },
    economy: { en: 'Economy', zh: '经济体' },
    entry: { en: 'Entry', zh: '条目' },
    kind: { en: 'Kind', zh: '类型' },
  },
  audit: {
    menu: { en: 'Audit log', zh: '审计日志' },
    title: { en: 'Audit log', zh: '审计日志' },
    help: {
      en: 'Security events, newest first: sign-ins, failed sign-ins, API keys and account changes.',
      zh: '安全事件，最新的在前：登录、登录失败、API 密钥和账户变更。',
    },
    refresh: { en: 'Refresh', zh: '刷新' },
    older: { en: 'Show older events', zh: '显示更早的事件' },
    empty: { en: 'No events yet.', zh: '暂无事件。' },
    at: { en: 'When', zh: '时间' },
    event: { en: 'Event', zh: '事件' },
    actor: { en: 'By', zh: '操作人' },
    subject: { en: 'Concerning', zh: '对象' },
    address: { en: 'Address', zh: 'IP 地址' },
    detail: { en: 'Details', zh: '详情' },
    events: {
      sign_in: { en: 'Signed in', zh: '登录' },
      sign_in_failed: { en: 'Failed sign-in', zh: '登录失败' },
      sign_out: { en: 'Signed out', zh: '退出登录' },
      key_created: { en: 'API key created', zh: '创建 API 密钥' },
      key_revoked: { en: 'API key revoked', zh: '撤销 API 密钥' },
      user_created: { en: 'User created', zh: '创建用户' },
      user_disabled: { en: 'User disabled', zh: '停用用户' },
      user_enabled: { en: 'User enabled', zh: '启用用户' },
      user_renamed: { en: 'User renamed', zh: '用户改名' },
      role_changed: { en: 'Role changed', zh: '角色变更' },
      password_changed: { en: 'Password changed', zh: '密码变更' },
      webhook_created: { en: 'Webhook registered', zh: '注册 Webhook' },
      webhook_changed: { en: 'Webhook changed', zh: '修改 Webhook' },
      webhook_deleted: { en: 'Webhook deleted', zh: '删除 Webhook' },
    },
  },
  conflict: {
    en: 'Someone else changed this entry since you opened it. Reload the page to see their version, then redo your change.',
    zh: '自您打开后，此条目已被他人修改。请重新加载页面查看最新版本，然后重新修改。',
  },
  read_only: {
    en: 'The atlas is read-only for a moment (its main database is away): nothing was saved. Try again shortly.',
    zh: '图谱暂时只读（主数据库不可用）：未保存任何内容。请稍后再试。',
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
    copy: { en: 'Copy', zh: '复制' },
    copied: { en: 'Copied to the clipboard', zh: '已复制到剪贴板' },
    copy_failed: { en: 'Could not copy: select the key and copy it by hand.', zh: '无法复制：请选中密钥手动复制。' },
  },
  webhooks: {
    url: { en: 'Endpoint URL', zh: '接收地址 (URL)' },
    url_help: {
      en: 'An https address that receives a signed POST for each change (see docs/webhooks.md).',
      zh: '一个 https 地址，每次变更都会收到一条带签名的 POST 请求（见 docs/webhooks.md）。',
    },
    events_label: { en: 'Events', zh: '事件' },
    events: {
      published: { en: 'Published', zh: '已发布' },
      archived: { en: 'Archived', zh: '已归档' },
      restored: { en: 'Restored', zh: '已恢复' },
    },
    collections: { en: 'Collections', zh: '数据集合' },
    collections_help: { en: 'Leave empty for every collection.', zh: '留空表示所有数据集合。' },
    all_collections: { en: 'All collections', zh: '所有数据集合' },
    active: { en: 'Active', zh: '启用' },
    description: { en: 'Description', zh: '说明' },
    created_at: { en: 'Created', zh: '创建时间' },
    secret_title: { en: 'The webhook’s signing secret', zh: 'Webhook 签名密钥' },
    secret_once: {
      en: 'Copy it now into your receiver: it is shown this once. It verifies the Webhook-Signature of each delivery.',
      zh: '请立即复制到接收端：密钥只显示这一次。它用于校验每次推送的 Webhook-Signature。',
    },
    deliveries: { en: 'Delivery log', zh: '推送记录' },
    no_deliveries: { en: 'Nothing sent yet.', zh: '尚未推送任何事件。' },
    event: { en: 'Event', zh: '事件' },
    entry: { en: 'Entry', zh: '条目' },
    state: { en: 'State', zh: '状态' },
    attempts: { en: 'Attempts', zh: '尝试' },
    states: {
      pending: { en: 'Pending', zh: '待推送' },
      delivered: { en: 'Delivered', zh: '已送达' },
      failed: { en: 'Failed', zh: '失败' },
    },
    next_at: { en: 'next attempt %{at}', zh: '下次尝试 %{at}' },
    retry_at: { en: 'retry %{at}', zh: '重试于 %{at}' },
  },
  users: {
    password_help: {
      en: 'At least 12 characters. Leave empty to keep the current one.',
      zh: '至少 12 个字符。留空则保持原密码。',
    },
  },
  form: {
    uncited: {
      en: 'Saved. It cites no source yet: add one before submitting it for review.',
      zh: '已保存。该条目尚未引用任何来源：送审前请添加。',
    },
    original: { en: 'original', zh: '原文' },
    add: { en: 'Add', zh: '添加' },
  },
  /** Validation messages: what is wrong and what to type instead, the hint included. */
  validation: {
    required: { en: 'Required: fill this in.', zh: '必填：请填写此项。' },
    invalid: { en: 'This value is not valid here.', zh: '此项的值无效。' },
    unknown_field: { en: 'This field does not belong to this kind of entry.', zh: '此类条目没有这个字段。' },
    integer: { en: 'Use a whole number, like 2022.', zh: '请填写整数，例如 2022。' },
    number: { en: 'Use a number, like 52700000000.', zh: '请填写数字，例如 52700000000。' },
    text: { en: 'Use text here.', zh: '此处请填写文字。' },
    list: { en: 'Use a list here.', zh: '此处请填写列表。' },
    boolean: { en: 'Choose yes or no.', zh: '请选择是或否。' },
    email: { en: 'Use an e-mail address, like name@example.org.', zh: '请填写电子邮箱地址，例如 name@example.org。' },
    url: {
      en: 'Use a full web address starting with http:// or https://, like https://www.congress.gov/.',
      zh: '请填写以 http:// 或 https:// 开头的完整网址，例如 https://www.congress.gov/。',
    },
    date_time: { en: 'Use a date and time, like 2026-12-02 14:53.', zh: '请填写日期和时间，例如 2026-12-02 14:53。' },
    partial_date: {
      en: 'Use a date as precise as the source gives it: 2022, 2022-08 or 2022-08-09.',
      zh: '请按来源给出的精度填写日期：2022、2022-08 或 2022-08-09。',
    },
    slug: {
      en: 'Use lower-case words joined by hyphens, like us-chips-act-2022.',
      zh: '请用以连字符连接的小写英文单词或数字，例如 us-chips-act-2022。',
    },
    paper_ref: {
      en: 'Use a part of the paper, like part-3.2, table-2 or conclusion.',
      zh: '请填写论文中的位置，例如 part-3.2、table-2 或 conclusion。',
    },
    doi: {
      en: 'Use a DOI as it is printed, like 10.1016/j.respol.2023.104789.',
      zh: '请按原样填写 DOI，例如 10.1016/j.respol.2023.104789。',
    },
    pattern: { en: 'This value is not in the expected form.', zh: '此项的格式不符合要求。' },
    text_pattern: {
      en: 'Remove control characters and break up words longer than 100 characters.',
      zh: '请删除控制字符，并拆分超过 100 个字符的单词。',
    },
    min_length: { en: 'Too short: use at least %{limit} characters.', zh: '太短：至少需要 %{limit} 个字符。' },
    max_length: { en: 'Too long: use at most %{limit} characters.', zh: '太长：最多 %{limit} 个字符。' },
    min_items: { en: 'Add at least %{limit}.', zh: '请至少添加 %{limit} 项。' },
    max_items: { en: 'Too many: at most %{limit}.', zh: '太多：最多 %{limit} 项。' },
    minimum: { en: 'Too small: use %{limit} or more.', zh: '太小：不能小于 %{limit}。' },
    maximum: { en: 'Too large: use %{limit} or less.', zh: '太大：不能大于 %{limit}。' },
    one_of: { en: 'Pick one of the values the list offers.', zh: '请从列表中选择一项。' },
    unique: { en: 'Each value may appear only once.', zh: '每个值只能出现一次。' },
    category: {
      en: 'This category is not one of the level’s: pick one the list offers, or change the level.',
      zh: '此类别不属于所选层面：请从列表中选择，或更改层面。',
    },
    currency_required: {
      en: 'Pick the currency: the unit is a currency.',
      zh: '请选择币种：单位是货币。',
    },
    unit_currency: {
      en: 'With a currency, the unit must be Currency.',
      zh: '填写了币种时，单位必须是“货币”。',
    },
    unit_required: { en: 'Pick the unit of the value.', zh: '请选择数值的单位。' },
    source_required: {
      en: 'An entry must cite at least one source before it goes to review: add one.',
      zh: '条目送审和发布前必须至少引用一个来源：请添加。',
    },
    taken: {
      en: 'This is already taken: choose another.',
      zh: '已被占用：请换一个。',
    },
  },
  /** A save refused because the entry changed since the form was opened. */
  conflicted: {
    title_other: {
      en: 'Someone else (%{name}) saved this entry while you were editing it (version %{from} → %{to}). Nothing of yours was saved yet.',
      zh: '您编辑期间，其他人（%{name}）保存了此条目（第 %{from} 版 → 第 %{to} 版）。您的修改尚未保存。',
    },
    title_self: {
      en: 'You saved this entry in another session while editing it here (version %{from} → %{to}). Nothing of this form was saved yet.',
      zh: '您在另一个会话中保存了此条目（第 %{from} 版 → 第 %{to} 版）。此表单的修改尚未保存。',
    },
    changes: {
      en: 'What changed meanwhile, from version %{from} (where you started) to version %{to}:',
      zh: '在此期间的修改，从您开始编辑的第 %{from} 版到第 %{to} 版：',
    },
    keep: { en: 'Put my changes on top', zh: '在最新版本上保留我的修改' },
    discard: { en: 'Discard my changes', zh: '放弃我的修改' },
    kept: {
      en: 'Your changes are now on top of version %{version}: check them, then save.',
      zh: '您的修改已放在第 %{version} 版之上：请检查后保存。',
    },
    discarded: {
      en: 'Your changes were discarded: this is the current version.',
      zh: '已放弃您的修改：当前显示的是最新版本。',
    },
    notice: {
      en: 'Not saved: this entry changed while you were editing it. See what changed, then choose how to go on.',
      zh: '未保存：您编辑期间此条目已被修改。请查看修改内容，再选择如何继续。',
    },
  },
  /** Who made a change: the seed, an API key, or an author the API cannot name. */
  actor: {
    seed: { en: 'the seed data', zh: '初始数据' },
    key: { en: 'API key “%{name}”', zh: 'API 密钥“%{name}”' },
    other: { en: 'another user (%{id})', zh: '其他用户（%{id}）' },
  },
  /** Helper texts under inputs, by field (the shared schemas describe them in English only). */
  help: {
    id: {
      en: 'Lower-case words joined by hyphens, like us-chips-and-science-act-2022. It never changes once published.',
      zh: '以连字符连接的小写英文单词或数字，例如 us-chips-and-science-act-2022。发布后不再更改。',
    },
    slug: {
      en: 'A readable id in lower-case words joined by hyphens; it never changes once published.',
      zh: '由连字符连接的小写英文单词组成的标识；发布后不再更改。',
    },
    publisher: { en: 'Publisher, issuing body or outlet.', zh: '出版者、发布机构或媒体。' },
    container: { en: 'Journal or series, for articles.', zh: '文章所在的期刊或丛书。' },
    date: {
      en: 'As precise as the source gives it: 2022, 2022-08 or 2022-08-09.',
      zh: '按来源给出的精度：2022、2022-08 或 2022-08-09。',
    },
    url: { en: 'Where to read it: http or https.', zh: '阅读地址：http 或 https 开头。' },
    citation: { en: 'The reference as printed in the seed paper.', zh: '种子论文中印刷的引文。' },
    year: { en: 'Calendar year.', zh: '公历年份。' },
    value: { en: 'Full units: 527 亿美元 is 52700000000.', zh: '以完整单位填写：527 亿美元即 52700000000。' },
    ordinal: { en: 'Order within its kind, as in the paper.', zh: '在同类中的序号，与论文一致。' },
  },
}

/** Accounts sign in with an email, where react-admin's form says "username". */
const SIGN_IN_NAME = { en: 'Email', zh: '电子邮箱' }

const messagesOf = (locale: Locale, base: TranslationMessages): TranslationMessages => ({
  ...base,
  ra: { ...base.ra, auth: { ...base.ra.auth, username: SIGN_IN_NAME[locale] } },
  atlas: { ...inLanguage(APP, locale), fields: pick(FIELD_LABELS, locale), values: pick(VALUE_LABELS, locale) },
  resources: Object.fromEntries(Object.entries(RESOURCE_NAMES).map(([name, label]) => [name, { name: label[locale] }])),
})

/** Should a react-admin upgrade add messages before ra-zh.ts has them, they show in English rather than as keys. */
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
  zh: messagesOf('zh', deepMerge(englishMessages, raChinese)),
}
