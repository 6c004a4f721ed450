/**
 * The step's one clock. Everything that reads the time or waits — request timeouts, retry
 * back-off, the poll loop, deadlines, the error window, token expiry — goes through the `Clock`
 * that `main.ts` creates once and hands down. Nothing else in `src/` calls `Date.now()`,
 * `new Date()` or a timer (a unit test greps for it), so tests can run the whole step on a
 * virtual clock, and no behaviour depends on the calendar.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Resolves after `ms`. */
  sleep(ms: number): Promise<void>
  /** Calls `fn` after `ms` unless the returned function is called first (a request's timeout). */
  after(ms: number, fn: () => void): () => void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
  after: (ms, fn) => {
    const timer = setTimeout(fn, ms)
    return () => clearTimeout(timer)
  }
}

/** An ISO 8601 timestamp of a clock reading, e.g. for a Lucene range in a logs query. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString()
}
