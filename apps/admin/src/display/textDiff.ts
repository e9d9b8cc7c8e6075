export type DiffPart = { text: string; change: 'same' | 'removed' | 'added' }

/** Words with the space after them, single CJK characters, runs of space and single other characters: the units a reader compares. */
const tokens = (text: string) => text.match(/[\u3000-\u9fff\uf900-\ufaff]|[\p{L}\p{N}]+\s*|\s+|./gsu) ?? []

/** Beyond this many token pairs the diff shows the whole texts rather than spend the browser's time. */
const MAX_CELLS = 2_000_000

/** A word-level diff (longest common subsequence) of two texts, for a readable before/after. */
export const diffText = (before: string, after: string): DiffPart[] => {
  const a = tokens(before)
  const b = tokens(after)
  if (a.length * b.length > MAX_CELLS)
    return [
      { text: before, change: 'removed' },
      { text: after, change: 'added' },
    ]
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  }
  const parts: DiffPart[] = []
  const push = (text: string, change: DiffPart['change']) => {
    const last = parts.at(-1)
    if (last?.change === change) last.text += text
    else parts.push({ text, change })
  }
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(a[i]!, 'same')
      i++
      j++
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push(a[i++]!, 'removed')
    else push(b[j++]!, 'added')
  }
  while (i < a.length) push(a[i++]!, 'removed')
  while (j < b.length) push(b[j++]!, 'added')
  return parts
}
