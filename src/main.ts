/**
 * The step: read the inputs, sign in, make the call, write the outputs. Data flows one way,
 * and every failure ends in one place that sets `result` and a clear error.
 */
import { AppmixerClient, httpError } from './appmixer.js'
import { callEndpoint, loadBody, type CallOutcome } from './call.js'
import { parseConfig, type Config } from './config.js'
import { ActionError, errorMessage, type Verdict } from './errors.js'
import { HttpTransport } from './http.js'
import { runIdentity } from './identity.js'
import { callSummary, valueText, writeResponse } from './report.js'
import { createRunner, type Runner } from './runner.js'

export async function run(runner: Runner = createRunner()): Promise<void> {
  // Masked before anything else is read or written.
  runner.secret(runner.input('password'))
  runner.secret(runner.input('token'))

  let config: Config | undefined
  let transport: HttpTransport | undefined
  let outcome: CallOutcome | undefined
  let value: string | undefined
  const identity = runIdentity()
  try {
    config = parseConfig({ readInput: runner.input, workspace: process.env.GITHUB_WORKSPACE || process.cwd() })
    const body = await loadBody(config.call.body)

    transport = new HttpTransport({ userAgent: identity.userAgent, timeoutMs: config.timeoutMs, retries: config.retries, log: runner.info })
    const client = new AppmixerClient(transport, config.baseUrl, config.credentials, token => runner.secret(token))
    if (config.credentials.kind === 'password') {
      runner.debug(`Signing in to ${config.baseUrl.origin} as ${config.credentials.username}`)
      await client.signIn()
      runner.info(`Signed in to ${config.baseUrl.origin} as ${config.credentials.username}`)
    }
    if (client.userId) runner.output('user-id', client.userId)
    if (config.outputToken && client.token) runner.revealOutput('token', client.token)

    outcome = await callEndpoint(client, config, body)
    runner.info(`${outcome.method} ${outcome.url.pathname}${outcome.url.search} → ${outcome.response.status} ${outcome.response.statusText}`)
    await writeResponse(runner, outcome, config.responseFile)
    if (config.select && outcome.json !== undefined) {
      value = valueText(config.select.evaluate(outcome.json))
      runner.output('value', value)
    }
    if (!outcome.ok && config.failOnHttpError) throw httpError(outcome, outcome.response)
    if (config.select && outcome.json === undefined) {
      throw new ActionError(`Input 'select': the response of ${outcome.method} ${outcome.url.pathname} is not JSON, so there is nothing to select from`)
    }
    await finish(runner, config, 'pass', { outcome, value, runUrl: identity.runUrl })
  } catch (error) {
    const verdict: Verdict = error instanceof ActionError ? error.verdict : 'fail'
    const problem = error instanceof ActionError ? error.message : `Unexpected error: ${errorMessage(error)}`
    runner.fail(problem)
    await finish(runner, config, verdict, { outcome, value, problem, runUrl: identity.runUrl }).catch(summaryError =>
      runner.warning(`Could not write the job summary: ${errorMessage(summaryError)}`)
    )
  } finally {
    transport?.close()
  }
}

async function finish(
  runner: Runner,
  config: Config | undefined,
  verdict: Verdict,
  details: { outcome?: CallOutcome; value?: string; problem?: string; runUrl?: string }
): Promise<void> {
  runner.output('result', verdict)
  if (config?.summary) await runner.appendSummary(callSummary({ baseUrl: config.baseUrl, verdict, ...details }))
}
