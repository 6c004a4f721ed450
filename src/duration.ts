/**
 * Durations as users write them in workflow inputs: `90s`, `5m`, `1h30m`, `250ms`, or a plain
 * number of seconds (`45`, `0.5`). Returns milliseconds.
 */
const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/

export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase()
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  if (!WHOLE.test(trimmed)) return undefined
  let total = 0
  for (const [, amount, unit] of trimmed.matchAll(PART)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]
  }
  return Math.round(total)
}

/** `95000` → `1m35s`: the inverse, for messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  let seconds = Math.round(ms / 1000)
  const hours = Math.floor(seconds / 3600)
  seconds -= hours * 3600
  const minutes = Math.floor(seconds / 60)
  seconds -= minutes * 60
  return [hours && `${hours}h`, minutes && `${minutes}m`, seconds && `${seconds}s`].filter(Boolean).join('') || '0s'
}
