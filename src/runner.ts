/**
 * Everything the action says to the runner goes through here: log lines, annotations, outputs,
 * the job summary. Each text is redacted against the step's secrets on its way out, so no code
 * path can print a password or token, even one the server echoed back.
 */
import * as core from '@actions/core'
import { SecretRegistry } from './secrets.js'

export interface Runner {
  input(name: string): string
  /** Registers a secret with the runner (`::add-mask::`) and with our own redaction. */
  secret(value: string | undefined, minLength?: number): void
  redact(text: string): string
  readonly debugEnabled: boolean
  info(message: string): void
  debug(message: string): void
  warning(message: string, title?: string): void
  error(message: string, title?: string): void
  output(name: string, value: string): void
  /** The one unredacted output: the token, when the workflow opted in with `output-token`. */
  revealOutput(name: string, value: string): void
  /** Sets the exit code to failure and prints the message as an error annotation. */
  fail(message: string): void
  appendSummary(markdown: string): Promise<void>
}

/** The subset of `@actions/core` the action uses; tests pass a fake. */
export type Core = Pick<
  typeof core,
  'getInput' | 'setSecret' | 'isDebug' | 'info' | 'debug' | 'warning' | 'error' | 'setOutput' | 'setFailed' | 'summary'
>

export function createRunner(actions: Core = core): Runner {
  const secrets = new SecretRegistry(value => actions.setSecret(value))
  const clean = (text: string): string => secrets.redact(text)
  return {
    input: name => actions.getInput(name),
    secret: (value, minLength) => secrets.add(value, minLength),
    redact: clean,
    debugEnabled: actions.isDebug(),
    info: message => actions.info(clean(message)),
    debug: message => actions.debug(clean(message)),
    warning: (message, title) => actions.warning(clean(message), title ? { title: clean(title) } : {}),
    error: (message, title) => actions.error(clean(message), title ? { title: clean(title) } : {}),
    output: (name, value) => actions.setOutput(name, clean(value)),
    revealOutput: (name, value) => actions.setOutput(name, value),
    fail: message => actions.setFailed(clean(message)),
    appendSummary: async markdown => {
      if (!process.env.GITHUB_STEP_SUMMARY) return
      await actions.summary.addRaw(clean(markdown), true).write()
    }
  }
}
