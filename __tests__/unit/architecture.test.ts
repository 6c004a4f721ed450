/**
 * The shape of src/: modules import each other without cycles (type imports included), so data
 * flows one way; and no module but the runner facade speaks the runner's protocol, which is
 * `@actions/core`'s to write.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const SRC = path.resolve('src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []
  )
}

/** A file without its comments. */
function codeOf(file: string): string {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(line => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .join('\n')
}

/** Each module's local imports, as paths relative to src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8')
    const targets = [...text.matchAll(/^(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)].map(([, spec]) =>
      path.relative(SRC, path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')))
    )
    graph.set(path.relative(SRC, file), targets)
  }
  return graph
}

/** Every cycle, as the chain of modules that closes it. */
export function cyclesOf(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): void => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of graph.keys()) if (!state.has(node)) visit(node)
  return cycles
}

describe('architecture of src/', () => {
  it('has no import cycles', () => {
    const graph = importGraph()
    expect(graph.size).toBeGreaterThan(15)
    expect(cyclesOf(graph)).toEqual([])
  })

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']]
    ])
    expect(cyclesOf(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']])
  })

  it('writes no workflow command, output file or stdout by hand: @actions/core does, behind runner.ts', () => {
    const offenders = sourceFiles(SRC)
      .filter(file => path.relative(SRC, file) !== 'runner.ts')
      .filter(file => /process\.stdout|GITHUB_OUTPUT|GITHUB_STEP_SUMMARY|['`]::[a-z-]+|from '@actions\/core'/.test(codeOf(file)))
      .map(file => path.relative(SRC, file))
    expect(offenders).toEqual([])
  })
})

describe('the layout reads at a glance', () => {
  it('keeps every module of src/ within 250 lines', () => {
    const long = sourceFiles(SRC)
      .map(file => [path.relative(SRC, file), readFileSync(file, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 250)
    expect(long).toEqual([])
  })

  it('points comments at the repository only: docs/appmixer-api.md sections that exist, never shared/ or an issue', () => {
    const docs = readFileSync('docs/appmixer-api.md', 'utf8')
    const sections = new Set([...docs.matchAll(/^## (\d+)\./gm)].map(([, number]) => number))
    const trees = ['src', 'sandbox', 'scripts', '__tests__'].map(dir => path.resolve(dir))
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
        entry.isDirectory() ? walk(path.join(dir, entry.name)) : /\.(ts|js|mjs)$/.test(entry.name) ? [path.join(dir, entry.name)] : []
      )
    const files = trees.flatMap(walk)
    const problems: string[] = []
    for (const file of files) {
      if (file.endsWith('architecture.test.ts')) continue
      const text = readFileSync(file, 'utf8')
      if (/shared\/appmixer-api|shared\/design/.test(text)) problems.push(`${file}: points at shared/`)
      if (/\(issue \d+\)|\bissue #?\d+\b/i.test(text)) problems.push(`${file}: points at an issue`)
      for (const [, number] of text.matchAll(/docs\/appmixer-api\.md §(\d+)/g)) {
        if (!sections.has(number)) problems.push(`${file}: §${number} is not a section of docs/appmixer-api.md`)
      }
    }
    expect(problems).toEqual([])
  })
})
