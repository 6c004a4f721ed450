/**
 * A fake of the runner protocol (the slice of `@actions/core` that src/runner.ts uses), so the
 * orchestrator runs in-process with the real redacting facade on top, and a test reads what a
 * runner would have received: log lines, annotations, outputs, secrets, the summary.
 */
import { createRunner, type Runner, type RunnerProtocol } from '../src/runner.js'

export interface Recorded {
  readonly lines: string[]
  readonly annotations: Array<{ kind: 'warning' | 'error'; message: string; properties?: object }>
  readonly outputs: Record<string, string>
  readonly secrets: string[]
  readonly summary: string[]
  failed?: string
}

export function fakeRunner(inputs: Record<string, string>, debug = false): { runner: Runner; recorded: Recorded } {
  const recorded: Recorded = { lines: [], annotations: [], outputs: {}, secrets: [], summary: [] }
  const protocol: RunnerProtocol = {
    getInput: name => inputs[name] ?? '',
    setSecret: secret => void recorded.secrets.push(secret),
    isDebug: () => debug,
    info: message => void recorded.lines.push(message),
    debug: message => void recorded.lines.push(`::debug::${message}`),
    warning: (message, properties) => void recorded.annotations.push({ kind: 'warning', message: String(message), properties }),
    error: (message, properties) => void recorded.annotations.push({ kind: 'error', message: String(message), properties }),
    setOutput: (name, value) => void (recorded.outputs[name] = String(value)),
    setFailed: message => void (recorded.failed = String(message)),
    appendSummary: async markdown => void recorded.summary.push(markdown)
  }
  return { runner: createRunner(protocol), recorded }
}
