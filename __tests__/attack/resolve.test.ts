/**
 * Attacks on name resolution and the listing: a gate on a flow the action cannot identify, or
 * on one of two flows with one name, must not pass.
 */
import { makeFlow } from '../../sandbox/seed.js'
import { attack, startSandbox, type Sandbox } from './harness.js'

let sandbox: Sandbox
afterEach(() => sandbox?.close())

const sortedById = <T extends { flowId: string }>(flows: T[]) => [...flows].sort((a, b) => (a.flowId < b.flowId ? -1 : 1))
const listed = (flow: { flowId: string; name: string; stage: string; userId: string }) => ({
  flowId: flow.flowId,
  name: flow.name,
  stage: flow.stage,
  userId: flow.userId
})

describe('resolution', () => {
  it('a lookup answer whose flow has no flowId is not a flow the gate can pass on', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync', 'stopped')] })
    // The pattern lookup answers a running 'Orders sync' without any id.
    sandbox.fault({ method: 'GET', path: '/flows', status: 200, body: [{ name: 'Orders sync', stage: 'running' }] })
    const trace = await attack(sandbox, { flows: 'Orders sync' })
    // Observed: pass, output flows [{flowId: '', name: 'Orders sync', stage: 'running'}]; the real flow is stopped.
    expect(trace.outputs.result).not.toBe('pass')
  })

  it('a server that honours limit but ignores offset cannot hide a second flow of the same name', async () => {
    const flows = Array.from({ length: 150 }, (_, i) => makeFlow(`Flow ${i}`))
    const ordered = sortedById(flows)
    // Two flows named 'Orders sync': one within the first page of 101, one past it.
    Object.assign(ordered[5], { name: 'Orders sync', stage: 'running' })
    Object.assign(ordered[140], { name: 'Orders sync', stage: 'stopped' })
    sandbox = await startSandbox({ flows, patternMode: 'ignored' })
    // Every GET /flows answers the first 101 flows, whatever offset says.
    sandbox.fault({ method: 'GET', path: '/flows', status: 200, times: 50, body: ordered.slice(0, 101).map(listed) })
    const trace = await attack(sandbox, { flows: 'Orders sync' })
    // Observed: pass on ordered[5]; the listing 'stops at 101 flows' with only a log line.
    expect(trace.outputs.result).not.toBe('pass')
  })

  it('a server that caps a page below 100 flows cannot hide a second flow of the same name', async () => {
    const flows = Array.from({ length: 120 }, (_, i) => makeFlow(`Flow ${i}`))
    const ordered = sortedById(flows)
    Object.assign(ordered[3], { name: 'Orders sync', stage: 'running' })
    Object.assign(ordered[80], { name: 'Orders sync', stage: 'stopped' })
    sandbox = await startSandbox({ flows, patternMode: 'ignored' })
    // The first page holds 50 flows (a server whose largest page is 50); the rest would follow at offset 50.
    sandbox.fault({ method: 'GET', path: '/flows', status: 200, body: ordered.slice(0, 50).map(listed) })
    const trace = await attack(sandbox, { flows: 'Orders sync' })
    expect(trace.outputs.result).not.toBe('pass')
  })

  it('two flows of one name over two pages of the lookup are reported as ambiguous', async () => {
    const flows = Array.from({ length: 150 }, (_, i) => makeFlow(`Orders sync ${i}`))
    const ordered = sortedById(flows)
    Object.assign(ordered[2], { name: 'Orders sync' })
    Object.assign(ordered[130], { name: 'Orders sync', stage: 'stopped' })
    sandbox = await startSandbox({ flows })
    const trace = await attack(sandbox, { flows: 'Orders sync' })
    expect(trace.outputs.result).toBe('fail')
    expect(trace.failed).toContain("'Orders sync' names 2 flows")
  })

  it('a name with a regex metacharacter on a server that reads pattern as a regex is still found', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders [EU'), makeFlow('Other')], patternMode: 'regex' })
    const trace = await attack(sandbox, { flows: 'Orders [EU' })
    // Observed: the lookup's 400 (not a regular expression) ends the step; the listing would have found it.
    expect(trace.outputs.result).toBe('pass')
  })

  it('GET /flows/:id answering another flow is not read as the gated flow', async () => {
    const flows = [makeFlow('Orders sync', 'stopped'), makeFlow('Other', 'running')]
    sandbox = await startSandbox({ flows })
    const id = flows[0].flowId
    // Every later read of 'Orders sync' answers the running 'Other' flow.
    sandbox.fault({ method: 'GET', path: `/flows/${id}`, status: 200, times: 100, body: listed(flows[1]) })
    const trace = await attack(sandbox, { flows: id, wait: '10s', 'poll-interval': '2s' })
    expect(trace.outputs.result).not.toBe('pass')
  })
})
