/**
 * The flow gate: resolve the listed flows, optionally start or stop them, then wait until
 * every one is in the wanted stage and, with `max-errors`, quiet enough.
 */
import type { AppmixerClient } from '../appmixer.js'
import type { FlowsMode } from '../config.js'
import { formatDuration } from '../duration.js'
import { countErrors } from './error-budget.js'
import { flowLabel, judgeFlows, listAllFlows, pendingLine, resolveFlows, type FlowInfo, type FlowVerdict } from './flows.js'
import { isoTime, type Clock } from '../clock.js'
import { pollUntil, type PollOutcome } from './poll.js'
import { sendCommand } from './commands.js'

export interface FlowGateOutcome {
  readonly poll: PollOutcome<FlowVerdict[]>
  readonly flows: FlowVerdict[]
  readonly errorsCapped: boolean
}

export async function runFlowGate(
  client: AppmixerClient,
  gate: FlowsMode,
  clock: Clock,
  log: (line: string) => void
): Promise<FlowGateOutcome> {
  const firstListing = await listAllFlows(client)
  const targets = resolveFlows(gate.flows, firstListing)
  log(`Gating on ${targets.length} flow${targets.length === 1 ? '' : 's'}: ${targets.map(flowLabel).join(', ')}`)
  const sentCommand = gate.command ? (await sendCommand(client, targets, gate.command, log)).length > 0 : false

  let reusable: FlowInfo[] | undefined = sentCommand ? undefined : firstListing
  let errorsCapped = false
  const errorsWindow = formatDuration(gate.errorsWindowMs)
  const poll = await pollUntil(
    async deadline => {
      const listing = reusable ?? (await listAllFlows(client, deadline))
      reusable = undefined
      let errors: ReadonlyMap<string, number> | undefined
      if (gate.maxErrors !== undefined) {
        const since = isoTime(clock.now() - gate.errorsWindowMs)
        const counted = await countErrors(
          client,
          targets.map(flow => flow.flowId),
          gate.maxErrors,
          since,
          deadline
        )
        errors = counted.perFlow
        errorsCapped = counted.capped
      }
      const verdicts = judgeFlows(targets, listing, errors, { stage: gate.stage, maxErrors: gate.maxErrors, errorsWindow })
      const holding = verdicts.filter(flow => flow.problem)
      return {
        met: holding.length === 0,
        detail: verdicts,
        pending: pendingLine(holding)
      }
    },
    { waitMs: gate.waitMs, intervalMs: gate.pollIntervalMs, clock, onProgress: log }
  )
  return { poll, flows: poll.last?.detail ?? [], errorsCapped }
}
