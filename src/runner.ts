/**
 * Everything the action says to the runner goes through here: log lines, annotations, outputs,
 * the job summary. The protocol is `@actions/core`'s; this facade adds what the protocol leaves
 * to each action:
 * - every text is redacted against the step's secrets on its way out, so no code path can print
 *   a password or token, even one the server echoed back;
 * - every line is neutralised, so text from Appmixer (a flow named `##[set-output …]`, say)
 *   cannot forge a workflow command, nor `stop-commands` the runner before a later `add-mask`.
 */
import * as core from '@actions/core'
import { SecretRegistry, activeRedaction, type StreamRedactor } from './secrets.js'

/** Where an annotation points: a file of the repository, so it shows on a pull request's diff. */
export interface AnnotationTarget {
  readonly title?: string
  readonly file?: string
  readonly line?: number
}

// Members are properties, not methods: they are handed around unbound (`log: runner.info`).
export interface Runner {
  /** The raw value of an input ('' when unset); config.ts trims and validates it. */
  readonly input: (name: string) => string
  /** Registers a secret with the runner (`::add-mask::`) and with our own redaction. */
  readonly secret: (value: string | undefined, minLength?: number) => void
  /** A value found by `mask`: registered with the runner as it is, every spelling redacted by the action. */
  readonly maskedValue: (value: string, minLength: number) => void
  readonly redact: (text: string) => string
  /** Redaction of a text that arrives in pieces (a body streamed to a file). */
  readonly streamRedactor: () => StreamRedactor
  readonly debugEnabled: boolean
  readonly info: (message: string) => void
  readonly debug: (message: string) => void
  readonly warning: (message: string, target?: AnnotationTarget) => void
  readonly error: (message: string, target?: AnnotationTarget) => void
  /** An output holding text from Appmixer or the user: redacted. */
  readonly output: (name: string, value: string) => void
  /**
   * An output holding the action's own words (`result`, `status`, ids, tickets, file paths): not
   * redacted, so a one-character password cannot turn `pass` into `p***ss`.
   */
  readonly ownOutput: (name: string, value: string) => void
  /** The one unredacted secret output: the token, when the workflow opted in with `output-token`. */
  readonly revealOutput: (name: string, value: string) => void
  /** Sets the exit code to failure and prints the message as an error annotation. */
  readonly fail: (message: string) => void
  readonly appendSummary: (markdown: string) => Promise<void>
}

/** The slice of `@actions/core` the facade uses; tests hand in a fake of it. */
export type RunnerProtocol = Pick<
  typeof core,
  'getInput' | 'setSecret' | 'isDebug' | 'info' | 'debug' | 'warning' | 'error' | 'setOutput' | 'setFailed'
> & { appendSummary(markdown: string): Promise<void> }

const coreProtocol: RunnerProtocol = {
  getInput: core.getInput,
  setSecret: core.setSecret,
  isDebug: core.isDebug,
  info: core.info,
  debug: core.debug,
  warning: core.warning,
  error: core.error,
  setOutput: core.setOutput,
  setFailed: core.setFailed,
  appendSummary: async markdown => {
    // Outside a runner there is no summary file; core.summary would throw.
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write()
  }
}

export function createRunner(protocol: RunnerProtocol = coreProtocol): Runner {
  const secrets = new SecretRegistry(value => protocol.setSecret(value))
  // The quoting of text from outside (errors.ts's `visible`) redacts against this step's secrets.
  activeRedaction.redact = text => secrets.redact(text)
  // Redacted first, so a cut can never pass through a secret; then made inert, then bounded.
  const clean = (text: string): string => bounded(neutralise(secrets.redact(text)))
  // Only the properties that are set: an empty one would still print as `::error ::`.
  const annotation = (target: AnnotationTarget = {}): Parameters<typeof core.error>[1] => {
    const properties: core.AnnotationProperties = {}
    if (target.title) properties.title = clean(target.title)
    if (target.file) properties.file = target.file
    if (target.line) properties.startLine = target.line
    return properties
  }
  return {
    input: name => protocol.getInput(name, { trimWhitespace: false }),
    secret: (value, minLength) => secrets.add(value, minLength),
    maskedValue: (value, minLength) => secrets.add(value, minLength, false),
    redact: text => secrets.redact(text),
    streamRedactor: () => secrets.streamRedactor(),
    debugEnabled: protocol.isDebug(),
    // A plain log line is not escaped by the protocol: keep it one line, so text from Appmixer
    // cannot start a line of its own.
    info: message => protocol.info(clean(message).replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')),
    debug: message => protocol.debug(clean(message)),
    warning: (message, target) => protocol.warning(clean(message), annotation(target)),
    error: (message, target) => protocol.error(clean(message), annotation(target)),
    output: (name, value) => protocol.setOutput(name, secrets.redact(value)),
    ownOutput: (name, value) => protocol.setOutput(name, value),
    revealOutput: (name, value) => protocol.setOutput(name, value),
    fail: message => protocol.setFailed(clean(message)),
    appendSummary: markdown => protocol.appendSummary(secrets.redact(markdown))
  }
}

/** No line the action writes is longer than this: a hostile server cannot flood the log. */
export const MAX_LINE = 2_000

function bounded(text: string): string {
  return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}…` : text
}

/**
 * Makes a text inert for the runner's command parser: it still reads old-style `##[command]`
 * anywhere in a line, and `::command::` at a line's start (after blanks). A word joiner (U+2060,
 * invisible) breaks both, and leaves the text as a person reads it.
 */
export function neutralise(text: string): string {
  return text.replace(/##\[/g, '#\u2060#[').replace(/^([^\S\r\n]*)::/gm, '$1\u2060::')
}
