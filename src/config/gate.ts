/** The inputs of the flow gate: which flows, the stage they must reach, a command, and the checks' budgets. */
import { InputError, quote } from '../errors.js'
import {
  CONTROL_CHARS,
  nonEmptyLines,
  parseBoolean,
  parseChoice,
  parseInteger,
  parsePositiveDuration,
  parseTimerDuration
} from '../input-parsers.js'
import type { InputName, InputReader } from './inputs.js'
import type { GateSettings } from './settings.js'

const STAGES = ['running', 'stopped', 'starting', 'paused']
/** Where each command leads: a `stage` that contradicts it could never be reached. */
const LEADS_TO = { start: 'running', stop: 'stopped', restart: 'running' } as const
/** Inputs that ask for a gate: a stage to reach, a command, or a check. */
const GATING_INPUTS = ['command', 'stage', 'max-errors', 'max-unprocessed', 'check-accounts', 'hold'] as const
/** Inputs that only mean something with `flows`. */
const GATE_ONLY_INPUTS = [...GATING_INPUTS, 'flow-filter'] as const

/** The first of `names` the workflow set; `check-accounts` has a default (`false`), so only `true` counts. */
function firstGiven<T extends InputName>(input: InputReader, names: readonly T[]): T | undefined {
  return names.find(name => (name === 'check-accounts' ? parseBoolean(name, input(name), false) : input(name) !== ''))
}

/** Whether any input asks for a gate (an export step gates only then). */
export function asksForGate(input: InputReader): boolean {
  return firstGiven(input, GATING_INPUTS) !== undefined
}
/** Budgets a check can count to exactly within its bounded pages. */
const MAX_UNPROCESSED = 10_000

/**
 * The gate settings, or undefined when nothing is gated. `deployed`: a deploy (`deploy-mode`
 * apply) comes first, and its flows are gated with any listed ones, so the gate may list none.
 */
export function parseGate(input: InputReader, deployed = false): GateSettings | undefined {
  const flows = nonEmptyLines(input('flows'))
  if (flows.length === 0 && !deployed) {
    // A gate with no flows would pass by accident (say, when a variable expands to nothing).
    const stray = firstGiven(input, GATE_ONLY_INPUTS)
    const planned = input('deploy') ? ` (deploy-mode ${input('deploy-mode').toLowerCase()} deploys nothing to gate)` : ''
    if (stray) throw new InputError('flows', `is empty, but '${stray}' is set${planned}; list the flows to gate on, one id or name a line`)
    return undefined
  }
  if (input('expect')) throw new InputError('expect', "cannot be combined with 'flows'; the flow gate checks 'stage' and 'max-errors'")
  const command = parseChoice('command', input('command'), ['start', 'stop', 'restart'] as const)
  const given = input('stage').toLowerCase()
  if (given && !STAGES.includes(given)) throw new InputError('stage', `${quote(given)} is not one of ${STAGES.join(', ')}`)
  if (command && given && given !== LEADS_TO[command]) {
    throw new InputError('stage', `'${given}' contradicts command '${command}', which leads to ${LEADS_TO[command]}; leave 'stage' empty`)
  }
  return {
    flows,
    stage: given || (command ? LEADS_TO[command] : 'running'),
    command,
    flowFilter: parseFlowFilter(input('flow-filter')),
    maxErrors: input('max-errors') ? parseInteger('max-errors', input('max-errors'), 0, 0, 1_000_000) : undefined,
    errorsWindowMs: parsePositiveDuration('errors-window', input('errors-window'), 15 * 60_000, true),
    maxUnprocessed: input('max-unprocessed') ? parseInteger('max-unprocessed', input('max-unprocessed'), 0, 0, MAX_UNPROCESSED) : undefined,
    checkAccounts: parseBoolean('check-accounts', input('check-accounts'), false),
    // `hold: 0` is no hold, as `wait: 0` is no wait.
    holdMs: parseTimerDuration('hold', input('hold'), 0) || undefined
  }
}

/** `field:value` lines, e.g. `userId:5c88…` or `customFields.env:production`. */
function parseFlowFilter(text: string): string[] {
  return nonEmptyLines(text).map((line, index) => {
    if (CONTROL_CHARS.test(line)) throw new InputError('flow-filter', `line ${index + 1} contains a control character`)
    if (!/^[\w$.-]+:./.test(line)) {
      throw new InputError(
        'flow-filter',
        `line ${index + 1} ${quote(line)} is not a filter; write one 'field:value' a line, e.g. userId:<id>`
      )
    }
    return line
  })
}
