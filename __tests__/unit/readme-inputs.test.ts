/**
 * scripts/readme-inputs.mjs renders the README's inputs and outputs tables from action.yml
 * between their markers; `--check` fails on a stale table and passes, with a notice, on a README
 * without markers.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { cell, inputsTable, outputsTable, renderedReadme, renderTables } from '../../scripts/readme-inputs.mjs'
import { readActionYml, ROOT } from '../../scripts/local-runner.js'

const action = readActionYml()
const MARKED = [
  '# Example',
  '',
  '## Inputs',
  '',
  '<!-- inputs:start -->',
  'stale',
  '<!-- inputs:end -->',
  '',
  '## Outputs',
  '',
  '<!-- outputs:start -->',
  '<!-- outputs:end -->',
  '',
  '## After',
  '',
  'Kept as it is.',
  ''
].join('\n')

let dir: string
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'readme-inputs-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const script = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'readme-inputs.mjs'), ...args], { encoding: 'utf8' })

describe('the tables', () => {
  it('have a row per input, in action.yml order, with its default and whole description', () => {
    const rows = inputsTable(action).split('\n').slice(2)
    expect(rows.map(row => /^\| `([a-z-]+)` \|/.exec(row)?.[1])).toEqual(Object.keys(action.inputs))
    expect(rows.find(row => row.startsWith('| `poll-interval` |'))).toBe(
      `| \`poll-interval\` | \`15s\` | ${cell(action.inputs['poll-interval'].description!)} |`
    )
    expect(
      outputsTable(action)
        .split('\n')
        .slice(2)
        .map(row => /^\| `([a-z-]+)` \|/.exec(row)?.[1])
    ).toEqual(Object.keys(action.outputs))
  })

  it('escape what Markdown would read as markup', () => {
    expect(cell('a | b <tenant>\n  *x*')).toBe('a \\| b \\<tenant> \\*x\\*')
  })

  it('go between the markers, leaving the rest of the README as it is', () => {
    const { text, missing } = renderTables(MARKED, action)
    expect(missing).toEqual([])
    expect(text).not.toContain('stale')
    expect(text).toContain(`<!-- inputs:start -->\n\n${inputsTable(action)}\n\n<!-- inputs:end -->`)
    expect(text).toContain(`<!-- outputs:start -->\n\n${outputsTable(action)}\n\n<!-- outputs:end -->`)
    expect(text.endsWith('## After\n\nKept as it is.\n')).toBe(true)
  })
})

describe('node scripts/readme-inputs.mjs', () => {
  it('writes the tables, then --check passes; a stale table fails --check', async () => {
    const file = path.join(dir, 'README.md')
    writeFileSync(file, MARKED)
    expect(script('--check', file).status).toBe(1)
    const write = script(file)
    expect(write.status).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe((await renderedReadme(file, action)).text)
    const check = script('--check', file)
    expect([check.status, check.stdout]).toEqual([0, expect.stringContaining('match action.yml')])
    writeFileSync(file, readFileSync(file, 'utf8').replace('`15s`', '`10s`'))
    const stale = script('--check', file)
    expect([stale.status, stale.stderr]).toEqual([1, expect.stringContaining('Run: npm run readme')])
  })

  it('--check passes with a notice when the README has no markers yet; writing fails', () => {
    const file = path.join(dir, 'README.md')
    writeFileSync(file, '# No markers\n')
    const check = script('--check', file)
    expect([check.status, check.stdout]).toEqual([0, expect.stringMatching(/^Notice: .*no <!-- inputs:start -->/)])
    expect(script(file).status).toBe(1)
    expect(readFileSync(file, 'utf8')).toBe('# No markers\n')
  })

  it("passes --check on the repository's README", () => {
    expect(script('--check').status).toBe(0)
  })
})
