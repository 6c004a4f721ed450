/**
 * The flow gate's stages (resolve, command, gate, hold; publish when prepared) run on one step context, as main.ts runs
 * them, for integration tests that look at one gate without the rest of the step. Errors a
 * stage throws are thrown, so a test can read their message.
 */
import { fakeRunner } from '../../__fixtures__/runner.js'
import type { AppmixerClient } from '../../src/appmixer.js'
import type { Clock } from '../../src/clock.js'
import { parseConfig, type Config } from '../../src/config/index.js'
import { stagesFor, type Prepared } from '../../src/stages.js'
import type { Change, StepContext } from '../../src/step/context.js'
import type { Outcome } from '../../src/step/outcome.js'
import { clientFor } from './client.js'
import { virtualClock } from './clock.js'

export interface GateRun {
  readonly verdict: Outcome['verdict']
  readonly problem?: string
  /** Output `flows`, parsed. */
  readonly flows: Array<Record<string, unknown> & { flowId: string; name: string; stage: string; problem?: string }>
  /** Rounds of the last stage that polled (the gate, or a command that did not finish). */
  readonly polls: number
  readonly changed: readonly Change[]
  readonly outcomes: readonly Outcome[]
}

export async function runGate(
  client: AppmixerClient,
  config: Config,
  clock: Clock,
  log: (line: string) => void = () => undefined,
  /** What main.ts prepares before any request (a connector to publish). */
  prepared: Prepared = {}
): Promise<GateRun> {
  const { runner } = fakeRunner({})
  const lines: string[] = []
  const step: StepContext = {
    config,
    client,
    clock,
    runner,
    log: line => {
      lines.push(line)
      log(line)
    },
    workspace: '/w',
    env: {},
    waitStartedAt: clock.now(),
    changed: []
  }
  const outcomes: Outcome[] = []
  for (const stage of await stagesFor(config, prepared)) {
    const outcome = await stage.run(step)
    outcomes.push(outcome)
    if (outcome.verdict !== 'pass') break
  }
  const last = outcomes.at(-1)!
  const flowsOutput = outcomes.flatMap(outcome => outcome.outputs ?? []).findLast(output => output.name === 'flows')
  const problems = new Map<string, string>()
  // The per-flow problems are in the annotations: `Flow 'Orders sync' (id) is stopped, expected running`.
  const flows = (flowsOutput ? JSON.parse(flowsOutput.value) : []) as GateRun['flows']
  for (const annotation of last.annotations ?? []) {
    const flow = flows.find(entry => annotation.message.startsWith(`Flow '${entry.name}' (${entry.flowId}) `))
    if (flow) problems.set(flow.flowId, annotation.message.slice(`Flow '${flow.name}' (${flow.flowId}) `.length))
  }
  const checks = lines.filter(line => /^Check \d+:/.test(line)).length
  return {
    verdict: last.verdict,
    problem: last.problem,
    flows: flows.map(flow => (problems.has(flow.flowId) ? { ...flow, problem: problems.get(flow.flowId) } : flow)),
    polls: checks + 1,
    changed: step.changed,
    outcomes
  }
}

export interface GateAgainstOptions {
  /** Inputs every call gives unless it says otherwise (credentials, poll-interval). */
  readonly defaults?: Record<string, string>
  /** Where the virtual clock starts (default: now), and what a sleep also moves (the sandbox's clock). */
  readonly start?: number
  readonly onSleep?: (ms: number) => void
  readonly transport?: { timeoutMs?: number; retries?: number }
}

/**
 * The gate's stages against a sandbox, wired as main.ts wires them (a client on a virtual clock,
 * signed in), for integration tests: parses the inputs, runs, closes the connection.
 */
export async function gateAgainst(url: string, inputs: Record<string, string>, options: GateAgainstOptions = {}) {
  const all: Record<string, string> = { 'base-url': url, token: 'x.y.z', ...options.defaults, ...inputs }
  const config = parseConfig({ readInput: name => all[name] ?? '', workspace: '/w' })
  const time = virtualClock(options.start, options.onSleep)
  const wired = clientFor(url, { clock: time.clock, ...options.transport })
  try {
    await wired.client.signIn()
    const lines: string[] = []
    const outcome = await runGate(wired.client, config, time.clock, line => lines.push(line))
    return { outcome, lines, elapsed: time.elapsed() }
  } finally {
    wired.transport.close()
  }
}
