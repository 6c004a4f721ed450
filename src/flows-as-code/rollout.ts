/**
 * Rolling an integration template out to its instances:
 * `POST /integrations/:templateId/update-integration-instances` answers a ticket, and
 * `GET /integrations/status/:ticket` is followed until it says `completed` (older engines name
 * the field `status`, newer ones `state`, as the vendor's CLI allows) or `failed`. The waiting
 * is the caller's: `checkRollout` fits a poll loop, `rollOut` takes a `wait` function.
 */
import { ActionError, quote } from '../errors.js'
import { isObject, segment, type FlowApi } from './api.js'

export type InProgressData = 'keep' | 'delete'

export interface RolloutStatus {
  /** `in-progress`, `completed`, `failed`, or whatever else Appmixer said. */
  readonly state: string
  readonly progress?: number
  readonly stepsTotal?: number
  readonly error?: string
}

export interface RolloutCheck {
  readonly met: boolean
  readonly detail: RolloutStatus
  /** What is not done yet, in a few words, for a progress line. */
  readonly pending: string
}

/** Starts the rollout; resolves to its ticket. */
export async function startRollout(api: FlowApi, templateId: string, inProgressData: InProgressData = 'keep'): Promise<string> {
  const answer = await api.postJson(`/integrations/${segment(templateId)}/update-integration-instances`, { inProgressData })
  if (!isObject(answer) || typeof answer.ticket !== 'string' || answer.ticket === '') {
    throw new ActionError(`Appmixer accepted the rollout of template ${quote(templateId)} but gave no ticket to follow`)
  }
  return answer.ticket
}

/** One look at the rollout: met when completed; a failed rollout throws, quoting its error. */
export async function checkRollout(api: FlowApi, templateId: string, ticket: string): Promise<RolloutCheck> {
  const status = rolloutStatus(await api.getJson(`/integrations/status/${segment(ticket)}`))
  if (status.state === 'failed') {
    const reason = status.error ? `: ${quote(status.error, 300)}` : ' (Appmixer gave no reason)'
    throw new ActionError(`The rollout of integration template ${quote(templateId)} to its instances failed${reason}`)
  }
  const steps = status.stepsTotal === undefined ? '' : ` (${status.progress ?? 0} of ${status.stepsTotal} instances)`
  return { met: status.state === 'completed', detail: status, pending: `rollout of ${quote(templateId)} is ${quote(status.state)}${steps}` }
}

/** The status answer read, whichever name its state has; an answer with neither is never `completed`. */
export function rolloutStatus(answer: unknown): RolloutStatus {
  if (!isObject(answer)) throw new ActionError('Appmixer answered the rollout status with something that is not a status')
  const state = typeof answer.state === 'string' ? answer.state : typeof answer.status === 'string' ? answer.status : 'unknown'
  const progress = numberOr(answer.progress) ?? numberOr(answer.stepsCompleted)
  const stepsTotal = numberOr(answer.stepsTotal)
  const error =
    typeof answer.error === 'string'
      ? answer.error
      : isObject(answer.error) && typeof answer.error.message === 'string'
        ? answer.error.message
        : undefined
  return {
    state,
    ...(progress === undefined ? {} : { progress }),
    ...(stepsTotal === undefined ? {} : { stepsTotal }),
    ...(error === undefined ? {} : { error })
  }
}

/**
 * Starts the rollout and follows it. Between looks it calls `wait(pending)`, which sleeps
 * (the caller's clock and interval) and resolves false once the deadline has passed: then the
 * rollout ends as a `timeout`, naming the ticket and the last state.
 */
export async function rollOut(
  api: FlowApi,
  templateId: string,
  wait: (pending: string) => Promise<boolean>,
  inProgressData: InProgressData = 'keep'
): Promise<RolloutStatus & { readonly ticket: string }> {
  const ticket = await startRollout(api, templateId, inProgressData)
  for (;;) {
    const check = await checkRollout(api, templateId, ticket)
    if (check.met) return { ticket, ...check.detail }
    if (!(await wait(check.pending))) {
      throw new ActionError(`Gave up waiting: the ${check.pending} (ticket ${quote(ticket)})`, 'timeout')
    }
  }
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
