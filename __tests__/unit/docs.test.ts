/**
 * The README's input and output tables, and the workflows that use the action, are kept in
 * step with action.yml: a renamed input or a changed default fails here.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { readActionYml, ROOT } from '../../scripts/local-runner.js'
import { INPUT_NAMES } from '../../src/config/index.js'

const action = readActionYml()
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')

/** Rows of the table under a `## heading`: first cell name, second cell (if any) the default. */
function tableRows(heading: string): Map<string, string[]> {
  const section = readme.split(/^## /m).find(part => part.startsWith(`${heading}\n`)) ?? ''
  const rows = new Map<string, string[]>()
  for (const line of section.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map(cell => cell.trim())
    const name = /^`([a-z-]+)`$/.exec(cells[1] ?? '')?.[1]
    if (name) rows.set(name, cells.slice(2, -1))
  }
  return rows
}

describe('src/config.ts knows every input', () => {
  it('lists the inputs of action.yml in INPUT_NAMES, so every one is scanned for credentials', () => {
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(action.inputs).sort())
  })
})

describe('README tables match action.yml', () => {
  it('lists every input once, with its default', () => {
    const rows = tableRows('Inputs')
    expect([...rows.keys()].sort()).toEqual(Object.keys(action.inputs).sort())
    for (const [name, spec] of Object.entries(action.inputs)) {
      const documented = rows.get(name)![0]
      if (spec.default !== undefined) expect([name, documented]).toEqual([name, `\`${spec.default}\``])
    }
  })

  it('lists every output once', () => {
    expect([...tableRows('Outputs').keys()].sort()).toEqual(Object.keys(action.outputs).sort())
  })

  it('describes every input and output in action.yml', () => {
    for (const spec of [...Object.values(action.inputs), ...Object.values(action.outputs)]) {
      expect(String((spec as { description?: string }).description ?? '').length).toBeGreaterThan(10)
    }
  })
})

describe('workflows', () => {
  const dir = path.join(ROOT, '.github', 'workflows')
  const files = readdirSync(dir).filter(file => file.endsWith('.yml'))

  it.each(files)('%s parses and gives the action only inputs it declares', file => {
    const workflow = parse(readFileSync(path.join(dir, file), 'utf8')) as {
      jobs: Record<string, { steps: Array<{ uses?: string; with?: object }> }>
    }
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps.filter(step => step.uses === './')) {
        for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input)
      }
    }
  })

  it('README examples give the action only inputs it declares', () => {
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(match => match[1])
    expect(blocks.length).toBeGreaterThan(3)
    for (const block of blocks) {
      // A block is a list of steps, or a whole workflow with jobs.
      type Step = { uses?: string; with?: object }
      const parsed = parse(block) as Step[] | { jobs: Record<string, { steps: Step[] }> }
      const steps = Array.isArray(parsed) ? parsed : Object.values(parsed.jobs).flatMap(job => job.steps)
      for (const step of steps.filter(step => step.uses?.includes('appmixer-action'))) {
        for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input)
      }
    }
  })
})
