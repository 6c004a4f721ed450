import { systemClock, type Clock } from '../../src/clock.js'

/**
 * A clock whose sleeps pass at once, moving virtual time forward; `onSleep` lets a test act
 * between polls. It starts at the real time by default, so nothing depends on the calendar.
 * A request's timeout (`after`) still runs on real time: the request itself is real I/O.
 */
export function virtualClock(start = Date.now(), onSleep: (ms: number) => void = () => undefined) {
  let now = start
  const sleeps: number[] = []
  const clock: Clock = {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
      onSleep(ms)
    },
    after: (ms, fn) => systemClock.after(ms, fn)
  }
  return { clock, sleeps, elapsed: () => now - start }
}
