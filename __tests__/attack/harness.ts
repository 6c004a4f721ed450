/**
 * Attack harness: run() in-process against the sandbox on a virtual clock, with a runner
 * protocol that records every call (so an output written twice shows), and a leak scan over
 * everything written.
 */
import { createRunner, type RunnerProtocol } from '../../src/runner.js'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER } from '../../sandbox/seed.js'
import { run } from '../../src/main.js'
import { virtualClock } from '../helpers/clock.js'

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>

export interface Trace {
  readonly lines: string[]
  readonly annotations: Array<{ kind: 'warning' | 'error'; message: string }>
  /** Every setOutput call, in order. */
  readonly outputCalls: Array<[string, string]>
  readonly outputs: Record<string, string>
  readonly summary: string[]
  failed?: string
  /** How many add-mask calls the runner received. */
  masks: number
  /** Everything written, joined: for leak scans. */
  all(): string
  /** How many times an output was set. */
  count(name: string): number
}

export async function attack(
  sandbox: Sandbox,
  inputs: Record<string, string>,
  options: { env?: NodeJS.ProcessEnv; onSleep?: (ms: number) => void; debug?: boolean; signIn?: boolean } = {}
): Promise<Trace> {
  const given: Record<string, string> = {
    ...(options.signIn === false ? {} : { 'base-url': sandbox.url, username: DEMO_USER.username, password: DEMO_USER.password }),
    ...inputs
  }
  const trace: Trace = {
    lines: [],
    annotations: [],
    outputCalls: [],
    outputs: {},
    summary: [],
    masks: 0,
    all() {
      return [
        ...this.lines,
        ...this.annotations.map(a => a.message),
        ...this.outputCalls.map(([n, v]) => `${n}=${v}`),
        ...this.summary,
        this.failed ?? ''
      ].join('\n')
    },
    count(name) {
      return this.outputCalls.filter(([n]) => n === name).length
    }
  }
  const protocol: RunnerProtocol = {
    getInput: name => given[name] ?? '',
    setSecret: () => void trace.masks++,
    isDebug: () => options.debug ?? true,
    info: message => void trace.lines.push(message),
    debug: message => void trace.lines.push(`::debug::${message}`),
    warning: message => void trace.annotations.push({ kind: 'warning', message: String(message) }),
    error: message => void trace.annotations.push({ kind: 'error', message: String(message) }),
    setOutput: (name, value) => {
      trace.outputCalls.push([name, String(value)])
      trace.outputs[name] = String(value)
    },
    setFailed: message => void (trace.failed = String(message)),
    appendSummary: async markdown => void trace.summary.push(markdown)
  }
  const { clock } = virtualClock(Date.now(), options.onSleep)
  await run(createRunner(protocol), clock, { GITHUB_WORKSPACE: '/tmp', ...options.env })
  return trace
}

export { startSandbox, DEMO_USER }

/** A flow's stage as Appmixer now has it (a read settles the sandbox's background stops). */
export async function stageNow(sandbox: Sandbox, flowId: string): Promise<string> {
  const response = await fetch(`${sandbox.url}/flows/${flowId}?projection=stage`, {
    headers: { authorization: `Bearer ${sandbox.tokenFor()}` }
  })
  return ((await response.json()) as { stage: string }).stage
}
