/**
 * `pass` is proven: each way the step once said `pass` wrongly, against a sandbox that plays a
 * real tenant. Restarts whose stop takes time, error records the budget could not see or count,
 * steps with nothing to check, publish tickets as the vendor writes them, local failures.
 * On a virtual clock shared by the step and the sandbox (a sleep moves both).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, errorRecords, levelOnlyRecord, makeFlow } from '../../sandbox/seed.js'
import { run } from '../../src/main.js'
import { gateAgainst } from '../helpers/gate.js'
import { virtualClock } from '../helpers/clock.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox

afterEach(() => sandbox?.close())

/** The gate's stages on a clock whose sleeps also move the sandbox's clock. */
const gate = (inputs: Record<string, string>, start?: number) =>
  gateAgainst(sandbox.url, inputs, { defaults: { 'poll-interval': '15s' }, start, onSleep: ms => sandbox.advanceClock(ms / 1000) })

const commands = () =>
  sandbox.requests.filter(request => request.path.endsWith('/coordinator')).map(request => JSON.parse(request.body).command as string)

describe('a restart finishes', () => {
  it('waits for a background stop that keeps the stage running, then starts, and ends with the flows running', async () => {
    const flows = [makeFlow('Orders sync'), makeFlow('Invoice mailer')]
    sandbox = await startSandbox({ flows, stopDurationMs: 3_000 })
    const { outcome, elapsed } = await gate({ flows: 'Orders sync\nInvoice mailer', command: 'restart' })
    expect(outcome.verdict).toBe('pass')
    expect(commands()).toEqual(['stop', 'stop', 'start', 'start'])
    expect(flows.map(flow => sandbox.flowNamed(flow.name)!.stage)).toEqual(['running', 'running'])
    // Followed every second, not every poll-interval (15s).
    expect(elapsed).toBeGreaterThanOrEqual(3_000)
    expect(elapsed).toBeLessThan(8_000)
    expect(outcome.changed).toEqual(
      flows.map(flow => ({ flowId: flow.flowId, name: flow.name, action: 'restart', before: 'running', after: 'running' }))
    )
  })

  it('takes seconds, not a poll-interval, when the stops complete at once', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync')] })
    const { outcome, elapsed } = await gate({ flows: 'Orders sync', command: 'restart', 'poll-interval': '15s' })
    expect(outcome.verdict).toBe('pass')
    expect(commands()).toEqual(['stop', 'start'])
    expect(elapsed).toBeLessThan(5_000)
  })

  it('is a timeout naming the flow when a stop never completes, and the flow is listed as changed', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], stopDurationMs: 3_600_000 })
    const { outcome } = await gate({ flows: 'Orders sync', command: 'restart', wait: '30s' })
    expect(outcome.verdict).toBe('timeout')
    expect(outcome.problem).toBe("The restart did not finish within 30s: 'Orders sync' still stopping")
    expect(commands()).toEqual(['stop'])
    expect(outcome.changed).toEqual([{ flowId: flow.flowId, name: 'Orders sync', action: 'restart', before: 'running', after: 'running' }])
  })

  it('takes a background stop whose status says completed as stopped, even before the stage shows it', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow] })
    // The stage lags behind: reading the flow keeps saying running after the stop completed.
    sandbox.fault({ method: 'GET', path: `/flows/${flow.flowId}`, status: 200, body: { ...flow, stage: 'running' }, times: 3 })
    const { outcome } = await gate({ flows: 'Orders sync', command: 'stop' })
    expect(outcome.verdict).toBe('pass')
    expect(sandbox.requests.some(request => request.path.endsWith('/coordinator/status'))).toBe(true)
  })
})

