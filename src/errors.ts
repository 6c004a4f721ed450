/**
 * The failures the action reports. Every message is written for the workflow author: what was
 * attempted, against which host, what came back, and what to do. Messages never hold secrets;
 * the runner facade redacts them once more before they are printed, as a second line of defence.
 */
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

/** A short, single-line excerpt of a text for error messages; never a whole HTML page. */
export function excerpt(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
