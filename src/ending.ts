/**
 * How a step ended, in one value: the verdict, why, and what was found on the way. `main.ts`
 * builds it from the gates' results; outputs (report.ts) and the job summary (summary.ts) both
 * read it, and neither depends on the other. The wording of a verdict lives here too.
 */
import type { CallOutcome } from './call.js'
import type { CallMode, FlowsMode } from './config.js'
import { formatDuration } from './duration.js'
import { ActionError, HttpError, errorMessage, quote, visible, type Verdict } from './errors.js'
import type { Expression, Json } from './expressions.js'
import type { CallGateResult } from './gate/expect-gate.js'
import type { FlowGateOutcome } from './gate/flow-gate.js'
import { pendingLine, type FlowVerdict } from './gate/flows.js'
import { publishProblems, type PublishOutcome } from './publish/index.js'

export interface Ending {
  readonly verdict: Verdict
  /** Why the verdict is not pass. */
  readonly problem?: string
  /** HTTP status of the last call, when there was one. */
  readonly status?: number
  /** A plain call's last request and answer. */
  readonly call?: CallOutcome
  /** The `select` result, as output `value` holds it. */
  readonly value?: string
  /** A flow gate's flows, failing ones first. */
  readonly flows?: readonly FlowVerdict[]
  /** True when an error count hit its cap: the real numbers may be higher. */
  readonly errorsCapped?: boolean
  /** The workflow run's page, for the summary. */
  readonly runUrl?: string
  /** When the step ended, on the step's clock: the summary tells times relative to it. */
  readonly endedAt?: number
  /** A connector published before the call or the gate. */
  readonly published?: PublishOutcome
}

/** How a publish ended, when it ends the step: not finished in time, or refused by validation. */
export function publishEnding(outcome: PublishOutcome): Ending | undefined {
  const { connector, result, config } = outcome
  if (!result.finished) {
    return {
      verdict: 'timeout',
      published: outcome,
      problem:
        `Publishing ${connector.name} did not finish within publish-timeout (${formatDuration(config.timeoutMs)}); ` +
        `Appmixer may still finish it (ticket ${visible(result.ticket, 100)})`
    }
  }
  const problems = publishProblems(outcome)
  if (problems.length === 0) return undefined
  const count = result.problems.length
  return {
    verdict: 'fail',
    published: outcome,
    problem: `Appmixer refused ${connector.name}: ${result.err ?? 'validation failed'}${count ? ` (${count} validation error${count === 1 ? '' : 's'})` : ''}`
  }
}

export const VERDICT_ICON: Record<Verdict, string> = { pass: '✅', fail: '❌', timeout: '⏱️', unavailable: '⚠️' }

/** A `select` result as an output: a string as is, anything else as JSON text. */
export function valueText(value: Json): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    throw new ActionError("Input 'select': its result is JSON nested too deeply to write as an output; select a part of it")
  }
}

/** Output `flows`: what a later step needs of each gated flow. */
export function flowsOutput(flows: readonly FlowVerdict[]): Array<{ flowId: string; name: string; stage: string; errors: number | null }> {
  return flows.map(({ flowId, name, stage, errors }) => ({ flowId, name, stage, errors }))
}

/** `2 of 3 flows not as required: 'Orders sync' is stopped, expected running; …` */
export function describeFlowProblems(flows: readonly FlowVerdict[]): string {
  const holding = flows.filter(flow => flow.problem)
  return `${holding.length} of ${flows.length} flows not as required: ${pendingLine(holding, 10)}`
}

/** A step that ended on an error: its verdict, message and, for an HTTP error, the status. */
export function errorEnding(error: unknown): Ending {
  if (!(error instanceof ActionError)) return { verdict: 'fail', problem: `Unexpected error: ${errorMessage(error)}` }
  return { verdict: error.verdict, problem: error.message, status: error instanceof HttpError ? error.status : undefined }
}

/** How a plain call (with or without `expect`) ended. */
export function callEnding(result: CallGateResult, mode: CallMode, select?: Expression): Ending {
  const answered: Ending = { verdict: 'pass', call: result.call, status: result.call?.response.status }
  let found: Ending
  try {
    found = { ...answered, value: select && result.selected !== undefined ? valueText(result.selected) : undefined }
  } catch (error) {
    return { ...answered, ...errorEnding(error), status: answered.status }
  }
  if (result.error !== undefined) return { ...found, ...errorEnding(result.error), status: found.status }
  const poll = result.poll!
  if (poll.verdict === 'pass' || !mode.expect) return found
  if (poll.verdict === 'unavailable') return { ...found, verdict: 'unavailable', problem: poll.unavailable!.message }
  const waited = poll.verdict === 'timeout' ? ` after waiting ${formatDuration(mode.waitMs)} (${poll.polls} checks)` : ''
  return {
    ...found,
    verdict: poll.verdict,
    problem: `The condition ${poll.last?.pending ?? `${quote(mode.expect.text)} did not hold`}, expected true${waited}`
  }
}

/** How a flow gate ended; `select` applies to output `flows`. */
export function flowGateEnding(outcome: FlowGateOutcome, mode: FlowsMode, select?: Expression): Ending {
  const { poll, flows, errorsCapped } = outcome
  const found: Ending = {
    verdict: 'pass',
    status: 200,
    flows,
    errorsCapped,
    value: select ? valueText(select.evaluate(flowsOutput(flows))) : undefined
  }
  if (poll.verdict === 'pass') return found
  if (poll.verdict === 'unavailable') return { ...found, verdict: 'unavailable', problem: poll.unavailable!.message }
  const waited = poll.verdict === 'timeout' ? ` after waiting ${formatDuration(mode.waitMs)}` : ''
  const hint = mode.command && mode.waitMs === 0 ? ` (flows take a moment to ${mode.command}: set 'wait', e.g. 2m)` : ''
  return {
    ...found,
    verdict: poll.verdict,
    problem: `Flow gate ${poll.verdict === 'timeout' ? 'timed out' : 'failed'}${waited}: ${describeFlowProblems(flows)}${hint}`
  }
}

/** The line a passing flow gate ends with. */
export function flowGatePassLine(flows: readonly FlowVerdict[], mode: FlowsMode): string {
  const budget = mode.maxErrors !== undefined ? ', within the error budget' : ''
  return flows.length === 1
    ? `Flow ${quote(flows[0].name)} is ${mode.stage}${budget}`
    : `All ${flows.length} flows are ${mode.stage}${budget}`
}
