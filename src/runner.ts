/**
 * Everything the action says to the runner goes through here: log lines, annotations, outputs,
 * the job summary. Each text is redacted against the step's secrets on its way out, so no code
 * path can print a password or token, even one the server echoed back.
 */
import * as commands from './workflow-commands.js'
import { SecretRegistry } from './secrets.js'

// Members are properties, not methods: they are handed around unbound (`log: runner.info`).
export interface Runner {
  readonly input: (name: string) => string
  /** Registers a secret with the runner (`::add-mask::`) and with our own redaction. */
  readonly secret: (value: string | undefined, minLength?: number) => void
  readonly redact: (text: string) => string
  readonly debugEnabled: boolean
  readonly info: (message: string) => void
  readonly debug: (message: string) => void
  readonly warning: (message: string, title?: string) => void
  readonly error: (message: string, title?: string) => void
  readonly output: (name: string, value: string) => void
  /** The one unredacted output: the token, when the workflow opted in with `output-token`. */
  readonly revealOutput: (name: string, value: string) => void
  /** Sets the exit code to failure and prints the message as an error annotation. */
  readonly fail: (message: string) => void
  readonly appendSummary: (markdown: string) => Promise<void>
}

export function createRunner(protocol: typeof commands = commands): Runner {
  const secrets = new SecretRegistry(value => protocol.setSecret(value))
  const clean = (text: string): string => secrets.redact(text)
  return {
    input: name => protocol.getInput(name),
    secret: (value, minLength) => secrets.add(value, minLength),
    redact: clean,
    debugEnabled: protocol.isDebug(),
    // A plain log line is not escaped by the protocol: a line break in text from Appmixer
    // (a flow name, say) could start a line with `::` and forge a command. Keep it one line.
    info: message => protocol.info(clean(message).replace(/\r\n|\r|\n/g, ' ')),
    debug: message => protocol.issueCommand('debug', {}, clean(message)),
    warning: (message, title) => protocol.issueCommand('warning', { title: title && clean(title) }, clean(message)),
    error: (message, title) => protocol.issueCommand('error', { title: title && clean(title) }, clean(message)),
    output: (name, value) => protocol.setOutput(name, clean(value)),
    revealOutput: (name, value) => protocol.setOutput(name, value),
    fail: message => protocol.setFailed(clean(message)),
    appendSummary: markdown => protocol.appendSummary(clean(markdown))
  }
}
