/**
 * An Aho–Corasick automaton over UTF-16 code units: every occurrence of every pattern found in
 * one pass over a text, whatever the number of patterns. Built once from a list (no sorting),
 * held in typed arrays so that 100,000 patterns cost tens of megabytes, not a million Maps.
 *
 * The root's transitions are a dense table (one slot per code unit); every other node keeps its
 * children as a sibling list, which is short below the first level.
 */
const ROOT = 0
const NONE = -1

export class Automaton {
  /** The number of patterns it was built from. */
  readonly patterns: number
  /** The length of the longest pattern. */
  readonly longest: number
  private readonly rootNext: Int32Array
  private readonly firstChild: Int32Array
  private readonly nextSibling: Int32Array
  private readonly label: Uint16Array
  private readonly fail: Int32Array
  /** The length of the longest pattern that ends at this node (its own, or one reached by fail links); 0 when none. */
  private readonly out: Int32Array
  private readonly depthOf: Int32Array

  constructor(patterns: Iterable<string>) {
    const list = [...patterns].filter(pattern => pattern.length > 0)
    let capacity = 1
    let longest = 0
    for (const pattern of list) {
      capacity += pattern.length
      if (pattern.length > longest) longest = pattern.length
    }
    this.patterns = list.length
    this.longest = longest
    this.rootNext = new Int32Array(0x10000).fill(NONE)
    this.firstChild = new Int32Array(capacity).fill(NONE)
    this.nextSibling = new Int32Array(capacity).fill(NONE)
    this.label = new Uint16Array(capacity)
    this.fail = new Int32Array(capacity)
    this.out = new Int32Array(capacity)
    this.depthOf = new Int32Array(capacity)
    let nodes = 1
    for (const pattern of list) {
      let node = ROOT
      for (let i = 0; i < pattern.length; i++) {
        const code = pattern.charCodeAt(i)
        let next = this.child(node, code)
        if (next === NONE) {
          next = nodes++
          this.label[next] = code
          this.depthOf[next] = i + 1
          if (node === ROOT) this.rootNext[code] = next
          else {
            this.nextSibling[next] = this.firstChild[node]
            this.firstChild[node] = next
          }
        }
        node = next
      }
      this.out[node] = pattern.length
    }
    this.link(nodes)
  }

  /** Fail links, breadth first: each node's longest proper suffix that is also a path from the root. */
  private link(nodes: number): void {
    const queue = new Int32Array(nodes)
    let head = 0
    let tail = 0
    for (let code = 0; code < 0x10000; code++) {
      const node = this.rootNext[code]
      if (node !== NONE) {
        this.fail[node] = ROOT
        queue[tail++] = node
      }
    }
    while (head < tail) {
      const node = queue[head++]
      for (let child = this.firstChild[node]; child !== NONE; child = this.nextSibling[child]) {
        this.fail[child] = this.step(this.fail[node], this.label[child])
        if (this.out[this.fail[child]] > this.out[child]) this.out[child] = this.out[this.fail[child]]
        queue[tail++] = child
      }
    }
  }

  private child(node: number, code: number): number {
    if (node === ROOT) return this.rootNext[code]
    for (let child = this.firstChild[node]; child !== NONE; child = this.nextSibling[child]) {
      if (this.label[child] === code) return child
    }
    return NONE
  }

  /** The state after reading `code` in state `node`. */
  step(node: number, code: number): number {
    for (;;) {
      const next = this.child(node, code)
      if (next !== NONE) return next
      if (node === ROOT) return ROOT
      node = this.fail[node]
    }
  }

  /** The length of the longest pattern that ends in this state (0: none). */
  matchLength(state: number): number {
    return this.out[state]
  }

  /** How many of the last code units read could still begin a match. */
  depth(state: number): number {
    return this.depthOf[state]
  }
}

/**
 * The stretches of `text` covered by some pattern of any of the automata, overlapping ones
 * merged, as [start, end) pairs in order: one pass over the text, all automata stepped together.
 */
export function coveredSpans(automata: readonly Automaton[], text: string): number[] {
  const spans: number[] = []
  const states = new Int32Array(automata.length)
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    let length = 0
    for (let a = 0; a < automata.length; a++) {
      const automaton = automata[a]
      const state = automaton.step(states[a], code)
      states[a] = state
      const found = automaton.matchLength(state)
      if (found > length) length = found
    }
    if (length === 0) continue
    // A match ends here; it starts at or after the start of every match before it that it overlaps.
    let start = i + 1 - length
    const end = i + 1
    while (spans.length > 0 && spans[spans.length - 1] > start) {
      const previousStart = spans[spans.length - 2]
      spans.length -= 2
      if (previousStart < start) start = previousStart
    }
    spans.push(start, end)
  }
  return spans
}