describe('an error budget that sees every record', () => {
  it('counts records whose level is only in level', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({
      flows: [flow],
      logs: [levelOnlyRecord(flow.flowId, 'error', new Date(Date.now() - 60_000).toISOString())]
    })
    const { outcome } = await gate({ flows: 'Orders sync', 'max-errors': '0' })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.problem).toContain('1 error in the last 15m, budget 0')
  })

  it('counts past 1,000 hits exactly from the histogram, so a budget of 1,000 can fail', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], logs: errorRecords(flow.flowId, 1_500, { now: Date.now() }) })
    const over = await gate({ flows: 'Orders sync', 'max-errors': '1000' })
    expect(over.outcome.verdict).toBe('fail')
    expect(over.outcome.problem).toContain('1500 errors in the last 15m, budget 1000')
    expect((await gate({ flows: 'Orders sync', 'max-errors': '1500' })).outcome.verdict).toBe('pass')
  })

  it('pages the hits when the answer has no histogram, until the verdict is certain', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], logs: errorRecords(flow.flowId, 2_500, { now: Date.now() }), logsWithoutBuckets: true })
    const over = await gate({ flows: 'Orders sync', 'max-errors': '1200' })
    expect(over.outcome.verdict).toBe('fail')
    expect(over.outcome.problem).toContain('more than 1200 errors in the last 15m, budget 1200')
    expect((await gate({ flows: 'Orders sync', 'max-errors': '2500' })).outcome.verdict).toBe('pass')
  })

  it("counts in the server's window, whatever the runner's clock says", async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], logs: errorRecords(flow.flowId, 2, { now: Date.now() }) })
    // A runner an hour fast: an absolute window from its clock would count nothing.
    const { outcome } = await gate({ flows: 'Orders sync', 'max-errors': '1' }, Date.now() + 3_600_000)
    expect(outcome.verdict).toBe('fail')
  })

  it('counts a hit that names no flow against the shared budget', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync')] })
    sandbox.fault({
      path: '/logs',
      status: 200,
      body: { buckets: [{ key: 1, doc_count: 2 }], hits: [{ _source: { level: 'error' } }, { severity: 'error' }] }
    })
    const { outcome } = await gate({ flows: 'Orders sync', 'max-errors': '1' })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.problem).toContain('2 errors in the last 15m, budget 1')
  })

  it('does not trust a histogram that counts fewer records than a page holds', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync')] })
    sandbox.fault({
      path: '/logs',
      status: 200,
      times: 100,
      body: { buckets: [{ key: 1, doc_count: 1 }], hits: [{ _source: { level: 'error' } }, { severity: 'error' }] }
    })
    // Paged on: every page holds two more, so the budget of 5 is over by the third.
    const { outcome } = await gate({ flows: 'Orders sync', 'max-errors': '5' })
    expect(outcome.verdict).toBe('fail')
  })

  it('never counts an unreadable answer as zero', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync')] })
    sandbox.fault({ path: '/logs', status: 200, body: { total: 0 } })
    await expect(gate({ flows: 'Orders sync', 'max-errors': '5' })).rejects.toThrow('Could not count errors')
  })
})

/** The whole step in-process, with a fake runner, on a virtual clock. */
async function step(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}, workspace = '/tmp') {
  const { runner, recorded } = fakeRunner({
    'base-url': sandbox.url,
    username: DEMO_USER.username,
    password: DEMO_USER.password,
    ...inputs
  })
  await run(runner, virtualClock().clock, { GITHUB_WORKSPACE: workspace, ...env })
  return recorded
}

describe('nothing checked is never a green check', () => {
  it.each([
    [{ INPUT_FLOW: 'Orders sync' }, "Input 'flow': is not an input of this action; did you mean 'flows'?"],
    [{ 'INPUT_MAX-ERROR': '0' }, "Input 'max-error': is not an input of this action; did you mean 'max-errors'?"],
    [{ INPUT_XYZZY: '1' }, "Input 'xyzzy': is not an input of this action"]
  ])('refuses an input the action does not have, %j, before any request', async (env, message) => {
    sandbox = await startSandbox()
    const recorded = await step({ flows: 'Orders sync' }, env)
    expect(recorded.outputs.result).toBe('fail')
    expect(recorded.failed).toBe(message)
    expect(sandbox.requests).toHaveLength(0)
  })

  it('refuses a step with nothing to do (flows from an unset variable), before any request', async () => {
    sandbox = await startSandbox()
    const recorded = await step({ flows: '  \n ' })
    expect(recorded.failed).toBe("Input 'flows': nothing to check: set flows (a gate), endpoint (a call), publish, deploy or export")
    expect(sandbox.requests).toHaveLength(0)
  })

  it('refuses a command that contradicts the stage, before any request', async () => {
    sandbox = await startSandbox()
    const recorded = await step({ flows: 'Orders sync', command: 'start', stage: 'stopped' })
    expect(recorded.failed).toMatch(/^Input 'stage': 'stopped' contradicts command 'start'/)
    expect(sandbox.requests).toHaveLength(0)
  })
})

