/**
 * One round of the flow gate: the current state of the gated flows, every check that applies
 * run together over it, and the findings joined into one verdict per flow. Pure but for the
 * checks' own requests.
 */
import type { AppmixerClient } from '../appmixer.js'
import type { Clock } from '../clock.js'
import type { GateSettings } from '../config/index.js'
import { quote } from '../errors.js'
import { GATE_CHECKS, type CheckOutcome, type GateCheck } from './checks/index.js'
import type { FlowInfo } from './flows.js'

/** One entry of output `flows`, and why it holds the gate back. */
export interface FlowEntry {
  readonly flowId: string
  readonly name: string
  readonly stage: string
  readonly lastChange?: string
  /** The checks' fields (`errors`, …): null for a check that does not apply. */
  readonly fields: Readonly<Record<string, unknown>>
  readonly problem?: string
}

export interface RoundOutcome {
  readonly met: boolean
  /** Failing flows first. */
  readonly flows: readonly FlowEntry[]
  /** Problems of the gated flows together (a shared budget), one a check. */
  readonly problems: readonly string[]
  readonly details: readonly string[]
  /** True when a check said waiting cannot heal it. */
  readonly final: boolean
}

export interface RoundInput {
  readonly client: AppmixerClient
  readonly gate: GateSettings
  readonly targets: readonly FlowInfo[]
  /** The current state, or its reading still under way. */
  readonly current: readonly FlowInfo[] | Promise<readonly FlowInfo[]>
  readonly clock: Clock
  readonly deadline?: number
  readonly log: (line: string) => void
  /** Runs only the checks this picks (those due before a command); every check that applies by default. */
  readonly only?: (check: GateCheck) => boolean
}

export async function checkRound(input: RoundInput): Promise<RoundOutcome> {
  const reading = Promise.resolve(input.current).then(flows => new Map(flows.map(flow => [flow.flowId, flow])))
  const active = GATE_CHECKS.filter(check => check.applies(input.gate) && (input.only?.(check) ?? true))
  const results: CheckOutcome[] = await Promise.all(
    active.map(async check =>
      check.readsStages === false ? check.run({ ...input, current: new Map() }) : check.run({ ...input, current: await reading })
    )
  )
  const current = await reading
  const nullFields = Object.fromEntries(
    GATE_CHECKS.filter(check => !active.includes(check)).flatMap(check => check.fields.map(field => [field, null]))
  )
  const verdicts = input.targets.map((target): FlowEntry => {
    const flow = current.get(target.flowId)
    const findings = results.map(result => result.perFlow.get(target.flowId))
    const problems = findings.map(finding => finding?.problem).filter((problem): problem is string => Boolean(problem))
    return {
      flowId: target.flowId,
      name: flow?.name ?? target.name,
      stage: flow?.stage ?? 'missing',
      lastChange: flow?.lastChange,
      fields: Object.assign({}, nullFields, ...findings.map(finding => finding?.fields ?? {})) as Record<string, unknown>,
      problem: problems.length ? problems.join(', and ') : undefined
    }
  })
  const problems = results.map(result => result.problem).filter((problem): problem is string => Boolean(problem))
  const failing = verdicts.filter(flow => flow.problem)
  return {
    met: failing.length === 0 && problems.length === 0,
    flows: [...failing, ...verdicts.filter(flow => !flow.problem)],
    problems,
    details: results.flatMap(result => (result.problem ? (result.details ?? []) : [])),
    final: results.some(result => result.final)
  }
}

/** What holds the gate back, in one line, however many flows: the shared problems, then a few flows. */
export function pendingLine(result: Pick<RoundOutcome, 'flows' | 'problems'>, shown = 3): string {
  const holding = result.flows.filter(flow => flow.problem)
  const named = holding.slice(0, shown).map(flow => `${quote(flow.name)} ${flow.problem}`)
  if (holding.length > shown) named.push(`and ${holding.length - shown} more flows`)
  return [...result.problems, ...named].join('; ')
}

/** Output `flows`: what a later step needs of each gated flow. */
export function flowsOutput(flows: readonly FlowEntry[]): Array<Record<string, unknown>> {
  return flows.map(({ flowId, name, stage, fields }) => ({ flowId, name, stage, ...fields }))
}
