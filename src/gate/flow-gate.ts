/**
 * The flow gate: resolve the listed flows, optionally start, stop or restart them, then wait
 * until every one is in the wanted stage and, with `max-errors`, quiet enough. One deadline
 * bounds it all: resolution, commands, polls and the error budget run within `wait` (plus one
 * request's `timeout`). The first check lists the account; later ones read the gated flows only.
 */
import type { AppmixerClient } from '../appmixer.js'
import { isoTime, type Clock } from '../clock.js'
import type { FlowsMode } from '../config.js'
import { formatDuration } from '../duration.js'
import { FlowCommander } from './commands.js'
import { countErrors } from './error-budget.js'
import { flowLabel, judgeFlows, listAllFlows, pendingLine, readFlows, resolveFlows, type FlowInfo, type FlowVerdict } from './flows.js'
import { pollUntil, type PollOutcome } from './poll.js'

export interface FlowGateOutcome {
  readonly poll: PollOutcome<FlowVerdict[]>
  readonly flows: FlowVerdict[]
  readonly errorsCapped: boolean
}

export async function runFlowGate(
  client: AppmixerClient,
  gate: FlowsMode,
  clock: Clock,
  log: (line: string) => void,
  /** When the step's wait began (before sign-in): the gate's deadline counts from here. */
  startedAt = clock.now()
): Promise<FlowGateOutcome> {
  const commander = gate.command ? new FlowCommander(client, gate.command, log) : undefined
  let targets: FlowInfo[] | undefined
  let accountSize = 0
  let errorsCapped = false
  const errorsWindow = formatDuration(gate.errorsWindowMs)
  const poll = await pollUntil(
    async deadline => {
      const options = { filters: gate.flowFilter, deadline, log }
      let current: FlowInfo[]
      if (!targets) {
        const all = await listAllFlows(client, options)
        targets = resolveFlows(gate.flows, all, client.userId)
        accountSize = all.length
        current = targets
        log(`Gating on ${targets.length} flow${targets.length === 1 ? '' : 's'}: ${namesAFew(targets)}`)
      } else {
        current = await readFlows(client, targets, accountSize, options)
      }
      if (commander && (await commander.advance(current, deadline))) current = await readFlows(client, targets, accountSize, options)
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
      const verdicts = judgeFlows(targets, current, errors, { stage: gate.stage, maxErrors: gate.maxErrors, errorsWindow })
      const holding = verdicts.filter(flow => flow.problem)
      return { met: holding.length === 0, detail: verdicts, pending: pendingLine(holding) }
    },
    { waitMs: gate.waitMs, intervalMs: gate.pollIntervalMs, clock, onProgress: log, startedAt }
  )
  return { poll, flows: poll.last?.detail ?? [], errorsCapped }
}

/** A log line names a few flows and counts the rest, however many are gated. */
function namesAFew(flows: readonly FlowInfo[], shown = 5): string {
  const named = flows.slice(0, shown).map(flowLabel)
  if (flows.length > shown) named.push(`and ${flows.length - shown} more`)
  return named.join(', ')
}
