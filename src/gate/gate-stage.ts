/**
 * The flow gate: every `poll-interval` until the wait ends, a round of every check over the
 * gated flows; the step passes when one round finds nothing wrong. Output `flows` and the
 * summary table come from the last round.
 */
import type { GateSettings } from '../config/index.js'
import { formatDuration } from '../duration.js'
import { quote, visible } from '../errors.js'
import type { Json } from '../expressions.js'
import type { FlowInfo } from './flows.js'
import { readFlows } from './listing.js'
import { pollUntil } from '../poll.js'
import { GATE_CHECKS } from './checks/index.js'
import { checkRound, flowsOutput, pendingLine, type RoundOutcome } from './round.js'
import { deadlineOf, type Stage, type StepContext } from '../step/context.js'
import { errorOutcome, sized, type Outcome } from '../step/outcome.js'
import { gateAnnotations, gateSummary } from './summary.js'
import { valueText } from '../value.js'

export const gateStage: Stage = {
  name: 'gate',
  run: async step => {
    const gate = step.config.gate!
    const { waitMs, pollIntervalMs } = step.config.waiting
    let last: RoundOutcome | undefined
    const poll = await pollUntil(
      async deadline => {
        last = await gateRound(step, deadline)
        // A check that waiting cannot heal (an invalid account) ends the wait at once.
        if (last.final) throw new UnhealableRound(last)
        return { met: last.met, detail: last, pending: pendingLine(last) }
      },
      { waitMs, intervalMs: pollIntervalMs, clock: step.clock, onProgress: step.log, startedAt: step.waitStartedAt }
    ).catch((error: unknown) => {
      if (error instanceof UnhealableRound) return { verdict: 'fail' as const, last: undefined, polls: 0 }
      throw error
    })
    if (poll.verdict === 'pass') step.log(passLine(last!, gate))
    const problem =
      poll.verdict === 'pass'
        ? undefined
        : poll.verdict === 'unavailable'
          ? poll.unavailable!.message
          : `Flow gate ${poll.verdict === 'timeout' ? `timed out after waiting ${formatDuration(waitMs)}` : 'failed'}: ${describeProblems(last)}`
    return gateOutcome(step, poll.verdict, last, problem)
  }
}

/**
 * The checks due before any command is sent (the accounts): a failing outcome naming what is
 * wrong, so that no command is sent, or undefined when they hold (or none applies).
 */
export async function checkBeforeCommand(step: StepContext): Promise<Outcome | undefined> {
  const gate = step.config.gate!
  if (!GATE_CHECKS.some(check => check.beforeCommand && check.applies(gate))) return undefined
  const gated = step.gated!
  const result = await checkRound({
    client: step.client,
    gate,
    targets: gated.targets,
    current: gated.fresh ?? gated.targets,
    clock: step.clock,
    deadline: deadlineOf(step),
    log: step.log,
    only: check => check.beforeCommand === true
  })
  if (result.met) return undefined
  return gateOutcome(step, 'fail', result, `No ${gate.command ?? 'command'} sent: ${describeProblems(result)}`)
}

/** One round over the current state: the stages read now, or just read by an earlier stage. */
export async function gateRound(step: StepContext, deadline = deadlineOf(step)): Promise<RoundOutcome> {
  const gate = step.config.gate!
  const gated = step.gated!
  // Not awaited here: checks that read no stage run while the stages are read.
  const current = gated.fresh ?? readGated(step, deadline)
  gated.fresh = undefined
  return checkRound({ client: step.client, gate, targets: gated.targets, current, clock: step.clock, deadline, log: step.log })
}

/** The current state of the gated flows, read now. */
export function readGated(step: StepContext, deadline = deadlineOf(step)): Promise<FlowInfo[]> {
  const gated = step.gated!
  return readFlows(step.client, gated.targets, gated.accountSize, { filters: step.config.gate!.flowFilter, deadline })
}

export function gateOutcome(step: StepContext, verdict: Outcome['verdict'], last: RoundOutcome | undefined, problem?: string): Outcome {
  const flows = last?.flows ?? []
  let value: string | undefined
  try {
    value = step.config.select ? valueText(step.config.select.evaluate(flowsOutput(flows) as Json)) : undefined
  } catch (error) {
    // A `select` that fails over output `flows` fails the step; the gate's own outputs still stand.
    const failed = errorOutcome(error)
    verdict = failed.verdict
    problem = problem ? `${problem}; and ${failed.problem}` : failed.problem
  }
  return {
    verdict,
    problem,
    status: 200,
    title: `gate on ${gatedNames(step)}`,
    outputs: [sized('flows', JSON.stringify(flowsOutput(flows))), ...(value === undefined ? [] : [sized('value', value)])],
    annotations: verdict === 'fail' || verdict === 'timeout' ? gateAnnotations(flows) : [],
    summary: gateSummary(step.config, last, step.clock.now())
  }
}

/** `'Orders sync', 'Invoice mailer'`, or `12 flows`: a heading names what was gated. */
function gatedNames(step: StepContext): string {
  const targets = step.gated?.targets ?? []
  if (targets.length === 0 || targets.length > 3) return `${targets.length || step.config.gate!.flows.length} flows`
  return targets.map(flow => quote(flow.name, 40)).join(', ')
}

/** `2 of 3 flows not as required: 'Orders sync' is stopped, expected running; …` */
export function describeProblems(last: RoundOutcome | undefined): string {
  if (!last) return 'no check completed'
  const holding = last.flows.filter(flow => flow.problem)
  const flows = holding.length ? `${holding.length} of ${last.flows.length} flows not as required` : ''
  return (
    [last.problems.join('; '), flows].filter(Boolean).join('; ') +
    (holding.length ? `: ${pendingLine({ flows: last.flows, problems: [] }, 10)}` : '')
  )
}

/** The stages read in the passing round: each flow's expected one (after a deploy they may differ). */
function passLine(last: RoundOutcome, gate: GateSettings): string {
  const budget =
    (gate.maxErrors !== undefined ? ', within the error budget' : '') +
    (gate.maxUnprocessed !== undefined ? ', within the unprocessed budget' : '') +
    (gate.checkAccounts ? ', their accounts valid' : '')
  const stages = [...new Set(last.flows.map(flow => flow.stage))]
  const stage = stages.length === 1 ? visible(stages[0], 40) : stages.length === 0 ? gate.stage : 'in the stage expected of it'
  return last.flows.length === 1
    ? `Flow ${quote(last.flows[0].name)} is ${stage}${budget}`
    : `All ${last.flows.length} flows are ${stage}${budget}`
}

/** A round whose problem waiting cannot heal. */
class UnhealableRound extends Error {
  constructor(readonly round: RoundOutcome) {
    super('final')
  }
}
