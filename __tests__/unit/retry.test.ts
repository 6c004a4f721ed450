import { DEFAULT_BACKOFF, delayBeforeRetry, isRetryable, parseRetryAfter } from '../../src/retry.js'

describe('retry policy', () => {
  it.each([429, 502, 503, 504])('retries a GET answered %d', status => expect(isRetryable('GET', { kind: 'response', status })).toBe(true))
  it.each([400, 401, 403, 404, 409, 500])('never retries %d', status => {
    expect(isRetryable('GET', { kind: 'response', status })).toBe(false)
    expect(isRetryable('POST', { kind: 'response', status })).toBe(false)
  })
  it('retries network failures of idempotent calls, but not an unknown host', () => {
    for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EAI_AGAIN'])
      expect(isRetryable('GET', { kind: 'network', code })).toBe(true)
    expect(isRetryable('GET', { kind: 'network', code: 'ENOTFOUND' })).toBe(false)
    expect(isRetryable('GET', { kind: 'network', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).toBe(false)
  })
  it('retries a POST only when it surely did not take effect', () => {
    expect(isRetryable('POST', { kind: 'network', code: 'ECONNREFUSED' })).toBe(true)
    expect(isRetryable('POST', { kind: 'network', code: 'ECONNRESET' })).toBe(false)
    expect(isRetryable('POST', { kind: 'network', code: 'ETIMEDOUT' })).toBe(false)
    expect(isRetryable('PATCH', { kind: 'response', status: 502 })).toBe(false)
    expect(isRetryable('POST', { kind: 'response', status: 503 })).toBe(true)
    expect(isRetryable('POST', { kind: 'response', status: 429 })).toBe(true)
  })
  it('waits a random share of an exponentially growing, capped ceiling', () => {
    expect(delayBeforeRetry(1, DEFAULT_BACKOFF, 1)).toBe(1_000)
    expect(delayBeforeRetry(3, DEFAULT_BACKOFF, 0.5)).toBe(2_000)
    expect(delayBeforeRetry(10, DEFAULT_BACKOFF, 1)).toBe(DEFAULT_BACKOFF.capMs)
    expect(delayBeforeRetry(2, DEFAULT_BACKOFF, 0)).toBe(0)
  })
  it('honours Retry-After in seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-28T10:00:00Z')
    expect(parseRetryAfter('7', now)).toBe(7_000)
    expect(parseRetryAfter('Sat, 28 Nov 2026 10:00:05 GMT', now)).toBe(5_000)
    expect(parseRetryAfter('Sat, 28 Nov 2026 09:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(delayBeforeRetry(1, DEFAULT_BACKOFF, 0.1, 7_000)).toBe(7_000)
  })
})

describe('retry waits are bounded', () => {
  it('caps Retry-After at the longest single wait and at the time left', () => {
    expect(delayBeforeRetry(1, DEFAULT_BACKOFF, 0.5, 3_600_000)).toBe(DEFAULT_BACKOFF.maxWaitMs)
    expect(delayBeforeRetry(1, DEFAULT_BACKOFF, 0.5, 30_000, 4_000)).toBe(4_000)
    expect(delayBeforeRetry(5, DEFAULT_BACKOFF, 1, undefined, 2_500)).toBe(2_500)
    expect(delayBeforeRetry(5, DEFAULT_BACKOFF, 1, undefined, -5)).toBe(0)
  })
})
