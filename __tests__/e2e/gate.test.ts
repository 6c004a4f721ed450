/** The deploy gate through dist/index.js under Node 24, as a workflow step runs it. */
import { runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'
import { startSandbox } from '../../sandbox/server.js'
import { makeFlow } from '../../sandbox/seed.js'

let sandbox: Sandbox

afterEach(() => sandbox?.close())

const signIn = () => signInTo(sandbox)

describe('flow gate step', () => {
  it('passes when the named flows run and are quiet, with outputs and a summary table', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, {
      inputs: { ...signIn(), flows: 'Orders sync\nInvoice mailer', 'max-errors': '0' },
      debug: true
    })
    expect(step.code).toBe(0)
    expect(step.outputs.result).toBe('pass')
    expect(JSON.parse(step.outputs.flows)).toEqual([
      {
        flowId: sandbox.flowNamed('Orders sync')!.flowId,
        name: 'Orders sync',
        stage: 'running',
        errors: 0,
        unprocessed: null,
        accounts: null
      },
      {
        flowId: sandbox.flowNamed('Invoice mailer')!.flowId,
        name: 'Invoice mailer',
        stage: 'running',
        errors: 0,
        unprocessed: null,
        accounts: null
      }
    ])
    expect(step.summary).toContain("### Appmixer ✅ pass: gate on 'Orders sync', 'Invoice mailer'")
    expect(step.summary).toContain('| Orders sync |')
  })

  it('names the step by its id in the summary heading, so steps of one job are told apart', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: { ...signIn(), flows: 'Orders sync' }, env: { GITHUB_ACTION: 'gate-production' } })
    expect(step.summary).toMatch(/^### Appmixer \(gate-production\) ✅ pass: gate on 'Orders sync'\n/)
  })

  it('fails naming each flow that is not running, in the log, an annotation and the summary', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: { ...signIn(), flows: 'Orders sync\nLegacy import' } })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('fail')
    const id = sandbox.flowNamed('Legacy import')!.flowId
    expect(step.stdout).toContain(`::error title=Appmixer flow gate::Flow 'Legacy import' (${id}) is stopped, expected running`)
    expect(step.stdout).toContain("::error::Flow gate failed: 1 of 2 flows not as required: 'Legacy import' is stopped, expected running")
    expect(step.summary.indexOf('Legacy import')).toBeLessThan(step.summary.indexOf('| Orders sync'))
  })

  it('annotates at most nine flows, and keeps the error itself short, when hundreds fail', async () => {
    sandbox = await startSandbox({ flows: Array.from({ length: 250 }, (_, i) => makeFlow(`Flow ${i}`, 'stopped')) })
    const flows = Array.from({ length: 250 }, (_, i) => `Flow ${i}`).join('\n')
    const step = await runScenario(sandbox, { inputs: { ...signIn(), flows } })
    expect(step.code).toBe(1)
    expect(step.stdout.split('\n').filter(line => line.startsWith('::error title=Appmixer flow gate::'))).toHaveLength(9)
    expect(step.stdout).toContain('250 of 250 flows not as required')
    expect(step.stdout).toContain('and 240 more')
    expect(JSON.parse(step.outputs.flows)).toHaveLength(250)
  })

  it('waits for a flow that comes up after the deploy', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync', 'stopped', { upcomingStages: ['stopped', 'starting', 'running'] })] })
    const step = await runScenario(sandbox, { inputs: { ...signIn(), flows: 'Orders sync', wait: '30s', 'poll-interval': '100ms' } })
    expect(step.code).toBe(0)
    expect(step.log.filter(line => line.startsWith('Check '))).toHaveLength(2)
  })

  it('times out, bounded by the wait, when a flow never comes up', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: { ...signIn(), flows: 'Legacy import', wait: '1s', 'poll-interval': '250ms' } })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('timeout')
    expect(step.stdout).toContain('::error::Flow gate timed out after waiting 1s')
    // The first check lists the account; later ones read the one gated flow.
    const reads = sandbox.requests.filter(request => request.path === '/flows' || request.path.startsWith('/flows/')).length
    expect(sandbox.requests.filter(request => request.path === '/flows')).toHaveLength(1)
    expect(reads).toBeGreaterThanOrEqual(4)
    expect(reads).toBeLessThanOrEqual(6)
  })

  it('stops flows around a deploy, and starts them again', async () => {
    sandbox = await startSandbox()
    const flows = 'Orders sync\nInvoice mailer'
    const stop = await runScenario(sandbox, { inputs: { ...signIn(), flows, command: 'stop' } })
    expect(stop.code).toBe(0)
    expect(JSON.parse(stop.outputs.flows).map((flow: { stage: string }) => flow.stage)).toEqual(['stopped', 'stopped'])
    const start = await runScenario(sandbox, { inputs: { ...signIn(), flows, command: 'start', wait: '10s', 'poll-interval': '100ms' } })
    expect(start.code).toBe(0)
    expect(sandbox.flowNamed('Orders sync')!.stage).toBe('running')
  })

  it('fails a refused start with the flow name and the message of Appmixer', async () => {
    sandbox = await startSandbox({
      flows: [makeFlow('Orders sync', 'stopped', { startError: 'Component transformation validation error' })]
    })
    const step = await runScenario(sandbox, { inputs: { ...signIn(), flows: 'Orders sync', command: 'start' } })
    expect(step.code).toBe(1)
    expect(step.stdout).toMatch(
      /::error::Appmixer refused to start flow 'Orders sync' \(.*\): .*400 Bad Request: Component transformation validation error/
    )
  })

  it('fails over the error budget', async () => {
    const orders = makeFlow('Orders sync')
    const logs = [{ severity: 'error', flowId: orders.flowId, gridTimestamp: new Date().toISOString(), msg: 'boom', err: '{}' }]
    sandbox = await startSandbox({ flows: [orders], logs })
    const step = await runScenario(sandbox, { inputs: { ...signIn(), flows: 'Orders sync', 'max-errors': '0' } })
    expect(step.code).toBe(1)
    expect(JSON.parse(step.outputs.flows)[0].errors).toBe(1)
    expect(step.stdout).toContain("'Orders sync' logged 1 error in the last 15m")
  })

  it('lists candidates for an unknown name', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: { ...signIn(), flows: 'orders' } })
    expect(step.code).toBe(1)
    expect(step.stdout).toContain("::error::Input 'flows': no flow has the id or name 'orders'; similar: 'Orders sync'")
  })

  it('writes no summary with summary false', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: { ...signIn(), flows: 'Orders sync', summary: 'false' } })
    expect(step.code).toBe(0)
    expect(step.summary).toBe('')
  })
})

