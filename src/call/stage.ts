/**
 * `endpoint`: one API call, optionally a gate on its answer (`expect`, polled with `wait`).
 * Its outputs (status, response, value) are set also when the call failed, so a later step
 * can read the answer.
 */
import type { Config } from '../config/index.js'
import { formatDuration } from '../duration.js'
import { quote } from '../errors.js'
import { describe } from '../http/index.js'
import { MIN_MASKED_LENGTH, TooManyToMask } from '../masking.js'
import { ResponseFileSink } from '../response-file.js'
import type { Stage, StepContext } from '../step/context.js'
import { errorOutcome, sized, type Outcome } from '../step/outcome.js'
import { valueText } from '../value.js'
import { runCallGate, type CallGateOutcome } from './expect.js'
import { responseOutputs } from './response-output.js'
import { callSummary } from './summary.js'

/** The body and the response file's real path, read and checked before sign-in (stages.ts's prepareStages). */
export function callStage(body: string | undefined, responseFile: string | undefined): Stage {
  return {
    name: 'call',
    run: async step => {
      const { config, runner } = step
      const call = config.call!
      const sink = responseSink(step, responseFile)
      const result = await runCallGate(
        step.client,
        call,
        config.waiting,
        {
          body,
          select: config.select,
          mask: config.mask,
          failOnHttpError: config.failOnHttpError,
          protect: secret => runner.maskedValue(secret, MIN_MASKED_LENGTH),
          sink
        },
        step.clock,
        step.log,
        step.waitStartedAt
      )
      const answered = result.call
      if (answered) step.log(`${describe(answered)} → ${answered.response.status} ${answered.response.statusText}`)
      const ending = verdictOf(result, config)
      const outputs = [...(ending.outputs ?? [])]
      const annotations = [...(ending.annotations ?? [])]
      // An answer with more values to mask than the action takes is written nowhere.
      if (answered && !(result.error instanceof TooManyToMask)) {
        const written = await responseOutputs(runner, answered, responseFile, sink?.path)
        outputs.push(...written.outputs)
        annotations.push(...written.annotations)
      }
      const title = answered
        ? `${describe(answered)} → ${answered.response.status} ${answered.response.statusText}`
        : `${call.method} ${call.endpoint}`
      const outcome: Outcome = { ...ending, outputs, annotations, title }
      return { ...outcome, summary: callSummary(step, outcome) }
    }
  }
}

/** The response file, streamed as the body arrives; not when `mask` must see the whole body first. */
function responseSink(step: StepContext, responseFile: string | undefined): ResponseFileSink | undefined {
  const { config, runner, env } = step
  if (config.mask.length > 0) return undefined
  return new ResponseFileSink({
    requested: responseFile,
    spillDirectory: env.RUNNER_TEMP || undefined,
    needsText: Boolean(config.select || config.call?.expect),
    secrets: { streamRedactor: () => runner.streamRedactor() }
  })
}

function verdictOf(result: CallGateOutcome, config: Config): Outcome {
  const status = result.call?.response.status
  const answered: Outcome = { verdict: 'pass', status, outputs: [] }
  let found: Outcome
  try {
    const value = config.select && result.selected !== undefined ? valueText(result.selected) : undefined
    found = value === undefined ? answered : { ...answered, outputs: [...answered.outputs!, sized('value', value)] }
  } catch (error) {
    return { ...answered, ...errorOutcome(error), status }
  }
  if (result.error !== undefined) return { ...found, ...errorOutcome(result.error), status }
  const poll = result.poll!
  const { expect } = config.call!
  if (poll.verdict === 'pass' || !expect) return found
  if (poll.verdict === 'unavailable') return { ...found, verdict: 'unavailable', problem: poll.unavailable!.message }
  const waited = poll.verdict === 'timeout' ? ` after waiting ${formatDuration(config.waiting.waitMs)} (${poll.polls} checks)` : ''
  return {
    ...found,
    verdict: poll.verdict,
    problem: `The condition ${poll.last?.pending ?? `${quote(expect.text)} did not hold`}, expected true${waited}`
  }
}
