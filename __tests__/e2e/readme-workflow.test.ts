/**
 * The README's complete workflow, as a user copies it: its Appmixer steps run through
 * dist/index.js against the sandbox, in order, with the workflow's own `if:` and expressions,
 * on a deploy that succeeds and on one that fails (and so puts the stopped flows back).
 * The secrets become the sandbox's demo credentials, `tenant` its URL, and the hold a few
 * seconds instead of ten minutes; nothing else of the workflow is changed.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { readmeWorkflow } from '../../scripts/lint-workflows.mjs'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, demoTenant } from '../../sandbox/seed.js'
import { runScenario, type Sandbox } from '../helpers/scenario.js'

type Step = { name?: string; id?: string; if?: string; uses?: string; run?: string; with?: Record<string, string | number | boolean> }

const workflow = parse(readmeWorkflow(readFileSync('README.md', 'utf8'))!) as { jobs: Record<string, { steps: Step[] }> }
const steps = Object.values(workflow.jobs)[0].steps

let sandbox: Sandbox
afterEach(() => sandbox?.close())

/** The few expressions the workflow uses, evaluated as GitHub would. */
function evaluate(text: string, outputs: Map<string, Record<string, string>>): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'secrets.APPMIXER_USERNAME') return DEMO_USER.username
    if (expression === 'secrets.APPMIXER_PASSWORD') return DEMO_USER.password
    const joined = /^join\(fromJSON\(steps\.(\w+)\.outputs\.changed\)\.\*\.flowId, fromJSON\('"\\n"'\)\)$/.exec(expression)
    if (joined) return (JSON.parse(outputs.get(joined[1])?.changed ?? '[]') as Array<{ flowId: string }>).map(c => c.flowId).join('\n')
    throw new Error(`The README workflow uses an expression this test does not know: ${expression}`)
  })
}

/** `if:` as the workflow writes it: success() by default, or failure() with a condition on an output. */
function runs(step: Step, failed: boolean, outputs: Map<string, Record<string, string>>): boolean {
  if (!step.if) return !failed
  const match = /^failure\(\) && steps\.(\w+)\.outputs\.changed != '' && steps\.(\w+)\.outputs\.changed != '\[\]'$/.exec(step.if)
  if (!match) throw new Error(`The README workflow uses an if: this test does not know: ${step.if}`)
  const changed = outputs.get(match[1])?.changed ?? ''
  return failed && changed !== '' && changed !== '[]'
}

async function runWorkflow(deploySucceeds: boolean) {
  const outputs = new Map<string, Record<string, string>>()
  const ran: string[] = []
  let failed = false
  for (const step of steps) {
    if (!runs(step, failed, outputs)) continue
    ran.push(step.name ?? step.uses ?? step.run ?? '')
    if (step.run) {
      failed ||= !deploySucceeds
      continue
    }
    if (!step.uses?.includes('appmixer-action')) continue
    const inputs: Record<string, string> = {}
    for (const [name, value] of Object.entries(step.with ?? {})) inputs[name] = evaluate(String(value), outputs)
    delete inputs.tenant
    inputs['base-url'] = sandbox.url
    if (inputs.hold) inputs.hold = '2s'
    if (inputs.wait) inputs.wait = '30s'
    inputs['poll-interval'] = '500ms'
    const run = await runScenario(sandbox, { inputs })
    if (step.id) outputs.set(step.id, run.outputs)
    if (run.code !== 0) failed = true
  }
  return { ran, failed, outputs }
}

describe('the README complete workflow', () => {
  it('deploys between a stop and a start, and the gate, start and hold all pass', async () => {
    sandbox = await startSandbox(demoTenant())
    const { ran, failed, outputs } = await runWorkflow(true)
    expect(failed).toBe(false)
    expect(ran).not.toContain('Put the stopped flows back')
    expect(outputs.get('start')?.result).toBe('pass')
    expect(['Orders sync', 'Invoice mailer'].map(name => sandbox.flowNamed(name)!.stage)).toEqual(['running', 'running'])
  }, 90_000)

  it('puts the stopped flows back when the deploy fails', async () => {
    sandbox = await startSandbox(demoTenant())
    const { ran, failed } = await runWorkflow(false)
    expect(failed).toBe(true)
    expect(ran).toContain('Put the stopped flows back')
    expect(ran).not.toContain('Start them, wait until they run, watch them for 10 minutes')
    expect(['Orders sync', 'Invoice mailer'].map(name => sandbox.flowNamed(name)!.stage)).toEqual(['running', 'running'])
  }, 90_000)
})
