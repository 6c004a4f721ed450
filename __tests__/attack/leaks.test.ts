/**
 * Attacks on redaction: a secret the server echoes back in text the action reshapes before it
 * redacts (blanks folded, cut short) must still never be written.
 */
import { DEMO_USER, logRecord, makeFlow } from '../../sandbox/seed.js'
import { runScenario, signInTo } from '../helpers/scenario.js'
import { attack, startSandbox, type Sandbox } from './harness.js'

let sandbox: Sandbox
afterEach(() => sandbox?.close())

/** A password with a double space and a tab: folding blanks gives a text a reader calls the same password. */
const PASSWORD = 'Correct  horse\tbattery-9071'
const FOLDED = PASSWORD.replace(/\s+/g, ' ')

describe('a password echoed in an error log record', () => {
  it('is not written with its blanks folded (summary, logs, annotations) — in-process', async () => {
    const flow = makeFlow('Orders sync')
    const at = new Date(Date.now() - 30_000).toISOString()
    sandbox = await startSandbox({
      users: [{ ...DEMO_USER, password: PASSWORD }],
      flows: [flow],
      logs: [logRecord(flow.flowId, 'error', at, { msg: `login failed for demo with password ${PASSWORD}` })]
    })
    const trace = await attack(sandbox, { flows: 'Orders sync', 'max-errors': '0', password: PASSWORD })
    expect(trace.outputs.result).toBe('fail')
    const all = trace.all()
    expect(all.split('\n').filter(line => line.includes(PASSWORD))).toEqual([])
    // Observed: the summary's "Newest errors" shows `password Correct horse battery-9071`.
    expect(all).not.toContain(FOLDED)
  })

  it('is not written with its blanks folded — through dist/index.js', async () => {
    const flow = makeFlow('Orders sync')
    const at = new Date(Date.now() - 30_000).toISOString()
    sandbox = await startSandbox({
      users: [{ ...DEMO_USER, password: PASSWORD }],
      flows: [flow],
      logs: [logRecord(flow.flowId, 'error', at, { err: `auth: bad password ${PASSWORD}`, msg: undefined })]
    })
    const step = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), password: PASSWORD, flows: 'Orders sync', 'max-errors': '0' },
      secrets: [PASSWORD]
    })
    expect(step.outputs.result).toBe('fail')
    const written = [step.stdout, step.stderr, step.summary, ...Object.values(step.outputs)].join('\n')
    expect(written.split('\n').filter(line => line.includes(FOLDED))).toEqual([])
  })
})

describe('a password echoed as a flow id', () => {
  it('is not shown in part in the summary table (the id is cut before it is redacted)', async () => {
    const secret = 'Zq8vLm3TxW9pRk2'
    sandbox = await startSandbox({ users: [{ ...DEMO_USER, password: secret }], flows: [makeFlow('Orders sync')] })
    // The lookup answers the flow with an id that starts with the password.
    sandbox.fault({
      method: 'GET',
      path: '/flows',
      status: 200,
      body: [{ flowId: `${secret}-echo`, name: 'Orders sync', stage: 'running' }]
    })
    const trace = await attack(sandbox, { flows: 'Orders sync', password: secret })
    // Observed: the summary row holds `Zq8vLm3T…`, the first 8 characters of the password.
    expect(trace.summary.join('\n')).not.toContain(secret.slice(0, 8))
  })
})
