/**
 * A call turned into a gate: the `expect` condition over the response, checked once or,
 * with `wait`, polled until it holds. Returns what it found, also when the call failed, so the
 * outputs can still show the last answer.
 */
import type { AppmixerClient } from '../appmixer.js'
import { callEndpoint, type CallOutcome } from './request.js'
import type { Clock } from '../clock.js'
import type { CallSettings, Waiting } from '../config/index.js'
import { ActionError, quote, visible } from '../errors.js'
import { isTruthy, type Expression, type Json } from '../expressions.js'
import { describe, type BodySink } from '../http/index.js'
import { valuesToMask } from '../masking.js'
import { pollUntil, type PollOutcome } from '../poll.js'

export interface CallGateOptions {
  readonly body?: string
  readonly select?: Expression
  readonly mask: readonly Expression[]
  readonly failOnHttpError: boolean
  /** Registers secrets found by `mask`; called on every response before anything is written. */
  readonly protect: (secret: string) => void
  /** Where the body goes as it arrives (the response file). */
  readonly sink?: BodySink
}

export interface CallGateOutcome {
  /** The last call made, if any got an answer. */
  readonly call?: CallOutcome
  /** The `select` result on the last answer. */
  readonly selected?: Json
  /** How the polling ended; absent when `error` is set. */
  readonly poll?: PollOutcome<Json | undefined>
  /** What ended the gate early: an HTTP error, an unreadable response, an unreachable Appmixer. */
  readonly error?: unknown
}

export async function runCallGate(
  client: AppmixerClient,
  call: CallSettings,
  waiting: Waiting,
  options: CallGateOptions,
  clock: Clock,
  log: (line: string) => void,
  /** When the step's wait began (before sign-in): the deadline counts from here. */
  startedAt = clock.now()
): Promise<CallGateOutcome> {
  const { expect } = call
  let answer: CallOutcome | undefined
  let selected: Json | undefined
  try {
    const poll = await pollUntil(
      async deadline => {
        const got = await callEndpoint(client, call, options.body, deadline, options.sink)
        answer = got
        if (options.mask.length > 0 && got.json !== undefined) valuesToMask(options.mask, got.json).forEach(options.protect)
        const status = `${got.response.status} ${got.response.statusText}`
        if (!got.ok && options.failOnHttpError) throw client.errorFor(got, got.response)
        if ((options.select || expect) && got.json === undefined) {
          const input = options.select ? 'select' : 'expect'
          throw new ActionError(
            `Input '${input}': the response of ${describe(got)} (${status}) is not JSON, so '${input}' cannot be evaluated`
          )
        }
        if (options.select) selected = options.select.evaluate(got.json!)
        if (!expect) return { met: true, detail: undefined, pending: '' }
        const result = expect.evaluate(got.json!)
        return {
          met: isTruthy(result),
          detail: result,
          pending: `${quote(expect.text)} is ${visible(JSON.stringify(result) ?? 'null')} (${describe(got)} → ${status})`
        }
      },
      { waitMs: expect ? waiting.waitMs : 0, intervalMs: waiting.pollIntervalMs, clock, onProgress: log, startedAt }
    )
    return { call: answer, selected, poll }
  } catch (error) {
    return { call: answer, selected, error }
  }
}
