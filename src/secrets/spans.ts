/**
 * Where secrets are in a text, as [start, end) spans in order, overlapping ones merged: the
 * shape both searches return (the automaton's, and this module's for a few spellings).
 */

/**
 * The spans of every occurrence of every pattern, found by the engine's own `indexOf`, one
 * pattern at a time. For the ~20 spellings of a step's password and token in a log line, this
 * is far cheaper than stepping an automaton code unit by code unit in a process that has just
 * started (its loop runs in the interpreter); it finds the same spans (a unit test compares).
 * Its work can grow with the text's length times a spelling's on a repetitive text: the caller
 * bounds that product (secrets.ts).
 */
export function spansByIndexOf(patterns: Iterable<string>, text: string): number[] {
  const found: number[] = []
  for (const pattern of patterns) {
    if (pattern.length === 0) continue
    // Every occurrence, overlapping ones too: `aa` is found twice in `aaa`.
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) found.push(at, at + pattern.length)
  }
  if (found.length <= 2) return found
  const order = Array.from({ length: found.length / 2 }, (_, index) => index * 2)
  order.sort((a, b) => found[a + 1] - found[b + 1] || found[a] - found[b])
  const spans: number[] = []
  for (const index of order) pushSpan(spans, found[index], found[index + 1])
  return spans
}

/** Adds [start, end) to spans ordered by end, merged with those it overlaps. */
export function pushSpan(spans: number[], start: number, end: number): void {
  while (spans.length > 0 && spans[spans.length - 1] > start) {
    const previousStart = spans[spans.length - 2]
    spans.length -= 2
    if (previousStart < start) start = previousStart
  }
  spans.push(start, end)
}
