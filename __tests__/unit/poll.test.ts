import { UnavailableError, ActionError } from '../../src/errors.js'
import { pollUntil, type Check } from '../../src/poll.js'
import { virtualClock } from '../helpers/clock.js'

function checks(...results: Array<boolean | Error>) {
  let index = 0
  const deadlines: number[] = []
  const check = async (deadline: number): Promise<Check<number>> => {
    deadlines.push(deadline)
    const result = results[Math.min(index++, results.length - 1)]
    if (result instanceof Error) throw result
    return { met: result, detail: index, pending: `not yet (${index})` }
  }
  return { check, deadlines, calls: () => index }
}

describe('pollUntil', () => {
  it('passes at once when the condition holds, without sleeping', async () => {
    const { clock, sleeps } = virtualClock()
    const { check } = checks(true)
    const outcome = await pollUntil(check, { waitMs: 60_000, intervalMs: 5_000, clock, onProgress: () => undefined })
    expect(outcome).toMatchObject({ verdict: 'pass', polls: 1 })
    expect(sleeps).toEqual([])
  })

  it('fails after one check when there is no wait', async () => {
    const { clock } = virtualClock()
    const { check, deadlines } = checks(false)
    const outcome = await pollUntil(check, { waitMs: 0, intervalMs: 5_000, clock, onProgress: () => undefined })
    expect(outcome).toMatchObject({ verdict: 'fail', polls: 1, last: { detail: 1 } })
    expect(deadlines).toEqual([Number.POSITIVE_INFINITY])
  })

  it('polls until the condition holds, printing one short line per poll', async () => {
    const { clock, sleeps } = virtualClock()
    const { check } = checks(false, false, true)
    const lines: string[] = []
    const outcome = await pollUntil(check, { waitMs: 60_000, intervalMs: 5_000, clock, onProgress: line => lines.push(line) })
    expect(outcome).toMatchObject({ verdict: 'pass', polls: 3 })
    expect(sleeps).toEqual([5_000, 5_000])
    expect(lines).toEqual(['Check 1: not yet (1); next check in 5s, 1m left', 'Check 2: not yet (2); next check in 5s, 55s left'])
  })

  it('times out at the deadline, never sleeping past it, with a last check at the deadline', async () => {
    const { clock, sleeps, elapsed } = virtualClock()
    const started = clock.now()
    const { check, calls, deadlines } = checks(false)
    const outcome = await pollUntil(check, { waitMs: 12_000, intervalMs: 5_000, clock, onProgress: () => undefined })
    expect(outcome.verdict).toBe('timeout')
    expect(sleeps).toEqual([5_000, 5_000, 2_000])
    expect(elapsed()).toBe(12_000)
    expect(calls()).toBe(4)
    expect(new Set(deadlines)).toEqual(new Set([started + 12_000]))
  })

  it('rides out an unreachable Appmixer while waiting', async () => {
    const { clock } = virtualClock()
    const { check } = checks(new UnavailableError('connection refused'), true)
    const lines: string[] = []
    const outcome = await pollUntil(check, { waitMs: 60_000, intervalMs: 5_000, clock, onProgress: line => lines.push(line) })
    expect(outcome.verdict).toBe('pass')
    expect(lines[0]).toContain('Appmixer unreachable (connection refused)')
  })

  it('ends unavailable when Appmixer is still unreachable at the deadline', async () => {
    const { clock } = virtualClock()
    const { check } = checks(false, new UnavailableError('503'))
    const outcome = await pollUntil(check, { waitMs: 10_000, intervalMs: 5_000, clock, onProgress: () => undefined })
    expect(outcome).toMatchObject({ verdict: 'unavailable', last: { detail: 1 } })
    expect(outcome.unavailable?.message).toBe('503')
  })

  it('lets unreachable end a check without wait, and any other error end any check', async () => {
    const { clock } = virtualClock()
    await expect(
      pollUntil(checks(new UnavailableError('down')).check, { waitMs: 0, intervalMs: 1, clock, onProgress: () => undefined })
    ).rejects.toThrow('down')
    await expect(
      pollUntil(checks(new ActionError('404')).check, { waitMs: 60_000, intervalMs: 1, clock, onProgress: () => undefined })
    ).rejects.toThrow('404')
  })
})
