import type { Clock } from '../../src/gate/poll.js'

/** A clock whose sleeps pass at once, moving virtual time forward; `onSleep` lets a test act between polls. */
export function virtualClock(start = Date.parse('2026-11-28T10:00:00Z'), onSleep: (ms: number) => void = () => undefined) {
  let now = start
  const sleeps: number[] = []
  const clock: Clock = {
    now: () => now,
    sleep: async ms => {
      sleeps.push(ms)
      now += ms
      onSleep(ms)
    }
  }
  return { clock, sleeps, elapsed: () => now - start }
}
