/** The flow gate on a real tenant's terms, through dist/index.js under Node 24. */
import { readFileSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, OTHER_USER, makeFlow, sharedFlow } from '../../sandbox/seed.js'
import { runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'

let sandbox: Sandbox

afterEach(() => sandbox?.close())

describe('flow gate on a real tenant', () => {
  it('restarts the flows in one step (stop in the background, then start) and gates on running', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync'), makeFlow('Invoice mailer', 'stopped')], coordinatorDelayMs: 200 })
    const step = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), flows: 'Orders sync\nInvoice mailer', command: 'restart', 'poll-interval': '300ms' }
    })
    expect(step.code).toBe(0)
    const commands = sandbox.requests
      .filter(request => request.path.endsWith('/coordinator'))
      .map(request => `${JSON.parse(request.body).command}${request.query.get('background') ? ' (background)' : ''}`)
    expect(commands.sort()).toEqual(['start', 'start', 'stop (background)'])
    expect(step.log).toContain('All 2 flows are running')
  })

  it('names the flow-filter that settles a name shared by an own and a shared flow, and passes with it', async () => {
    sandbox = await startSandbox({ users: [DEMO_USER, OTHER_USER], flows: [makeFlow('Orders sync'), sharedFlow('Orders sync', 'stopped')] })
    const ambiguous = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'Orders sync' } })
    expect(ambiguous.code).toBe(1)
    expect(ambiguous.stdout).toContain(`flow-filter 'userId:${DEMO_USER.id}' keeps only your own`)
    const settled = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), flows: 'Orders sync', 'flow-filter': `userId:${DEMO_USER.id}` }
    })
    expect(settled.code).toBe(0)
  })

  it('writes output flows to flows-file when it is larger than is safe for an output', async () => {
    const flows = Array.from({ length: 1_200 }, (_, i) => makeFlow(`Flow ${i} ${'n'.repeat(100)}`))
    sandbox = await startSandbox({ flows })
    const runnerTemp = mkdtempSync(path.join(os.tmpdir(), 'runner-temp-'))
    const step = await runScenario(sandbox, {
      env: { RUNNER_TEMP: runnerTemp },
      inputs: { ...signInTo(sandbox), flows: flows.map(flow => flow.flowId).join('\n') }
    })
    expect(step.code).toBe(0)
    expect(step.outputs.flows).toBe('')
    expect(JSON.parse(readFileSync(step.outputs['flows-file'], 'utf8'))).toHaveLength(1_200)
    expect(step.stdout).toMatch(/::warning::Output 'flows' \(\d+\.\d KiB\) is larger than is safe for a step output/)
    expect(Math.max(...step.stdout.split('\n').map(line => line.length))).toBeLessThan(2_000)
  })

  it('refuses an expired token before any call, and warns of one that expires before the wait ends', async () => {
    sandbox = await startSandbox()
    const expired = sandbox.tokenFor(DEMO_USER, -60)
    const refused = await runScenario(sandbox, { inputs: { 'base-url': sandbox.url, token: expired, flows: 'Orders sync' } })
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/::error::Input 'token': expired at \d{4}-\d\d-\d\dT/)
    expect(sandbox.requests).toHaveLength(0)
    const expiring = sandbox.tokenFor(DEMO_USER, 120)
    const warned = await runScenario(sandbox, { inputs: { 'base-url': sandbox.url, token: expiring, flows: 'Orders sync', wait: '1h' } })
    expect(warned.code).toBe(0)
    expect(warned.stdout).toMatch(/::warning::Input 'token' expires at .*, before the wait can end/)
  })
})
