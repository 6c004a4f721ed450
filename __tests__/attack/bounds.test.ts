/**
 * Attacks on bounds the server chooses: how many values `mask` registers, how large a listing
 * the gate keeps reading.
 */
import { stepLimit } from '../../scripts/local-runner.js'
import { runScenario, signInTo } from '../helpers/scenario.js'
import { attack, startSandbox, type Sandbox } from './harness.js'

let sandbox: Sandbox
afterEach(() => sandbox?.close())

describe('bounds a server chooses', () => {
  it('a response with 60,000 distinct values under a mask expression does not register 60,000+ runner masks', async () => {
    sandbox = await startSandbox()
    const body = Array.from({ length: 60_000 }, (_, i) => ({ apiKey: `key-${i.toString(36).padStart(6, '0')}` }))
    sandbox.fault({ method: 'GET', path: '/flows', status: 200, body })
    const trace = await attack(sandbox, { endpoint: '/flows', mask: '[*].apiKey' })
    // Observed: every value (and spellings) is sent to the runner as ::add-mask::, without bound.
    expect(trace.masks).toBeLessThan(20_000)
  }, 120_000)
})

describe('a wait that bounds everything, through dist/index.js', () => {
  it.each([
    ['the stop status hangs', { path: /\/coordinator\/status$/, hang: true, times: 1000 }, { command: 'stop' }],
    ['GET /logs trickles a byte every 300 ms', { path: '/logs', trickleMs: 300, times: 1000 }, { 'max-errors': '3' }],
    ['the background stop hangs', { method: 'POST', path: /\/coordinator$/, hang: true, times: 1000 }, { command: 'stop' }]
  ])(
    '%s: the step ends within wait + one timeout, and not as pass',
    async (_, fault, extra) => {
      sandbox = await startSandbox({ stopDurationMs: 60_000 })
      sandbox.fault(fault as Parameters<Sandbox['fault']>[0])
      const inputs = { ...signInTo(sandbox), flows: 'Orders sync', wait: '4s', timeout: '2s', 'poll-interval': '1s', ...extra }
      const step = await runScenario(sandbox, { inputs, timeoutMs: stepLimit(inputs).limitMs })
      expect(step.killed).toBe(false)
      expect(step.outputs.result).not.toBe('pass')
      expect(step.stdout).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/)
    },
    60_000
  )
})
