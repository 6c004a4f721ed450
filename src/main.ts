/**
 * The step, wired: read the inputs, sign in, make the call or run the flow gate, conclude.
 * Each stage is a module of its own; this file only connects them, and every ending goes
 * through `conclude`, which always sets `result`.
 */
import { AppmixerClient, tokenExpiry } from './appmixer.js'
import { loadBody } from './call.js'
import { isoTime, systemClock, type Clock } from './clock.js'
import { INPUT_NAMES, parseConfig, userinfoSecrets, type CallMode, type Config, type FlowsMode } from './config.js'
import { InputError, quote } from './errors.js'
import { EXPRESSION_INPUTS, loadExpressionEngine } from './expressions.js'
import { callEnding, errorEnding, flowGateEnding, flowGatePassLine, publishEnding, type Ending } from './ending.js'
import { runCallGate } from './gate/expect-gate.js'
import { runFlowGate } from './gate/flow-gate.js'
import { HttpTransport, describe } from './http.js'
import { MIN_MASKED_LENGTH } from './masking.js'
import { prepareConnector, publish, type PublishOutcome } from './publish/index.js'
import { conclude } from './report.js'
import { ResponseFileSink } from './response-file.js'
import { runContext } from './run-context.js'
import { createRunner, type Runner } from './runner.js'
import { proxyPasswords } from './secrets.js'

export async function run(
  runner: Runner = createRunner(),
  clock: Clock = systemClock,
  env: NodeJS.ProcessEnv = process.env
): Promise<void> {
  // Masked before anything else is read or written.
  runner.secret(runner.input('password'))
  runner.secret(runner.input('token'))
  proxyPasswords(env).forEach(password => runner.secret(password))
  INPUT_NAMES.flatMap(name => userinfoSecrets(runner.input(name))).forEach(secret => runner.secret(secret))

  const context = runContext()
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  let published: PublishOutcome | undefined
  let config: Config | undefined
  let transport: HttpTransport | undefined
  let client: AppmixerClient | undefined
  let sink: ResponseFileSink | undefined
  let ending: Ending
  try {
    if (EXPRESSION_INPUTS.some(name => runner.input(name).trim())) await loadExpressionEngine()
    config = parseConfig({ readInput: runner.input, workspace })
    config.warnings.forEach(warning => runner.warning(warning))
    const body = config.mode.kind === 'call' ? await loadBody(config.mode.call.body) : undefined
    // Packed before any request: a bad path, manifest or size is bad input.
    const connector = config.publish ? await prepareConnector(config.publish, workspace) : undefined
    if (context.description) runner.debug(`Run: ${context.description}`)
    transport = new HttpTransport({
      userAgent: context.userAgent,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      clock,
      log: runner.info,
      debug: runner.debugEnabled ? runner.debug : undefined
    })
    // The wait counts from here: sign-in, resolution, commands and polls all fit within it.
    const startedAt = clock.now()
    const waitMs = config.mode.waitMs
    const deadline = waitMs > 0 ? startedAt + waitMs : undefined
    checkTokenLifetime(config, startedAt, runner)
    client = new AppmixerClient(transport, config.baseUrl, config.credentials, token => runner.secret(token), runner.redact)
    if (config.credentials.kind === 'password') {
      await client.signIn(deadline)
      runner.info(`Signed in to ${config.baseUrl.origin} as ${quote(config.credentials.username)}`)
    }
    if (client.userId) runner.ownOutput('user-id', client.userId)
    if (config.publish && connector) published = await publish(client, config.publish, connector, clock, runner.info)
    const refused = published && publishEnding(published)
    if (refused) {
      ending = refused
    } else if (config.mode.kind === 'flows') {
      // After a publish, the gate's wait starts when the connector is in place.
      ending = await flowGateStep(client, config, config.mode, clock, runner, published ? clock.now() : startedAt)
    } else if (config.mode.kind === 'call') {
      sink = responseSink(config, config.mode, runner, env)
      ending = await callStep(client, config, config.mode, body, sink, clock, runner, startedAt)
    } else {
      ending = { verdict: 'pass' }
    }
  } catch (error) {
    ending = errorEnding(error)
  } finally {
    transport?.close()
  }
  // The token in use at the end: a re-sign-in during a long wait replaces the first one.
  if (config?.outputToken && client?.token) runner.revealOutput('token', client.token)
  await conclude(runner, config, { ...ending, published, runUrl: context.runUrl, endedAt: clock.now() }, sink?.path)
}

/**
 * Appmixer has no token refresh: a given token that has expired fails before any call, and one
 * that expires before the wait can end is a warning with both times.
 */
function checkTokenLifetime(config: Config, now: number, runner: Runner): void {
  if (config.credentials.kind !== 'token') return
  const expires = tokenExpiry(config.credentials.token)
  if (expires === undefined) return
  if (expires <= now) {
    throw new InputError(
      'token',
      `expired at ${isoTime(expires)} (it is now ${isoTime(now)}); Appmixer has no refresh, so sign in again for a new one`
    )
  }
  const lastNeeded = now + config.mode.waitMs + config.timeoutMs
  if (config.mode.waitMs > 0 && expires < lastNeeded) {
    runner.warning(
      `Input 'token' expires at ${isoTime(expires)}, before the wait can end (${isoTime(lastNeeded)}); ` +
        'Appmixer has no refresh, so checks after that will fail. Use username and password, or a fresher token'
    )
  }
}

/** The response file, streamed as the body arrives; not when `mask` must see the whole body first. */
function responseSink(config: Config, mode: CallMode, runner: Runner, env: NodeJS.ProcessEnv): ResponseFileSink | undefined {
  if (config.mask.length > 0) return undefined
  return new ResponseFileSink({
    requested: config.responseFile,
    spillDirectory: env.RUNNER_TEMP || undefined,
    needsText: Boolean(config.select || mode.expect),
    secrets: { streamRedactor: () => runner.streamRedactor() }
  })
}

async function callStep(
  client: AppmixerClient,
  config: Config,
  mode: CallMode,
  body: string | undefined,
  sink: ResponseFileSink | undefined,
  clock: Clock,
  runner: Runner,
  startedAt: number
): Promise<Ending> {
  const result = await runCallGate(
    client,
    mode,
    {
      body,
      select: config.select,
      mask: config.mask,
      failOnHttpError: config.failOnHttpError,
      protect: secret => runner.secret(secret, MIN_MASKED_LENGTH),
      sink
    },
    clock,
    runner.info,
    startedAt
  )
  const { call } = result
  if (call) runner.info(`${describe(call)} → ${call.response.status} ${call.response.statusText}`)
  return callEnding(result, mode, config.select)
}

async function flowGateStep(
  client: AppmixerClient,
  config: Config,
  mode: FlowsMode,
  clock: Clock,
  runner: Runner,
  startedAt: number
): Promise<Ending> {
  const outcome = await runFlowGate(client, mode, clock, runner.info, startedAt)
  const ending = flowGateEnding(outcome, mode, config.select)
  if (ending.verdict === 'pass') runner.info(flowGatePassLine(outcome.flows, mode))
  return ending
}
