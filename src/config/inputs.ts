/**
 * The inputs of action.yml, by name (a unit test keeps the two in step), and the check that the
 * workflow set no other: the runner passes every `with:` key on as `INPUT_<NAME>` and only
 * warns about an unknown one, so a mistyped `max-error: 0` would be a budget silently ignored.
 */
import { InputError } from '../errors.js'

export const INPUT_NAMES = [
  'tenant',
  'base-url',
  'username',
  'password',
  'token',
  'method',
  'endpoint',
  'query',
  'headers',
  'body',
  'body-file',
  'select',
  'expect',
  'wait',
  'poll-interval',
  'flows',
  'flow-filter',
  'stage',
  'command',
  'max-errors',
  'errors-window',
  'max-unprocessed',
  'check-accounts',
  'hold',
  'on-unavailable',
  'response-file',
  'mask',
  'output-token',
  'fail-on-http-error',
  'timeout',
  'retries',
  'summary',
  'publish',
  'publish-timeout',
  'export',
  'deploy',
  'deploy-mode',
  'update-instances'
] as const

export type InputName = (typeof INPUT_NAMES)[number]

/** Reads one input's raw value ('' when unset), by its typed name. */
export type InputReader = (name: InputName) => string

/** How the runner names an input in the environment: upper case, spaces as underscores. */
function environmentName(input: string): string {
  return `INPUT_${input.replace(/ /g, '_').toUpperCase()}`
}

const KNOWN = new Map(INPUT_NAMES.map(name => [environmentName(name), name]))

/**
 * Fails on the first `INPUT_*` variable that is not an input of this action, naming the closest
 * real one. Variables of other steps do not reach this process, so any stranger is a typo.
 */
export function checkInputNames(env: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(env).sort()) {
    if (!key.toUpperCase().startsWith('INPUT_') || KNOWN.has(key)) continue
    const given = key.slice('INPUT_'.length).toLowerCase().replace(/_/g, ' ')
    // The runner writes `INPUT_MAX-ERRORS`; any other spelling (set by hand in `env:`) is never read.
    const known = KNOWN.get(key.toUpperCase())
    if (known) throw new InputError(known, `is set as the environment variable ${key}, which the action never reads; give it under 'with:'`)
    const closest = closestInput(given)
    throw new InputError(given, `is not an input of this action${closest ? `; did you mean '${closest}'?` : ''}`)
  }
}

/** The real input a few edits away from `given`, if one is. */
export function closestInput(given: string): InputName | undefined {
  let best: { name: InputName; distance: number } | undefined
  for (const name of INPUT_NAMES) {
    const distance = editDistance(given, name)
    if (!best || distance < best.distance) best = { name, distance }
  }
  return best && best.distance <= Math.max(2, Math.floor(given.length / 3)) ? best.name : undefined
}

/** Levenshtein distance; inputs are short, so the plain table is fast enough. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}
