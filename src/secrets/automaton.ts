/**
 * An Aho–Corasick automaton over UTF-16 code units: every occurrence of every pattern found in
 * one pass over a text, whatever the number of patterns. Built once from a list (no sorting),
 * held in typed arrays so that 100,000 patterns cost tens of megabytes, not a million Maps.
 *
 * Transitions: the root's are a dense table (one slot per code unit); a node with many
 * children (near the root, where base64 spellings fan out) gets a dense table for ASCII,
 * completed with the fail transitions; every other child is found in its parent's sibling
 * list, which is short below the first levels.
 */
import { pushSpan } from './spans.js'

const ROOT = 0
const NONE = -1
/** A node with more children than this gets a dense ASCII table. */
const DENSE_AFTER = 6
const ASCII = 128

export class Automaton {
  /** The number of patterns it was built from. */
  readonly patterns: number
  /** The length of the longest pattern. */
  readonly longest: number
  private readonly rootNext = new Int32Array(0x10000).fill(NONE)
  /** The root's children, as added: the fail links start from them without scanning every code unit. */
  private readonly rootChildren: number[] = []
  private readonly firstChild: Int32Array
  private readonly nextSibling: Int32Array
  private readonly label: Uint16Array
  private readonly children: Int32Array
  /** Where a node's dense ASCII table starts in `tables`, or NONE. */
  private readonly dense: Int32Array
  private tables = new Int32Array(64 * ASCII)
  private tablesUsed = 0
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
    this.firstChild = new Int32Array(capacity).fill(NONE)
    this.nextSibling = new Int32Array(capacity).fill(NONE)
    this.label = new Uint16Array(capacity)
    this.children = new Int32Array(capacity)
    this.dense = new Int32Array(capacity).fill(NONE)
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
          this.addChild(node, next, code)
        }
        node = next
      }
      this.out[node] = pattern.length
    }
    this.link(nodes)
  }

  private addChild(node: number, child: number, code: number): void {
    if (node === ROOT) {
      this.rootNext[code] = child
      this.rootChildren.push(child)
      return
    }
    this.nextSibling[child] = this.firstChild[node]
    this.firstChild[node] = child
    const count = ++this.children[node]
    if (this.dense[node] !== NONE) {
      if (code < ASCII) this.tables[this.dense[node] + code] = child
    } else if (count > DENSE_AFTER) {
      if (this.tablesUsed + ASCII > this.tables.length) {
        const grown = new Int32Array(this.tables.length * 2)
        grown.set(this.tables)
        this.tables = grown
      }
      const at = this.tablesUsed
      this.tablesUsed += ASCII
      this.tables.fill(NONE, at, at + ASCII)
      this.dense[node] = at
      for (let each = this.firstChild[node]; each !== NONE; each = this.nextSibling[each]) {
        if (this.label[each] < ASCII) this.tables[at + this.label[each]] = each
      }
    }
  }

  /** Fail links, breadth first: each node's longest proper suffix that is also a path from the root. */
  private link(nodes: number): void {
    const queue = new Int32Array(nodes)
    let head = 0
    let tail = 0
    for (const node of this.rootChildren) {
      this.fail[node] = ROOT
      queue[tail++] = node
    }
    while (head < tail) {
      const node = queue[head++]
      // A dense table is completed with the transitions the fail links lead to, so that reading
      // ASCII in such a node (one near the root, where most text passes) never walks them.
      const table = this.dense[node]
      if (table !== NONE) {
        for (let code = 0; code < ASCII; code++) {
          if (this.tables[table + code] === NONE) this.tables[table + code] = this.step(this.fail[node], code)
        }
      }
      for (let child = this.firstChild[node]; child !== NONE; child = this.nextSibling[child]) {
        this.fail[child] = this.step(this.fail[node], this.label[child])
        if (this.out[this.fail[child]] > this.out[child]) this.out[child] = this.out[this.fail[child]]
        queue[tail++] = child
      }
    }
  }

  private child(node: number, code: number): number {
    if (node === ROOT) return this.rootNext[code]
    const table = this.dense[node]
    if (table !== NONE && code < ASCII) return this.tables[table + code]
    for (let child = this.firstChild[node]; child !== NONE; child = this.nextSibling[child]) {
      if (this.label[child] === code) return child
    }
    return NONE
  }

  /** The state after reading `code` in state `node`. */
  step(node: number, code: number): number {
    for (; node !== ROOT; node = this.fail[node]) {
      const next = this.child(node, code)
      if (next !== NONE) return next
    }
    const next = this.rootNext[code]
    return next === NONE ? ROOT : next
  }

  /** coveredSpans for this automaton alone: the common case, kept tight (the arrays held in locals). */
  coveredSpans(text: string): number[] {
    const { firstChild, nextSibling, label, fail, out, rootNext, dense, tables } = this
    const spans: number[] = []
    let node = ROOT
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      for (;;) {
        if (node === ROOT) {
          const next = rootNext[code]
          node = next === NONE ? ROOT : next
          break
        }
        const table = dense[node]
        if (table !== NONE && code < ASCII) {
          node = tables[table + code] // complete: a child, or where the fail links lead
          break
        }
        let next = NONE
        for (let child = firstChild[node]; child !== NONE; child = nextSibling[child]) {
          if (label[child] === code) {
            next = child
            break
          }
        }
        if (next !== NONE) {
          node = next
          break
        }
        node = fail[node]
      }
      const length = out[node]
      if (length > 0) pushSpan(spans, i + 1 - length, i + 1)
    }
    return spans
  }

  /** The length of the longest pattern that ends in this state (0: none). */
  matchLength(state: number): number {
    return this.out[state]
  }
}

/**
 * The stretches of `text` covered by some pattern of any of the automata, overlapping ones
 * merged, as [start, end) pairs in order: one pass over the text, all automata stepped together.
 */
export function coveredSpans(automata: readonly Automaton[], text: string): number[] {
  if (automata.length === 1) return automata[0].coveredSpans(text)
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
    if (length > 0) pushSpan(spans, i + 1 - length, i + 1)
  }
  return spans
}
