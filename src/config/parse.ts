/**
 * Every workflow input, parsed and validated into one frozen `Config`. Pure: it reads inputs
 * through the function it is given and touches neither the network nor the file system, so
 * all bad input fails here, before any request, with an error that names the input.
 */
import { InputError } from '../errors.js'
import { compileExpression } from '../expressions.js'
import {
  CONTROL_CHARS,
  nonEmptyLines,
  parseBoolean,
  parseChoice,
  parseInteger,
  parsePositiveDuration,
  parseTimerDuration,
  resolvePath
} from '../input-parsers.js'
import { parseCall } from './call.js'
import { parseBaseUrl, parseCredentials } from './connection.js'
import { parseDeploy, parseExport } from './flows-as-code.js'
import { asksForGate, parseGate } from './gate.js'
import type { InputName } from './inputs.js'
import { COMMAND_WAIT_MS, ROLLOUT_WAIT_MS, type Config, type PublishSettings, type Waiting } from './settings.js'

export interface ConfigEnvironment {
  /** The raw value of an input, '' when unset (as `core.getInput` returns it). */
  readInput(name: InputName): string
  /** GITHUB_WORKSPACE: relative paths in inputs are taken from here. */
  readonly workspace: string
}

export const NOTHING_TO_DO = 'nothing to check: set flows (a gate), endpoint (a call), publish, deploy or export'

export function parseConfig(env: ConfigEnvironment): Config {
  const input = (name: InputName): string => env.readInput(name).trim()
  const warnings: string[] = []
  const baseUrl = parseBaseUrl(input('tenant'), input('base-url'))
  const credentials = parseCredentials(input('username'), env.readInput('password'), input('token'))
  const publish = parsePublish(input('publish'), input('publish-timeout'))
  const deploy = parseDeploy(input, env.workspace)
  let gate = parseGate(input, deploy?.mode === 'apply')
  const exported = parseExport(input, gate, env.workspace)
  // An export exports whatever the flows' stage; it gates only when a gate input asks for it.
  if (exported && !asksForGate(input)) gate = undefined
  const call = parseCall(input, env.workspace)
  const waiting = parseWaiting(input, Boolean(gate?.command), Boolean(deploy?.updateInstances && deploy.mode === 'apply'))
  if (gate?.command && waiting.waitMs === 0) {
    // One check could send a command and never see it finish: never a pass, and flows left half-way.
    throw new InputError('wait', `is 0, but '${gate.command}' needs time to reach its stage; leave 'wait' empty (2m) or give a duration`)
  }
  // A step must be told what to do: an empty `flows: ${{ vars.UNSET }}` is never a green check.
  if (!gate && !call && !publish && !deploy && !exported) throw new InputError('flows', NOTHING_TO_DO)
  if (deploy && deploy.mode !== 'apply') {
    // A plan (or a drift check) changes nothing: a command or an upload beside it would.
    const writes = gate?.command ? 'command' : publish ? 'publish' : undefined
    if (writes) throw new InputError(writes, `cannot be combined with deploy-mode ${deploy.mode}, which changes nothing on the tenant`)
  }
  if (call && (deploy || exported)) {
    throw new InputError('endpoint', `cannot be combined with '${deploy ? 'deploy' : 'export'}'; call the API in a step of its own`)
  }
  if (gate && call) throw new InputError('flows', "cannot be combined with 'endpoint': the flow gate makes its own calls")
  if (waiting.waitMs > 0 && !gate && !call?.expect) {
    warnings.push("Input 'wait' has no effect without 'expect' (or 'flows'): the call is made once")
  }
  if (input('select') && !gate && !call) throw new InputError('select', "needs 'endpoint' or 'flows': there is no answer to select from")
  const config: Config = {
    baseUrl,
    credentials,
    publish,
    gate,
    call,
    deploy,
    export: exported,
    waiting,
    select: input('select') ? compileExpression('select', input('select')) : undefined,
    mask: nonEmptyLines(input('mask')).map(line => compileExpression('mask', line)),
    responseFile: input('response-file') ? resolvePath('response-file', input('response-file'), env.workspace) : undefined,
    onUnavailable: parseChoice('on-unavailable', input('on-unavailable'), ['fail', 'warn', 'pass'] as const) ?? 'fail',
    outputToken: parseBoolean('output-token', input('output-token'), false),
    failOnHttpError: parseBoolean('fail-on-http-error', input('fail-on-http-error'), true),
    timeoutMs: parsePositiveDuration('timeout', input('timeout'), 30_000, true),
    retries: parseInteger('retries', input('retries'), 3, 0, 10),
    summary: parseBoolean('summary', input('summary'), true),
    warnings
  }
  return Object.freeze(config)
}

/** A command waits for its stage: without a `wait`, up to COMMAND_WAIT_MS; a rollout up to ROLLOUT_WAIT_MS. */
function parseWaiting(input: (name: InputName) => string, commanded: boolean, rollingOut = false): Waiting {
  const pollIntervalMs = parseTimerDuration('poll-interval', input('poll-interval'), 15_000)
  if (pollIntervalMs < 100) throw new InputError('poll-interval', 'must be at least 100ms')
  const fallback = rollingOut ? ROLLOUT_WAIT_MS : commanded ? COMMAND_WAIT_MS : 0
  return { waitMs: parseTimerDuration('wait', input('wait'), fallback), pollIntervalMs }
}

function parsePublish(publish: string, timeout: string): PublishSettings | undefined {
  // publish-timeout has a default in action.yml: without publish it is simply unused.
  if (!publish) return undefined
  if (CONTROL_CHARS.test(publish)) throw new InputError('publish', 'the path contains a control character')
  return { input: publish, timeoutMs: parsePositiveDuration('publish-timeout', timeout, 5 * 60_000, true) }
}
