import { ActionError } from '../../src/errors.js'
import { judgeFlows, pendingLine, resolveFlows, type FlowInfo } from '../../src/gate/flows.js'
import { describeFlowProblems, flowsOutput } from '../../src/ending.js'
import { escapeCell, flowGateSummary } from '../../src/summary.js'
import { parseConfig, type FlowsMode } from '../../src/config.js'

const flow = (flowId: string, name: string, stage = 'running'): FlowInfo => ({ flowId, name, stage })
const ALL = [
  flow('f1', 'Orders sync'),
  flow('f2', 'Invoice mailer', 'stopped'),
  flow('f3', 'Twin'),
  flow('f4', 'Twin'),
  flow('f5', 'Orders sync (old)')
]

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
})

describe('judgeFlows', () => {
  const rule = { stage: 'running', errorsWindow: '15m' }

  it('names each flow not in the stage, and puts them first', () => {
    const verdicts = judgeFlows([ALL[0], ALL[1]], ALL, undefined, rule)
    expect(verdicts.map(v => [v.name, v.problem, v.errors])).toEqual([
      ['Invoice mailer', 'is stopped, expected running', null],
      ['Orders sync', undefined, null]
    ])
  })

  it('counts errors of all listed flows against max-errors, naming the flows that logged them', () => {
    const errors = new Map([
      ['f1', 2],
      ['f3', 1]
    ])
    const within = judgeFlows([ALL[0], ALL[2]], ALL, errors, { ...rule, maxErrors: 3 })
    expect(within.every(v => !v.problem)).toBe(true)
    const over = judgeFlows([ALL[0], ALL[2]], ALL, errors, { ...rule, maxErrors: 2 })
    expect(over.map(v => v.problem)).toEqual(['logged 2 errors in the last 15m', 'logged 1 error in the last 15m'])
  })

  it('treats a flow that vanished from the listing as failing', () => {
    const [verdict] = judgeFlows([ALL[0]], [], undefined, rule)
    expect(verdict).toMatchObject({ stage: 'missing', problem: 'no longer exists' })
  })
})

describe('flow gate report', () => {
  const config = parseConfig({
    readInput: name => ({ tenant: 'acme', token: 'x.y.z', flows: 'f1\nf2', 'max-errors': '0', wait: '5m' })[name] ?? '',
    workspace: '/w'
  })
  const gate = config.mode as FlowsMode
  const verdicts = judgeFlows([ALL[0], ALL[1]], ALL, new Map(), { stage: 'running', maxErrors: 0, errorsWindow: '15m' })

  it('gives output flows as {flowId, name, stage, errors}', () => {
    expect(flowsOutput(verdicts)).toEqual([
      { flowId: 'f2', name: 'Invoice mailer', stage: 'stopped', errors: 0 },
      { flowId: 'f1', name: 'Orders sync', stage: 'running', errors: 0 }
    ])
    expect(describeFlowProblems(verdicts)).toBe("1 of 2 flows not as required: 'Invoice mailer' is stopped, expected running")
  })

  it('summarises verdict, checks and a table with failing flows first, kept small for many flows', () => {
    const markdown = flowGateSummary(config, gate, { verdict: 'timeout', problem: 'Flow gate timed out', flows: verdicts })
    expect(markdown).toContain('### Appmixer flow gate: ⏱️ timeout')
    expect(markdown).toContain('2 flows must be **running**, at most **0** errors in the last 15m, waiting up to 5m.')
    expect(markdown.indexOf('Invoice mailer')).toBeLessThan(markdown.indexOf('Orders sync'))
    const many = Array.from({ length: 5_000 }, (_, i) => ({ ...verdicts[0], flowId: `id-${i}`, name: 'x'.repeat(500) }))
    const big = flowGateSummary(config, gate, { verdict: 'fail', problem: 'p'.repeat(100_000), flows: many })
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
  it('names a few flows and counts the rest', () => {
    const many = judgeFlows(
      Array.from({ length: 300 }, (_, i) => flow(`id-${i}`, `Flow ${i}`, 'stopped')),
      Array.from({ length: 300 }, (_, i) => flow(`id-${i}`, `Flow ${i}`, 'stopped')),
      undefined,
      { stage: 'running', errorsWindow: '15m' }
    )
    expect(pendingLine(many)).toBe(
      "'Flow 0' is stopped, expected running; 'Flow 1' is stopped, expected running; 'Flow 2' is stopped, expected running; and 297 more flows"
    )
  })
})