describe('publish tickets as the vendor writes them', () => {
  function connectorWorkspace(): string {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'trust-publish-'))
    const folder = path.join(workspace, 'crm')
    mkdirSync(folder)
    writeFileSync(
      path.join(folder, 'service.json'),
      JSON.stringify({ name: 'acme.crm', label: 'CRM', category: 'x', icon: 'data:', description: 'CRM' })
    )
    return workspace
  }

  it.each([
    [{ errAsObject: true }, /Appmixer refused acme\.crm: \{"name":"ValidationError"/],
    [{ dataAsObject: true }, /Appmixer refused acme\.crm/],
    [{ ajvVersion: 8 as const }, /Appmixer refused acme\.crm/]
  ])('fails on %j, leaves output published empty, and restarts nothing', async (publishing, message) => {
    sandbox = await startSandbox({ publishing })
    const workspace = connectorWorkspace()
    // Invalid: the module manifest lacks its label, so every form of the answer carries errors.
    writeFileSync(path.join(workspace, 'crm', 'service.json'), JSON.stringify({ name: 'acme.crm', description: 'CRM' }))
    const recorded = await step({ publish: 'crm', flows: 'Orders sync', command: 'restart' }, {}, workspace)
    expect(recorded.outputs.result).toBe('fail')
    expect(recorded.failed).toMatch(message)
    expect(recorded.outputs.published).toBeUndefined()
    expect(sandbox.requests.filter(request => request.path.endsWith('/coordinator'))).toHaveLength(0)
  })

  it('ends its wait on finished: true', async () => {
    sandbox = await startSandbox({ publishing: { finishedAsTrue: true } })
    const recorded = await step({ publish: 'crm', 'publish-timeout': '10m' }, {}, connectorWorkspace())
    expect(recorded.outputs.result).toBe('pass')
    expect(JSON.parse(recorded.outputs.published)).toMatchObject({ name: 'acme.crm', finished: 'true' })
  })
})

describe('local failures are ours', () => {
  it('fails (never unavailable) when the response file cannot be written, even with on-unavailable: pass', async () => {
    sandbox = await startSandbox()
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'trust-local-'))
    writeFileSync(path.join(workspace, 'blocker'), 'a file where a folder should be')
    const recorded = await step({ endpoint: '/flows', 'response-file': 'blocker/out.json', 'on-unavailable': 'pass' }, {}, workspace)
    expect(recorded.outputs.result).toBe('fail')
    expect(recorded.failed).toMatch(/response file/)
  })
})

describe("server text in the action's own outputs", () => {
  it('redacts a user id that spells the password, however much it looks like an id', async () => {
    sandbox = await startSandbox()
    const password = 'Zq81secretPass77'
    sandbox.fault({ method: 'POST', path: '/user/auth', status: 200, body: { token: sandbox.tokenFor(), user: { id: password } } })
    const recorded = await step({ endpoint: '/user', password })
    expect(recorded.outputs['user-id']).toBe('***')
    const { secrets: _registered, ...written } = recorded
    expect(JSON.stringify(written)).not.toContain(password)
  })
})

describe('the summary states the verdict the outputs state', () => {
  it('after a refused sign-in', async () => {
    sandbox = await startSandbox()
    const recorded = await step({ endpoint: '/user', password: 'wrong-password' })
    expect(recorded.outputs.result).toBe('fail')
    expect(recorded.summary.join('')).toMatch(/^### Appmixer ❌ fail\n/)
    expect(recorded.summary.join('')).not.toContain('no answer')
  })

  it('after a failed expect', async () => {
    sandbox = await startSandbox()
    const recorded = await step({ endpoint: '/user', expect: "username == 'someone else'" })
    expect(recorded.outputs.result).toBe('fail')
    expect(recorded.summary.join('')).toContain('### Appmixer ❌ fail: GET /user → 200 OK')
  })

  it('after a failed budget, with the combined count', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], logs: errorRecords(flow.flowId, 3, { now: Date.now() }) })
    const recorded = await step({ flows: 'Orders sync', 'max-errors': '2' })
    expect(recorded.outputs.result).toBe('fail')
    expect(recorded.summary.join('')).toContain('3 errors in the last 15m, budget 2')
    // The newest error messages, quoted (and redacted) in the summary.
    expect(recorded.summary.join('')).toContain('Newest errors:')
    expect(recorded.failed).toContain('3 errors in the last 15m, budget 2')
  })
})
