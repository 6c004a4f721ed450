/**
 * Attacks on the command stage: a restart or stop that did not happen must not pass, and bad
 * settings must not stop production flows before the step fails.
 */
import { makeFlow } from '../../sandbox/seed.js'
import { attack, stageNow, startSandbox, type Sandbox } from './harness.js'

let sandbox: Sandbox
afterEach(() => sandbox?.close())

describe('command stage', () => {
  it('a restart whose stop never took (status says completed, the flow never left running) is not a pass', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow] })
    // The stop is acknowledged but does nothing; the status route (no stop under way) says `completed`.
    sandbox.fault({
      method: 'POST',
      path: `/flows/${flow.flowId}/coordinator`,
      status: 200,
      body: { flowId: flow.flowId, ticket: flow.flowId }
    })
    const trace = await attack(sandbox, { flows: 'Orders sync', command: 'restart', wait: '30s', 'poll-interval': '1s' })
    const stages = sandbox.requests.filter(r => r.method === 'GET' && r.path === `/flows/${flow.flowId}`).length
    // Observed: result pass and changed claims a restart, though the flow was never stopped.
    expect(trace.outputs.result).not.toBe('pass')
    expect(stages).toBeGreaterThan(0)
  })

  it('a stop acknowledged with status completed while the flow stays running forever ends timeout, not pass', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow] })
    sandbox.fault({
      method: 'POST',
      path: `/flows/${flow.flowId}/coordinator`,
      status: 200,
      times: 1000,
      body: { flowId: flow.flowId, ticket: 'x' }
    })
    const trace = await attack(sandbox, { flows: 'Orders sync', command: 'stop', wait: '20s', 'poll-interval': '5s' })
    expect(trace.outputs.result).toBe('timeout')
    expect(trace.count('result')).toBe(1)
  })

  it("'command: restart' with 'wait: 0' is refused before any request (it could never finish)", async () => {
    const flows = [makeFlow('Orders sync')]
    sandbox = await startSandbox({ flows })
    const trace = await attack(sandbox, { flows: 'Orders sync', command: 'restart', wait: '0' })
    const commands = sandbox.requests.filter(r => r.path.endsWith('/coordinator')).map(r => JSON.parse(r.body).command)
    // Observed: a stop is sent, then the step fails "did not finish" and the flow is left stopped.
    expect(commands).toEqual([])
    expect(trace.outputs.result).toBe('fail')
    expect(await stageNow(sandbox, flows[0].flowId)).toBe('running')
  })

  it("output 'changed' after a restart that did not finish tells the stage the flow is left in", async () => {
    // The stop goes through, the start is refused: the flow is left stopped.
    const flows = [makeFlow('Orders sync', 'running', { startError: 'Component transformation validation error' })]
    sandbox = await startSandbox({ flows })
    const trace = await attack(sandbox, { flows: 'Orders sync', command: 'restart' })
    expect(trace.outputs.result).toBe('fail')
    const changed = JSON.parse(trace.outputs.changed)
    // Once observed: {before: running, after: running}: an if: failure() step saw nothing to put back,
    // while the stop it sent left the flow stopped.
    expect(changed[0].after).toBe('stopped')
    expect(changed[0].after).toBe(await stageNow(sandbox, flows[0].flowId))
  })

  it("'command: start' with 'wait: 0' does not send a start and then report the step failed", async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync', 'stopped')] })
    const trace = await attack(sandbox, { flows: 'Orders sync', command: 'start', wait: '0' })
    const commands = sandbox.requests.filter(r => r.path.endsWith('/coordinator')).length
    // Either refuse before any request, or follow the start it sent; never change a flow and call it a failure.
    expect(commands === 0 || trace.outputs.result === 'pass').toBe(true)
  })

  it('output result and changed are each written exactly once when a command is refused halfway', async () => {
    const flows = [makeFlow('Orders sync', 'stopped'), makeFlow('Invoice mailer', 'stopped', { startError: 'Component is not configured' })]
    sandbox = await startSandbox({ flows })
    const trace = await attack(sandbox, { flows: 'Orders sync\nInvoice mailer', command: 'start', wait: '10s', 'poll-interval': '1s' })
    expect(trace.outputs.result).toBe('fail')
    expect(trace.count('result')).toBe(1)
    expect(trace.count('changed')).toBe(1)
    const changed = JSON.parse(trace.outputs.changed)
    expect(changed.map((c: { name: string }) => c.name)).toEqual(['Orders sync'])
    // The start of 'Orders sync' went through: its stage after is running, not the 'stopped' read before it.
    expect(changed[0].after).toBe(await stageNow(sandbox, flows[0].flowId))
  })
})
