/**
 * `hold`: bake time after the gate passed. Every `poll-interval` until the hold is over, one more
 * round of every check of the gate; the first round that finds a problem, or cannot complete,
 * ends the step at once, naming what broke and when (counted from the hold's start); `pass` only
 * after the whole hold. The hold has its own deadline, `hold` after the gate passed, whatever
 * was left of `wait`. Output `flows` is the last round's.
 */
import { formatDuration } from '../duration.js'
import { errorMessage } from '../errors.js'
import { pollUntil } from '../poll.js'
import type { Stage } from '../step/context.js'
import { errorOutcome, type Outcome } from '../step/outcome.js'
import { describeProblems, gateOutcome, gateRound } from './gate-stage.js'
import type { RoundOutcome } from './round.js'

export const holdStage: Stage = {
  name: 'hold',
  run: async step => {
    const holdMs = step.config.gate!.holdMs!
    const { pollIntervalMs } = step.config.waiting
    const startedAt = step.clock.now()
    const end = startedAt + holdMs
    const planned = Math.ceil(holdMs / pollIntervalMs)
    const held = (): string => formatDuration(Math.max(0, step.clock.now() - startedAt))
    let opened = false
    let checks = 0
    let last: RoundOutcome | undefined
    let verdict: Outcome['verdict']
    try {
      ;({ verdict } = await pollUntil(
        async () => {
          // The gate's passing round opens the hold: the first check of the hold comes one interval later.
          if (!opened) {
            opened = true
            return { met: false, detail: undefined, pending: `the gate passed; holding for ${formatDuration(holdMs)}` }
          }
          checks++
          try {
            last = await gateRound(step, end)
          } catch (error) {
            throw new HoldBroken(held(), undefined, error)
          }
          if (!last.met) throw new HoldBroken(held(), last)
          const pending = `held ${held()} of ${formatDuration(holdMs)}, ${checks} check${checks === 1 ? '' : 's'} passed`
          return { met: step.clock.now() >= end, detail: undefined, pending }
        },
        { waitMs: holdMs, intervalMs: pollIntervalMs, clock: step.clock, onProgress: step.log, startedAt }
      ))
    } catch (error) {
      if (!(error instanceof HoldBroken)) throw error
      const when = `${error.at} into the ${formatDuration(holdMs)} hold (check ${checks} of ${planned})`
      if (error.round) {
        const problem = `Hold broken ${when}: ${describeProblems(error.round)}`
        step.log(problem)
        return withHoldSummary(gateOutcome(step, 'fail', error.round, problem), `Hold broken ${when}.`)
      }
      const failed = errorOutcome(error.cause)
      const problem = `Hold broken ${when}: the check could not complete: ${failed.problem ?? errorMessage(error.cause)}`
      return { ...failed, problem, title: 'hold', summary: `Hold broken ${when}: the check could not complete.` }
    }
    // A round runs at the hold's end, so a hold whose every round passed ends `pass`; anything
    // else did not see the whole hold through.
    if (verdict !== 'pass') {
      return {
        verdict: 'fail',
        title: 'hold',
        problem: `The ${formatDuration(holdMs)} hold did not complete (${verdict}, ${checks} checks passed)`
      }
    }
    const line = `Held ${formatDuration(holdMs)}: ${checks} check${checks === 1 ? '' : 's'}, all passed.`
    step.log(line)
    // The outcome's own verdict: writing its outputs (a `select` on the flows) can still fail it.
    const outcome = gateOutcome(step, 'pass', last)
    return { ...outcome, annotations: undefined, title: `hold ${formatDuration(holdMs)}`, summary: line }
  }
}

function withHoldSummary(outcome: Outcome, line: string): Outcome {
  return { ...outcome, title: 'hold', summary: `${line}\n\n${outcome.summary ?? ''}` }
}

/** A round of the hold that found a problem, or could not complete. */
class HoldBroken extends Error {
  constructor(
    /** How long the hold had lasted: `2m30s`. */
    readonly at: string,
    readonly round?: RoundOutcome,
    override readonly cause?: unknown
  ) {
    super('hold broken')
  }
}
