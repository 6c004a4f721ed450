/**
 * A call turned into a gate: the `expect` condition over the response, checked once or,
 * with `wait`, polled until it holds.
 */
import { httpError, type AppmixerClient } from '../appmixer.js'
import { callEndpoint, type StepTrace } from '../call.js'
import type { Config } from '../config.js'
import { ActionError } from '../errors.js'
import { isTruthy, type Json } from '../expressions.js'
import { describe } from '../http.js'
import { valuesToMask } from '../masking.js'
import { valueText } from '../report.js'
import type { Clock } from '../clock.js'
import { pollUntil, type PollOutcome } from './poll.js'

export async function runCallGate(
  client: AppmixerClient,
  config: Config,
  body: string | undefined,
  clock: Clock,
  log: (line: string) => void,
  trace: StepTrace,
  /** Registers secrets found by `mask`; called on every response before anything is written. */
  protect: (secret: string) => void = () => undefined
): Promise<PollOutcome<Json | undefined>> {
  const { expect } = config.gate
  return pollUntil(
    async deadline => {
      const call = await callEndpoint(client, config, body, deadline)
      if (config.mask.length > 0 && call.json !== undefined) valuesToMask(config.mask, call.json).forEach(protect)
      trace.call = call
      const status = `${call.response.status} ${call.response.statusText}`
      if (!call.ok && config.failOnHttpError) {
        throw httpError(call, call.response)
      }
      if ((config.select || expect) && call.json === undefined) {
        const input = config.select ? 'select' : 'expect'
        throw new ActionError(
          `Input '${input}': the response of ${describe(call)} (${status}) is not JSON, so '${input}' cannot be evaluated`
        )
      }
      if (config.select) trace.value = valueText(config.select.evaluate(call.json!))
      if (!expect) return { met: true, detail: undefined, pending: '' }
      const result = expect.evaluate(call.json!)
      return { met: isTruthy(result), detail: result, pending: `'${expect.text}' is ${shortJson(result)} (${describe(call)} → ${status})` }
    },
    { waitMs: expect ? config.gate.waitMs : 0, intervalMs: config.gate.pollIntervalMs, clock, onProgress: log }
  )
}

export function shortJson(value: Json, max = 80): string {
  const text = JSON.stringify(value) ?? 'null'
  return text.length > max ? `${text.slice(0, max)}…` : text
}
