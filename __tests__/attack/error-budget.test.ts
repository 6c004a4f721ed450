/**
 * Attacks on the error budget (`max-errors`): a count the action cannot complete must never pass.
 */
import { errorRecords, makeFlow } from '../../sandbox/seed.js'
import { attack, startSandbox, type Sandbox } from './harness.js'

let sandbox: Sandbox
afterEach(() => sandbox?.close())

describe('error budget: a count that cannot be completed is not a pass', () => {
  it('a server without a histogram that caps a page below the size asked does not pass 500 errors under a budget of 100', async () => {
    const flow = makeFlow('Orders sync')
    // 500 error records in the window; the server answers at most 50 hits a request and no buckets.
    sandbox = await startSandbox({
      flows: [flow],
      logs: errorRecords(flow.flowId, 500, { now: Date.now() }),
      logsWithoutBuckets: true,
      logsMaxSize: 50
    })
    const trace = await attack(sandbox, { flows: 'Orders sync', 'max-errors': '100' })
    const flows = JSON.parse(trace.outputs.flows ?? '[]')
    // Observed today: result pass, errors 50 (one short page taken for the last one).
    expect({ result: trace.outputs.result, errors: flows[0]?.errors }).not.toEqual({ result: 'pass', errors: 50 })
    expect(trace.outputs.result).not.toBe('pass')
  })

  it('a histogram that sums below the hits of a capped page still never passes more errors than the budget', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow] })
    // buckets claim 3 records; the hits page (capped at 50 by the server) is full: there are more.
    const hits = Array.from({ length: 50 }, (_, i) => ({ flowId: flow.flowId, severity: 'error', msg: `boom ${i}` }))
    sandbox.fault({ method: 'GET', path: '/logs', status: 200, body: { buckets: [{ key: 1, doc_count: 3 }], hits } })
    const trace = await attack(sandbox, { flows: 'Orders sync', 'max-errors': '10' })
    expect(trace.outputs.result).toBe('fail')
  })
})
