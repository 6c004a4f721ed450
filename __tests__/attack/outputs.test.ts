/**
 * Attacks on the step's ending: `result` set exactly once on every path, `changed` set whenever
 * a gate was asked for, no stack trace, and select on the gate.
 */
import { makeFlow } from '../../sandbox/seed.js'
import { attack, startSandbox, type Sandbox } from './harness.js'

let sandbox: Sandbox
afterEach(() => sandbox?.close())

const ONCE = ['result', 'status', 'flows', 'value', 'changed', 'user-id']
const countsOf = (trace: Awaited<ReturnType<typeof attack>>) =>
  Object.fromEntries(ONCE.map(name => [name, trace.count(name)]).filter(([, count]) => Number(count) > 1))

describe('every ending', () => {
  it.each([
    ['a gate that passes', {}, { flows: 'Orders sync', select: '[0].name' }],
    ['an unknown flow', {}, { flows: 'Nope' }],
    ['a refused start', { startError: 'Component is not configured' }, { flows: 'Orders sync', command: 'start' }],
    ['a wrong password', {}, { flows: 'Orders sync', password: 'wrong-password-1' }]
  ])('%s: no output is written twice', async (_, extra, inputs) => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync', 'stopped', extra)] })
    const trace = await attack(sandbox, inputs)
    expect(trace.count('result')).toBe(1)
    expect(countsOf(trace)).toEqual({})
  })

  it('a select that cannot be evaluated over output flows is a clear failure, not an Unexpected error', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync')] })
    const trace = await attack(sandbox, { flows: 'Orders sync', select: 'abs(@)' })
    expect(trace.count('result')).toBe(1)
    expect(trace.outputs.result).toBe('fail')
    // The flows were read and checked: output flows is still set.
    expect(trace.outputs.flows).toBeDefined()
    expect(trace.failed).not.toMatch(/Unexpected error/)
    expect(trace.outputs.status).toBe('200')
  })

  it("a gate whose bad 'publish' path fails before any request still sets 'changed' (to [])", async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync')] })
    const trace = await attack(sandbox, { flows: 'Orders sync', publish: 'no/such/connector' })
    expect(trace.outputs.result).toBe('fail')
    expect(sandbox.requests).toHaveLength(0)
    expect(trace.outputs.changed).toBe('[]')
  })
})
