/**
 * The flow gate: every `poll-interval` until the wait ends, a round of every check over the
 * gated flows; the step passes when one round finds nothing wrong. Output `flows` and the
 * summary table come from the last round.
 */
import type { Config, GateSettings } from '../config/index.js'
import { formatDuration } from '../duration.js'
import { quote, visible } from '../errors.js'
import type { Json } from '../expressions.js'
import { readFlows } from './listing.js'
import { pollUntil } from '../poll.js'
import { checkRound, flowsOutput, pendingLine, type RoundResult } from './round.js'
import { deadlineOf, type Stage, type StepContext } from '../step/context.js'
import { sized, type Outcome } from '../step/outcome.js'
import { gateAnnotations, gateSummary } from './summary.js'
import { valueText } from '../value.js'

export const gateStage: Stage = {
  name: 'gate',
  applies: (config: Config) => config.gate !== undefined,
  run: async step => {
    const gate = step.config.gate!
    const { waitMs, pollIntervalMs } = step.config.waiting
    let last: RoundResult | undefined
    const poll = await pollUntil(
      async deadline => {
        last = await gateRound(step, deadline)
        // A check that waiting cannot heal (an invalid account) ends the wait at once.
        if (last.final) throw new FinalProblem(last)
        return { met: last.met, detail: last, pending: pendingLine(last) }
      },
      { waitMs, intervalMs: pollIntervalMs, clock: step.clock, onProgress: step.log, startedAt: step.waitStartedAt }
    ).catch((error: unknown) => {
      if (error instanceof FinalProblem) return { verdict: 'fail' as const, last: undefined, polls: 0 }
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

/** One round over the current state: the stages read now, or just read by an earlier stage. */
export async function gateRound(step: StepContext, deadline = deadlineOf(step)): Promise<RoundResult> {
  const gate = step.config.gate!
  const gated = step.gated!
  const current = gated.fresh ?? (await readFlows(step.client, gated.targets, gated.accountSize, { filters: gate.flowFilter, deadline }))
  gated.fresh = undefined
  return checkRound({ client: step.client, gate, targets: gated.targets, current, clock: step.clock, deadline, log: step.log })
}

export function gateOutcome(step: StepContext, verdict: Outcome['verdict'], last: RoundResult | undefined, problem?: string): Outcome {
  const flows = last?.flows ?? []
  const value = step.config.select ? valueText(step.config.select.evaluate(flowsOutput(flows) as Json)) : undefined
  return {
    verdict,
    problem,
    status: 200,
    title: 'flow gate',
    outputs: [sized('flows', JSON.stringify(flowsOutput(flows))), ...(value === undefined ? [] : [sized('value', value)])],
    annotations: verdict === 'fail' || verdict === 'timeout' ? gateAnnotations(flows) : [],
    summary: gateSummary(step.config, last, step.clock.now())
  }
}

/** `2 of 3 flows not as required: 'Orders sync' is stopped, expected running; …` */
export function describeProblems(last: RoundResult | undefined): string {
  if (!last) return 'no check completed'
  const holding = last.flows.filter(flow => flow.problem)
  const flows = holding.length ? `${holding.length} of ${last.flows.length} flows not as required` : ''
  return (
    [last.problems.join('; '), flows].filter(Boolean).join('; ') +
    (holding.length ? `: ${pendingLine({ flows: last.flows, problems: [] }, 10)}` : '')
  )
}

/** The stages read in the passing round: each flow's expected one (after a deploy they may differ). */
function passLine(last: RoundResult, gate: GateSettings): string {
  const budget = gate.maxErrors !== undefined ? ', within the error budget' : ''
  const stages = [...new Set(last.flows.map(flow => flow.stage))]
  const stage = stages.length === 1 ? visible(stages[0], 40) : stages.length === 0 ? gate.stage : 'in the stage expected of it'
  return last.flows.length === 1
    ? `Flow ${quote(last.flows[0].name)} is ${stage}${budget}`
    : `All ${last.flows.length} flows are ${stage}${budget}`
}

/** A round whose problem waiting cannot heal. */
class FinalProblem extends Error {
  constructor(readonly round: RoundResult) {
    super('final')
  }
}
