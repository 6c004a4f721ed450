import { ActionError } from '../../src/errors.js'
import type { FlowInfo } from '../../src/gate/flows.js'
import { resolveFlows } from '../../src/gate/resolve.js'
import { checkRound, flowsOutput, pendingLine } from '../../src/gate/round.js'
import { gateSummary } from '../../src/gate/summary.js'
import { describeProblems } from '../../src/gate/gate-stage.js'
import { escapeCell } from '../../src/summary.js'
import { parseConfig } from '../../src/config/index.js'
import type { AppmixerClient } from '../../src/appmixer.js'
import { virtualClock } from '../helpers/clock.js'

const flow = (flowId: string, name: string, stage = 'running'): FlowInfo => ({ flowId, name, stage })
const ALL = [
  flow('f1', 'Orders sync'),
  flow('f2', 'Invoice mailer', 'stopped'),
  flow('f3', 'Twin'),
  flow('f4', 'Twin'),
  flow('f5', 'Orders sync (old)')
]

function configOf(inputs: Record<string, string>) {
  const all: Record<string, string> = { tenant: 'acme', token: 'x.y.z', ...inputs }
  return parseConfig({ readInput: name => all[name] ?? '', workspace: '/w' })
}

/** A round of the stage check alone: it makes no request, so no client is needed. */
function round(targets: FlowInfo[], current: FlowInfo[], inputs: Record<string, string> = {}) {
  const config = configOf({ flows: targets.map(target => target.flowId).join('\n'), ...inputs })
  return checkRound({
    client: {} as AppmixerClient,
    gate: config.gate!,
    targets,
    current,
    clock: virtualClock().clock,
    log: () => undefined
  })
}

describe('resolveFlows', () => {
  it('takes ids and exact names, once each, in the listed order', () => {
    expect(resolveFlows(['Invoice mailer', 'f1', 'Orders sync'], ALL).map(found => found.flowId)).toEqual(['f2', 'f1'])
  })

  it('reports every unknown and ambiguous entry at once, with candidates and ids', () => {
    let error: Error | undefined
    try {
      resolveFlows(['orders', 'Twin', 'Nope'], ALL)
    } catch (caught) {
      error = caught as Error
    }
    expect(error).toBeInstanceOf(ActionError)
    expect(error!.message).toBe(
      "Input 'flows': no flow has the id or name 'orders'; similar: 'Orders sync', 'Orders sync (old)'. " +
        "'Twin' names 2 flows: f3 (owner unknown, no type), f4 (owner unknown, no type); list the one you mean by its id. " +
        "no flow has the id or name 'Nope'. The user can see 5 flows."
    )
  })

  it('suggests names one or two edits away', () => {
    expect(() => resolveFlows(['Orders synk'], ALL)).toThrow("similar: 'Orders sync'")
  })
})

describe('a round of checks', () => {
  it('names each flow not in the stage, and puts them first', async () => {
    const result = await round([ALL[0], ALL[1]], ALL)
    expect(result.met).toBe(false)
    expect(result.flows.map(v => [v.name, v.problem, v.fields.errors])).toEqual([
      ['Invoice mailer', 'is stopped, expected running', null],
      ['Orders sync', undefined, null]
    ])
  })

  it('treats a flow that vanished as failing', async () => {
    const result = await round([ALL[0]], [])
    expect(result.flows[0]).toMatchObject({ stage: 'missing', problem: 'no longer exists' })
  })
})

describe('flow gate report', () => {
  const config = configOf({ flows: 'f1\nf2', wait: '5m' })

  it('gives output flows as {flowId, name, stage, errors}, a null for a check that does not apply', async () => {
    const result = await round([ALL[0], ALL[1]], ALL)
    expect(flowsOutput(result.flows)).toEqual([
      { flowId: 'f2', name: 'Invoice mailer', stage: 'stopped', errors: null, unprocessed: null, accounts: null },
      { flowId: 'f1', name: 'Orders sync', stage: 'running', errors: null, unprocessed: null, accounts: null }
    ])
    expect(describeProblems(result)).toBe("1 of 2 flows not as required: 'Invoice mailer' is stopped, expected running")
  })

  it('summarises the checks and a table with failing flows first, kept small for many flows', async () => {
    const result = await round([ALL[0], ALL[1]], ALL)
    const markdown = gateSummary(config, result, 0)
    expect(markdown).toContain('2 flows must be **running**, waiting up to 5m.')
    expect(markdown.indexOf('Invoice mailer')).toBeLessThan(markdown.indexOf('Orders sync'))
    const many = Array.from({ length: 5_000 }, (_, i) => ({ ...result.flows[0], flowId: `id-${i}`, name: 'x'.repeat(500) }))
    const big = gateSummary(config, { ...result, flows: many, problems: ['p'.repeat(100_000)] }, 0)
    expect(Buffer.byteLength(big)).toBeLessThan(256 * 1024)
    expect(big).toContain('…and 4700 more flows')
  })
})

describe('summary escaping', () => {
  it('keeps text from Appmixer inert in a table cell', () => {
    expect(escapeCell('![x](https://tracker.example/p.png) <img src=x> a|b *bold*\nnext')).toBe(
      '\\!\\[x\\](https\u2060://tracker.example/p.png) &lt;img src=x&gt; a\\|b \\*bold\\* next'
    )
  })
})

describe('pendingLine', () => {
  it('names a few flows and counts the rest, after the shared problems', async () => {
    const flows = Array.from({ length: 300 }, (_, i) => flow(`id-${i}`, `Flow ${i}`, 'stopped'))
    const result = await round(flows, flows)
    expect(pendingLine(result)).toBe(
      "'Flow 0' is stopped, expected running; 'Flow 1' is stopped, expected running; 'Flow 2' is stopped, expected running; and 297 more flows"
    )
    expect(pendingLine({ flows: [], problems: ['3 errors in the last 15m, budget 2'] })).toBe('3 errors in the last 15m, budget 2')
  })
})
