/**
 * What came of a stage, and so of the step: the one word for results is `Outcome`, its
 * `verdict` one of four. An outcome carries everything the step leaves behind for it (outputs,
 * annotations, a summary section), so the writer (report/conclude.ts) needs to know no stage.
 */
import { ActionError, HttpError, errorMessage, type Verdict } from '../errors.js'

export type { Verdict }

export interface Annotation {
  readonly level: 'error' | 'warning'
  readonly message: string
  readonly title?: string
  /** A file of the repository, so the annotation shows on a pull request's diff. */
  readonly file?: string
  readonly line?: number
}

export interface Output {
  readonly name: string
  readonly value: string
  /**
   * `text` holds text from Appmixer or the user (redacted); `own` the action's own words (ids,
   * paths, numbers: not redacted, so a short password cannot garble `pass`); `sized` is text
   * that goes to a file, named by output `<name>-file`, when too large for an output.
   */
  readonly kind: 'text' | 'own' | 'sized'
}

export interface Outcome {
  readonly verdict: Verdict
  /** Why the verdict is not pass, in one message: the step's error annotation. */
  readonly problem?: string
  /** HTTP status of the last answer, for output `status`. */
  readonly status?: number
  readonly outputs?: readonly Output[]
  readonly annotations?: readonly Annotation[]
  /** Markdown for the job summary, already made inert. */
  readonly summary?: string
  /** A few words for the summary heading: what this stage did (`GET /flows → 200 OK`, `flow gate`). */
  readonly title?: string
}

export const VERDICT_ICON: Record<Verdict, string> = { pass: '✅', fail: '❌', timeout: '⏱️', unavailable: '⚠️' }

/** A stage, or the step, that ended on an error: its verdict, message and, for an HTTP error, the status. */
export function errorOutcome(error: unknown): Outcome {
  // A failure of our own (a file that cannot be written, a bug) is `fail`, never `unavailable`:
  // that word is for Appmixer being unreachable, which `on-unavailable` may forgive.
  if (!(error instanceof ActionError)) return { verdict: 'fail', problem: `Unexpected error: ${errorMessage(error)}` }
  return { verdict: error.verdict, problem: error.message, status: error instanceof HttpError ? error.status : undefined }
}

export const text = (name: string, value: string): Output => ({ name, value, kind: 'text' })
export const own = (name: string, value: string): Output => ({ name, value, kind: 'own' })
export const sized = (name: string, value: string): Output => ({ name, value, kind: 'sized' })
