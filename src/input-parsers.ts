/**
 * Generic parsers of workflow input values: booleans, whole numbers, durations, one-entry-a-line
 * lists, `name<sep>value` lines, JSON and paths. Each failure is an `InputError` naming the input.
 */
import path from 'node:path'
import { parseDuration } from './duration.js'
import { InputError, quote, visible } from './errors.js'

// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARS = /[\u0000-\u001f\u007f]/

export function parseBoolean(name: string, text: string, fallback: boolean): boolean {
  if (!text) return fallback
  if (/^(true|yes|on)$/i.test(text)) return true
  if (/^(false|no|off)$/i.test(text)) return false
  throw new InputError(name, `${quote(text, 40)} is not a boolean; use true or false`)
}

export function parseInteger(name: string, text: string, fallback: number, min: number, max: number): number {
  if (!text) return fallback
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new InputError(name, `${quote(text, 40)} is not a whole number from ${min} to ${max}`)
  }
  return Number(text)
}

export function parseChoice<T extends string>(name: string, text: string, choices: readonly T[]): T | undefined {
  if (!text) return undefined
  const value = text.toLowerCase() as T
  if (!choices.includes(value)) throw new InputError(name, `${quote(text, 40)} is not one of ${choices.join(', ')}`)
  return value
}

/**
 * The longest duration any input takes (ten years): so that every time computed from one (the
 * start of an errors window, a deadline) is a valid date, and fails here, as bad input, rather
 * than after requests as "Invalid time value".
 */
export const MAX_DURATION_MS = 3_650 * 24 * 3_600_000

export function parseDurationInput(name: string, text: string, fallback: number): number {
  if (!text) return fallback
  const ms = parseDuration(text)
  if (ms === undefined) throw new InputError(name, `${quote(text, 40)} is not a duration; use e.g. 30s, 5m, 1h30m or a number of seconds`)
  if (!Number.isFinite(ms) || ms > MAX_DURATION_MS)
    throw new InputError(name, `${quote(text, 40)} is longer than ten years; use e.g. 15m or 24h`)
  return ms
}

/** The longest wait Node's timers hold (about 24.8 days); a longer one would fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** A duration the action waits for: rejected, as bad input, when Node's timers cannot hold it. */
export function parseTimerDuration(name: string, text: string, fallback: number): number {
  const ms = parseDurationInput(name, text, fallback)
  if (ms > MAX_TIMER_MS) throw new InputError(name, `${quote(text, 40)} is longer than the 24 days a step can wait; use e.g. 6h`)
  return ms
}

/** A duration longer than zero; `timer` when the action waits for it (see parseTimerDuration). */
export function parsePositiveDuration(name: string, text: string, fallback: number, timer = false): number {
  const ms = timer ? parseTimerDuration(name, text, fallback) : parseDurationInput(name, text, fallback)
  if (ms <= 0) throw new InputError(name, 'must be longer than zero')
  return ms
}

/** One entry a line, as multi-line inputs are written; blank lines do not count. */
export function nonEmptyLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(Boolean)
}

/** `name<sep>value` lines; blank lines are skipped, the value may contain the separator. */
export function parseLines(inputName: string, text: string, separator: string): Array<readonly [string, string]> {
  const pairs: Array<readonly [string, string]> = []
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim()
    if (!line) return
    if (CONTROL_CHARS.test(line)) throw new InputError(inputName, `line ${index + 1} contains a control character`)
    const at = line.indexOf(separator)
    if (at < 0)
      throw new InputError(inputName, `line ${index + 1} ${quote(line)} has no '${separator}'; write one 'name${separator}value' a line`)
    pairs.push([line.slice(0, at).trim(), line.slice(at + 1)])
  })
  return pairs
}

/** Checks that `text` is JSON and returns it compacted; the error says where it breaks. */
export function parseJsonText(inputName: string, text: string): string {
  try {
    return JSON.stringify(JSON.parse(text))
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'unreadable'
    throw new InputError(inputName, `is not valid JSON (${visible(reason, 120)})`)
  }
}

export function resolvePath(name: string, text: string, workspace: string): string {
  if (CONTROL_CHARS.test(text)) throw new InputError(name, 'the path contains a control character')
  return path.resolve(workspace, text)
}

/** Whether `target` lies in `root` (or is it), the paths taken as written. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target)
  return !(relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative))
}
