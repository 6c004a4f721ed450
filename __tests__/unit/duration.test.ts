import { formatDuration, parseDuration } from '../../src/duration.js'

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['45', 45_000],
    ['0.5', 500],
    ['250ms', 250],
    ['0', 0],
    [' 2M ', 120_000]
  ])('reads %s', (text, ms) => expect(parseDuration(text)).toBe(ms))

  it.each(['', 'soon', '5 minutes', '-3', '1d', 'm5', '1h 30m', '1e3'])('refuses %j', text => expect(parseDuration(text)).toBeUndefined())
})

describe('formatDuration', () => {
  it.each([
    [250, '250ms'],
    [30_000, '30s'],
    [95_000, '1m35s'],
    [5_400_000, '1h30m']
  ])('writes %d as %s', (ms, text) => expect(formatDuration(ms)).toBe(text))
})
