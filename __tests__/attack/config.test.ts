/**
 * Attacks on INPUT_* checks: a variable the runner would not read as an input must not be taken
 * for one, or a budget is silently ignored.
 */
import { errorRecords, makeFlow } from '../../sandbox/seed.js'
import { runScenario, signInTo } from '../helpers/scenario.js'
import { startSandbox, type Sandbox } from './harness.js'

let sandbox: Sandbox
afterEach(() => sandbox?.close())

describe('INPUT_* variable names', () => {
  it("a lower-case 'INPUT_max-errors' (which @actions/core never reads) is not accepted as the budget and then ignored", async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], logs: errorRecords(flow.flowId, 5, { now: Date.now() }) })
    const step = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), flows: 'Orders sync' },
      env: { 'INPUT_max-errors': '0' }
    })
    // Observed: checkInputNames upper-cases the key and lets it by, core.getInput('max-errors') reads
    // INPUT_MAX-ERRORS (unset), and the gate passes with 5 errors against a budget of 0.
    expect(step.outputs.result).toBe('fail')
  })

  it("'INPUT_FLOWS ' with a trailing space is named as not an input, before any request", async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'Orders sync' }, env: { 'INPUT_MAX-ERRORS ': '0' } })
    expect(step.outputs.result).toBe('fail')
    expect(sandbox.requests).toHaveLength(0)
  })
})
