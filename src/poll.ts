/**
 * The wait loop of every gate: check, and while the condition does not hold, sleep and check
 * again until the deadline. Pure over an injected clock, so every timing path is a fast test.
 */
import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import { isUnavailable, type ActionError } from './errors.js'

export interface Check<T> {
  readonly met: boolean
  readonly detail: T
  /** What is not yet as expected, in a few words, for the progress line. */
  readonly pending: string
}

export interface PollOptions {
  readonly waitMs: number
  readonly intervalMs: number
  readonly clock: Clock
  readonly onProgress: (line: string) => void
  /** When the wait began; the deadline is `waitMs` after it. Defaults to now. */
  readonly startedAt?: number
}

export interface PollOutcome<T> {
  readonly verdict: 'pass' | 'fail' | 'timeout' | 'unavailable'
  /** The last check that got an answer. */
  readonly last?: Check<T>
  /** Set when the last attempt found Appmixer unreachable. */
  readonly unavailable?: ActionError
  readonly polls: number
}

/**
 * Runs `check` until it is met or `waitMs` has passed. With a wait, an unreachable Appmixer is
 * one more failed poll (it may be restarting during a deploy); without one, it ends the step.
 * `check` receives the deadline, to bound its own retries.
 */
export async function pollUntil<T>(check: (deadline: number) => Promise<Check<T>>, options: PollOptions): Promise<PollOutcome<T>> {
  const { waitMs, intervalMs, clock, onProgress } = options
  const deadline = (options.startedAt ?? clock.now()) + waitMs
  let last: Check<T> | undefined
  for (let polls = 1; ; polls++) {
    let unavailable: ActionError | undefined
    try {
      last = await check(waitMs > 0 ? deadline : Number.POSITIVE_INFINITY)
      if (last.met) return { verdict: 'pass', last, polls }
    } catch (error) {
      if (!isUnavailable(error) || waitMs === 0) throw error
      unavailable = error
    }
    const remaining = deadline - clock.now()
    if (remaining <= 0) {
      if (unavailable) return { verdict: 'unavailable', last, unavailable, polls }
      return { verdict: waitMs > 0 ? 'timeout' : 'fail', last, polls }
    }
    const pause = Math.min(intervalMs, remaining)
    const pending = unavailable ? `Appmixer unreachable (${unavailable.message})` : last!.pending
    onProgress(`Check ${polls}: ${pending}; next check in ${formatDuration(pause)}, ${formatDuration(remaining)} left`)
    await clock.sleep(pause)
  }
}
