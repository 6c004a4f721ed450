/**
 * The failures the action reports. Every message is written for the workflow author: what was
 * attempted, against which host, what came back, and what to do. Messages never hold secrets;
 * the runner facade redacts them once more before they are printed, as a second line of defence.
 */
import { activeRedaction } from './secrets.js'

export type Verdict = 'pass' | 'fail' | 'timeout' | 'unavailable'

export class ActionError extends Error {
  override name = 'ActionError'
  constructor(
    message: string,
    readonly verdict: Exclude<Verdict, 'pass'> = 'fail'
  ) {
    super(message)
  }
}

/** A workflow input is malformed; raised before any network call. */
export class InputError extends ActionError {
  override name = 'InputError'
  constructor(
    readonly input: string,
    problem: string
  ) {
    super(`Input '${input}': ${problem}`)
  }
}

/** Appmixer could not be reached at all (DNS, refused, timeouts, persistent 5xx). */
export class UnavailableError extends ActionError {
  override name = 'UnavailableError'
  constructor(message: string) {
    super(message, 'unavailable')
  }
}

/**
 * An error answer that retries did not cure, with the request it answered. A 5xx means Appmixer
 * is unavailable; anything else is a failure.
 */
export class HttpError extends ActionError {
  override name = 'HttpError'
  readonly status: number
  readonly statusText: string

  constructor(
    readonly request: { readonly method: string; readonly url: URL },
    response: { readonly status: number; readonly statusText: string },
    message: string,
    /** What Appmixer said: its Boom `message`, or an excerpt of the body. */
    readonly detail = ''
  ) {
    super(message, response.status >= 500 ? 'unavailable' : 'fail')
    this.status = response.status
    this.statusText = response.statusText
  }

  /** `400 Bad Request` */
  get statusLine(): string {
    return `${this.status} ${this.statusText}`.trim()
  }

  /** The same error, told in other words (e.g. naming the flow a command was for). */
  retold(message: string): HttpError {
    return new HttpError(this.request, this, message, this.detail)
  }
}

/** Whether an error says Appmixer could not be reached (and a wait may ride it out). */
export function isUnavailable(error: unknown): error is ActionError {
  return error instanceof ActionError && error.verdict === 'unavailable'
}

/** An error's message (Node's own text, often quoting what it was given), redacted before anyone cuts it. */
export function errorMessage(error: unknown): string {
  return activeRedaction.redact(error instanceof Error ? error.message : String(error))
}

// eslint-disable-next-line no-control-regex -- making control characters visible is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * The one way text from a user's input or from Appmixer reaches a log line, an annotation or
 * the summary: redacted against the step's secrets first (every spelling, on the raw text),
 * then control, line-separator and bidi characters made visible (`\u001b`), and cut at `max`
 * characters, so a huge or hostile value cannot flood the log or forge a command, and a cut
 * never passes through a secret.
 */
export function visible(text: string, max = 80): string {
  const shown = activeRedaction.redact(text).replace(INVISIBLE, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return shown.length > max ? `${shown.slice(0, max)}…` : shown
}

/** An input value or a name from Appmixer, quoted: `'Orders sync'`. */
export function quote(value: string, max = 80): string {
  return `'${visible(value, max)}'`
}

/** A short, single-line excerpt of a text for error messages; never a whole HTML page. */
export function excerpt(text: string, max = 200): string {
  // Redacted before blanks are folded: a password with a tab in it would no longer match after.
  return visible(activeRedaction.redact(text).replace(/\s+/g, ' ').trim(), max)
}