describe('expect gate step', () => {
  it('passes or fails on the condition over the response', async () => {
    sandbox = await startSandbox()
    const pass = await runScenario(sandbox, { inputs: { ...signIn(), endpoint: '/flows', expect: "length([?stage=='running']) == `2`" } })
    expect(pass.code).toBe(0)
    expect(pass.outputs.result).toBe('pass')
    const fail = await runScenario(sandbox, { inputs: { ...signIn(), endpoint: '/flows', expect: "length([?stage=='running']) == `3`" } })
    expect(fail.code).toBe(1)
    expect(fail.outputs.result).toBe('fail')
    expect(fail.stdout).toContain(
      "::error::The condition 'length([?stage=='running']) == `3`' is false (GET /flows → 200 OK), expected true"
    )
  })
})

describe('on-unavailable', () => {
  it.each([
    ['fail', 1, '::error::'],
    ['warn', 0, '::warning title=Appmixer unavailable::'],
    ['pass', 0, 'on-unavailable: pass']
  ])('%s: result unavailable, exit %d', async (mode, code, marker) => {
    sandbox = await startSandbox()
    const url = sandbox.url
    await sandbox.close()
    const step = await runScenario(sandbox, {
      inputs: { ...signIn(), 'base-url': url, flows: 'Orders sync', retries: '0', 'on-unavailable': mode }
    })
    expect(step.code).toBe(code)
    expect(step.outputs.result).toBe('unavailable')
    expect(step.stdout).toContain(`${marker}`)
    expect(step.stdout).toContain('connection refused (ECONNREFUSED)')
  })

  it('treats persistent 5xx after retries as unavailable', async () => {
    sandbox = await startSandbox()
    sandbox.fault({ path: '/flows', status: 503, times: 10 })
    const step = await runScenario(sandbox, { inputs: { ...signIn(), flows: 'Orders sync', retries: '1', 'on-unavailable': 'warn' } })
    expect(step.code).toBe(0)
    expect(step.outputs.result).toBe('unavailable')
    expect(step.stdout).toContain('returned 503 Service Unavailable')
  })
})
