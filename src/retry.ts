/**
 * When to retry a request, and how long to wait first. Pure, so every branch is a unit test.
 *
 * Retried: network failures, timeouts, 429, 502, 503, 504. Never another 4xx: a wrong password
 * stays wrong. A POST or PATCH may already have taken effect, so it is retried only when the
 * request surely never reached Appmixer (connection refused) or Appmixer said "not now"
 * (429, 503).
 */
export type Attempt =
  | { readonly kind: 'response'; readonly status: number; readonly retryAfter?: string | null }
  | { readonly kind: 'network'; readonly code: string }

const RETRIED_STATUSES = new Set([429, 502, 503, 504])
const NOT_NOW_STATUSES = new Set([429, 503])
const RETRIED_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'UND_ERR_SOCKET'
])
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])

export function isRetryable(method: string, attempt: Attempt): boolean {
  const idempotent = IDEMPOTENT_METHODS.has(method)
  if (attempt.kind === 'response') {
    return idempotent ? RETRIED_STATUSES.has(attempt.status) : NOT_NOW_STATUSES.has(attempt.status)
  }
  return idempotent ? RETRIED_NETWORK_CODES.has(attempt.code) : attempt.code === 'ECONNREFUSED'
}

export interface Backoff {
  readonly baseMs: number
  /** Ceiling of the jittered backoff. */
  readonly capMs: number
  /** No single wait is longer, whatever `Retry-After` asks for. */
  readonly maxWaitMs: number
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1_000, capMs: 20_000, maxWaitMs: 60_000 }

/**
 * "Full jitter" (a random wait between zero and an exponentially growing ceiling) spreads
 * retries of many runners apart. A `Retry-After` from the server wins over the jitter. The
 * wait never exceeds `maxWaitMs`, nor the time left before the deadline.
 */
export function delayBeforeRetry(
  retryNumber: number,
  backoff: Backoff,
  random: number,
  retryAfterMs?: number,
  remainingMs = Infinity
): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** (retryNumber - 1))
  const wanted = retryAfterMs ?? Math.round(random * ceiling)
  return Math.max(0, Math.min(wanted, backoff.maxWaitMs, remainingMs))
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`; undefined if unusable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
