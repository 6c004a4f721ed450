/**
 * The step, wired: mask the secrets, read the inputs, prepare what is checked before any
 * request, sign in, run the stages in order, conclude. Every ending goes through `conclude`,
 * which always sets `result`.
 */
import { AppmixerClient } from './appmixer.js'
import { systemClock, type Clock } from './clock.js'
import { INPUT_NAMES, checkInputNames, parseConfig, userinfoSecrets, type Config } from './config/index.js'
import { quote } from './errors.js'
import { EXPRESSION_INPUTS, loadExpressionEngine } from './expressions.js'
import { HttpTransport } from './http/index.js'
import { conclude } from './report/conclude.js'
import { runContext } from './run-context.js'
import { createRunner, type Runner } from './runner.js'
import { REDACTED, proxyPasswords } from './secrets.js'
import { prepareStages, stagesFor } from './stages.js'
import { deadlineOf, type StepContext } from './step/context.js'
import { errorOutcome, own, text, type Outcome } from './step/outcome.js'
import { checkTokenLifetime } from './token-lifetime.js'

/** A secret found in an id at least this long is not chance. */
const MIN_SECRET_IN_ID = 6

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
  const outcomes: Outcome[] = []
  let config: Config | undefined
  let step: StepContext | undefined
  let transport: HttpTransport | undefined
  try {
    checkInputNames(env)
    if (EXPRESSION_INPUTS.some(name => runner.input(name).trim())) await loadExpressionEngine()
    config = parseConfig({ readInput: runner.input, workspace })
    config.warnings.forEach(warning => runner.warning(warning))
    const prepared = await prepareStages(config, workspace, env)
    if (context.description) runner.debug(`Run: ${context.description}`)
    transport = new HttpTransport({
      userAgent: context.userAgent,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      clock,
      log: runner.info,
      debug: runner.debugEnabled ? runner.debug : undefined,
      redact: runner.redact
    })
    // The wait counts from here: sign-in, resolution, commands and polls all fit within it.
    const startedAt = clock.now()
    checkTokenLifetime(config, startedAt, runner)
    const client = new AppmixerClient(transport, config.baseUrl, config.credentials, token => runner.secret(token), runner.redact)
    step = { config, client, clock, runner, log: runner.info, workspace, env, waitStartedAt: startedAt, changed: [] }
    await signIn(step, outcomes)
    for (const stage of await stagesFor(config, prepared)) {
      const outcome = await stage.run(step).catch(errorOutcome)
      outcomes.push(outcome)
      if (outcome.verdict !== 'pass') break
      if (stage.startsWait) step.waitStartedAt = clock.now()
    }
  } catch (error) {
    outcomes.push(errorOutcome(error))
  } finally {
    transport?.close()
  }
  // The token in use at the end: a re-sign-in during a long wait replaces the first one.
  if (config?.outputToken && step?.client.token) runner.revealOutput('token', step.client.token)
  // Output `changed` whenever the step could change flows, also when it failed before any request.
  const couldChange = config ? Boolean(config.gate || config.deploy) : ['flows', 'deploy'].some(name => runner.input(name).trim() !== '')
  await conclude(runner, { config, outcomes, changed: couldChange ? (step?.changed ?? []) : undefined, stepId: context.stepId })
}

async function signIn(step: StepContext, outcomes: Outcome[]): Promise<void> {
  const { config, client, runner } = step
  if (config.credentials.kind === 'password') {
    await client.signIn(deadlineOf(step))
    runner.info(`Signed in to ${config.baseUrl.origin} as ${quote(config.credentials.username)}`)
  }
  // An id is the action's own word (not redacted, so a short password cannot garble it) only
  // when it looks like one and holds no secret; anything else from the server is redacted text.
  const userId = client.userId
  if (!userId) return
  const ownWord = /^[\w.@:-]{1,200}$/.test(userId) && holdsNoSecret(userId, runner.redact(userId))
  outcomes.push({ verdict: 'pass', outputs: [ownWord ? own('user-id', userId) : text('user-id', userId)] })
}

/**
 * Whether an id holds no secret but by chance: a one-character password found in a hex id is
 * chance, and masking it would garble the id; a match of 6 characters or more is a secret. The
 * longest hidden stretch is bounded, not averaged (a short secret's matches must not hide a long
 * one's): every other stretch hides at least one character. An id-like text holds no `*`, so the
 * redacted text splits exactly at the masks.
 */
function holdsNoSecret(id: string, redacted: string): boolean {
  const matches = redacted.split(REDACTED).length - 1
  if (matches === 0) return true
  const hidden = id.length - redacted.length + matches * REDACTED.length
  return hidden - (matches - 1) < MIN_SECRET_IN_ID
}
