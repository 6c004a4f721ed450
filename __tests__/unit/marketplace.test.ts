/**
 * What the GitHub Marketplace shows and checks of action.yml: a name that says what the action
 * does, a description it shows whole (under 125 characters), a known branding colour; and the
 * `INPUT_*` variables the README and .env.example name are inputs the action has.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { inputVariable, ROOT } from '../../scripts/local-runner.js'

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  name: string
  description: string
  branding: { icon: string; color: string }
  inputs: Record<string, unknown>
}

describe('action.yml for the Marketplace', () => {
  it('has a name that says what the action does', () => {
    expect(action.name).toMatch(/^Appmixer .*\b(Gate|Deploy|Flows?)\b/)
    expect(action.name.length).toBeLessThanOrEqual(50)
  })

  it('has a one-line description under 125 characters', () => {
    expect(action.description.length).toBeGreaterThan(20)
    expect(action.description.length).toBeLessThan(125)
    expect(action.description).not.toContain('\n')
  })

  it('has branding with a colour the Marketplace knows', () => {
    expect(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(action.branding.color)
    expect(action.branding.icon).toMatch(/^[a-z0-9-]+$/)
  })
})

describe('INPUT_* variables in the documentation', () => {
  const known = new Set(Object.keys(action.inputs).map(inputVariable))
  it.each(['README.md', '.env.example', 'CONTRIBUTING.md'])('%s names only inputs of action.yml', file => {
    const text = readFileSync(path.join(ROOT, file), 'utf8')
    const named = [...text.matchAll(/\bINPUT_[A-Z0-9_-]*[A-Z0-9]/g)].map(match => match[0])
    for (const variable of named) expect([file, variable, known.has(variable)]).toEqual([file, variable, true])
  })
})
