/**
 * The step: read the inputs, sign in, make the call or run the flow gate, write the outputs.
 * Data flows one way, and every ending goes through `conclude`, which sets `result` always.
 */
import { AppmixerClient } from './appmixer.js'
import { systemClock, type Clock } from './clock.js'
import { loadBody, type StepTrace } from './call.js'
import { parseConfig, type Config } from './config.js'
import { formatDuration } from './duration.js'
import { ActionError, errorMessage, type Verdict } from './errors.js'
import { runCallGate } from './gate/expect-gate.js'
import { runFlowGate } from './gate/flow-gate.js'
import { flowLabel } from './gate/flows.js'
import { HttpTransport } from './http.js'
import { runIdentity } from './identity.js'
import { MIN_MASKED_LENGTH } from './masking.js'
import { conclude, describeFlowProblems, flowsOutput, valueText, type Ending } from './report.js'
import { createRunner, type Runner } from './runner.js'
import { proxyPasswords } from './secrets.js'

const MAX_FLOW_ANNOTATIONS = 9

export async function run(runner: Runner = createRunner(), clock: Clock = systemClock): Promise<void> {
  // Masked before anything else is read or written.
  runner.secret(runner.input('password'))
  runner.secret(runner.input('token'))
  proxyPasswords(process.env).forEach(password => runner.secret(password))
  // Whatever escapes, even from a socket after the step, ends as one redacted line, never a stack.
  const last = (error: unknown): void => {
    runner.fail(`Unexpected error: ${errorMessage(error)}`)
    process.exit(1)
  }
  process.on('uncaughtException', last)
  process.on('unhandledRejection', last)
  try {
    await step(runner, clock)
  } catch (error) {
    last(error)
  }
}

async function step(runner: Runner, clock: Clock): Promise<void> {
  const trace: Ending['trace'] = {}
  let config: Config | undefined
  let transport: HttpTransport | undefined
  let client: AppmixerClient | undefined
  let runUrl: string | undefined
  let ending: Omit<Ending, 'trace'>
  try {
    config = parseConfig({ readInput: runner.input, workspace: process.env.GITHUB_WORKSPACE || process.cwd() })
    const body = await loadBody(config.call.body)

    const identity = runIdentity()
    runUrl = identity.runUrl
    transport = new HttpTransport({
      userAgent: identity.userAgent,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      clock,
      log: runner.info,
      debug: runner.debugEnabled ? runner.debug : undefined
    })
    client = new AppmixerClient(transport, config.baseUrl, config.credentials, token => runner.secret(token))
    if (config.credentials.kind === 'password') {
      await client.signIn()
      runner.info(`Signed in to ${config.baseUrl.origin} as ${config.credentials.username}`)
    }
    if (client.userId) runner.output('user-id', client.userId)
    if (config.outputToken && client.token) runner.revealOutput('token', client.token)

    ending =
      config.gate.flows.length > 0
        ? await flowGateStep(client, config, clock, runner, trace)
        : await callStep(client, config, body, clock, runner, trace)
  } catch (error) {
    const verdict: Verdict = error instanceof ActionError ? error.verdict : 'fail'
    ending = { verdict, problem: error instanceof ActionError ? error.message : `Unexpected error: ${errorMessage(error)}` }
  } finally {
    transport?.close()
  }
  await conclude(runner, config, { ...ending, status: client?.lastStatus, trace, runUrl })
}

async function callStep(
  client: AppmixerClient,
  config: Config,
  body: string | undefined,
  clock: Clock,
  runner: Runner,
  trace: StepTrace
): Promise<Omit<Ending, 'trace'>> {
  if (config.gate.waitMs > 0 && !config.gate.expect)
    runner.warning("Input 'wait' has no effect without 'expect' (or 'flows'): the call is made once")
  const outcome = await runCallGate(client, config, body, clock, runner.info, trace, secret => runner.secret(secret, MIN_MASKED_LENGTH))
  const { call } = trace
  if (call) runner.info(`${call.method} ${call.url.pathname}${call.url.search} → ${call.response.status} ${call.response.statusText}`)
  const expect = config.gate.expect
  if (outcome.verdict === 'pass' || !expect) return { verdict: 'pass' }
  if (outcome.verdict === 'unavailable') return { verdict: 'unavailable', problem: outcome.unavailable!.message }
  const waited = outcome.verdict === 'timeout' ? ` after waiting ${formatDuration(config.gate.waitMs)} (${outcome.polls} checks)` : ''
  return {
    verdict: outcome.verdict,
    problem: `The condition ${outcome.last?.pending ?? `'${expect.text}' did not hold`}, expected true${waited}`
  }
}

async function flowGateStep(
  client: AppmixerClient,
  config: Config,
  clock: Clock,
  runner: Runner,
  trace: Ending['trace']
): Promise<Omit<Ending, 'trace'>> {
  const gate = await runFlowGate(client, config.gate, clock, runner.info)
  trace.flows = gate.flows
  trace.errorsCapped = gate.errorsCapped
  if (config.select) trace.value = valueText(config.select.evaluate(flowsOutput(gate.flows)))
  if (gate.poll.verdict === 'pass') {
    const budget = config.gate.maxErrors !== undefined ? ', within the error budget' : ''
    const [only] = gate.flows
    runner.info(
      gate.flows.length === 1
        ? `Flow '${only.name}' is ${config.gate.stage}${budget}`
        : `All ${gate.flows.length} flows are ${config.gate.stage}${budget}`
    )
    return { verdict: 'pass' }
  }
  if (gate.poll.verdict === 'unavailable') return { verdict: 'unavailable', problem: gate.poll.unavailable!.message }
  // GitHub shows ten error annotations a step; more would only flood the log.
  const holding = gate.flows.filter(flow => flow.problem)
  for (const flow of holding.slice(0, MAX_FLOW_ANNOTATIONS)) {
    runner.error(`Flow ${flowLabel(flow)} ${flow.problem}`, 'Appmixer flow gate')
  }
  const waited = gate.poll.verdict === 'timeout' ? ` after waiting ${formatDuration(config.gate.waitMs)}` : ''
  const hint =
    config.gate.command && config.gate.waitMs === 0 ? ` (flows take a moment to ${config.gate.command}: set 'wait', e.g. 2m)` : ''
  return {
    verdict: gate.poll.verdict,
    problem: `Flow gate ${gate.poll.verdict === 'timeout' ? 'timed out' : 'failed'}${waited}: ${describeFlowProblems(gate.flows)}${hint}`
  }
}
