/**
 * `pass` is proven, through dist/index.js under Node 24 as the runner runs it: a restart ends
 * with the flows running, the budget counts what a real tenant records, and a step with nothing
 * to check (or a mistyped input) fails before any request.
 */
import { startSandbox } from '../../sandbox/server.js'
import { errorRecords, levelOnlyRecord, makeFlow } from '../../sandbox/seed.js'
import { runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'

let sandbox: Sandbox

afterEach(() => sandbox?.close())

describe('a restart that finishes', () => {
  it('waits out a stop that takes 3 s, then starts: the flows end running', async () => {
    const flows = [makeFlow('Orders sync'), makeFlow('Invoice mailer')]
    sandbox = await startSandbox({ flows, stopDurationMs: 3_000 })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'Orders sync\nInvoice mailer', command: 'restart' } })
    expect(step.code).toBe(0)
    expect(step.outputs.result).toBe('pass')
    expect(flows.map(flow => sandbox.flowNamed(flow.name)!.stage)).toEqual(['running', 'running'])
    const sent = sandbox.requests.filter(request => request.path.endsWith('/coordinator')).map(request => JSON.parse(request.body).command)
    expect(sent).toEqual(['stop', 'stop', 'start', 'start'])
    expect(JSON.parse(step.outputs.changed)).toEqual(
      flows.map(flow => ({ flowId: flow.flowId, name: flow.name, action: 'restart', before: 'running', after: 'running' }))
    )
  })

  it('does not wait a poll-interval when the stops complete at once', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync')] })
    const step = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), flows: 'Orders sync', command: 'restart', 'poll-interval': '15s' }
    })
    expect(step.outputs.result).toBe('pass')
    // Followed every second: well inside one poll-interval (Node's start-up included).
    expect(step.durationMs).toBeLessThan(10_000)
  })
})

describe('an error budget on real records', () => {
  it('fails on records whose level is only in level, with the combined count', async () => {
    const flow = makeFlow('Orders sync')
    const at = new Date(Date.now() - 60_000).toISOString()
    sandbox = await startSandbox({
      flows: [flow],
      logs: [levelOnlyRecord(flow.flowId, 'error', at), levelOnlyRecord(flow.flowId, 'error', at)]
    })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'Orders sync', 'max-errors': '1' } })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('fail')
    expect(step.stdout).toContain('2 errors in the last 15m, budget 1')
    expect(step.summary).toContain('2 errors in the last 15m, budget 1')
  })

  it('fails a budget of 1,000 over 1,500 records', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], logs: errorRecords(flow.flowId, 1_500, { now: Date.now() }) })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'Orders sync', 'max-errors': '1000' } })
    expect(step.outputs.result).toBe('fail')
    expect(JSON.parse(step.outputs.flows)[0].errors).toBe(1_500)
  })
})

describe('a step that checks nothing fails', () => {
  it.each([
    [{ INPUT_FLOW: 'Orders sync' }, "::error::Input 'flow': is not an input of this action; did you mean 'flows'?"],
    [
      { 'INPUT_MAX-ERROR': '0', INPUT_FLOWS: 'Orders sync' },
      "::error::Input 'max-error': is not an input of this action; did you mean 'max-errors'?"
    ]
  ])('a mistyped input %j, before any request', async (env, message) => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: signInTo(sandbox), env })
    expect(step.code).toBe(1)
    expect(step.stdout).toContain(message)
    expect(step.outputs.result).toBe('fail')
    expect(sandbox.requests).toHaveLength(0)
  })

  it('flows from an unset variable, before any request', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: '' } })
    expect(step.code).toBe(1)
    expect(step.stdout).toContain(
      "::error::Input 'flows': nothing to check: set flows (a gate), endpoint (a call), publish, deploy or export"
    )
    expect(sandbox.requests).toHaveLength(0)
  })
})
