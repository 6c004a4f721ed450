/**
 * `command`: start, stop or restart the gated flows and follow each until it is where the
 * command leads, checking every second or so (not every `poll-interval`: a command in progress
 * is worth watching closely). A stop that never completes is a `timeout` naming the flow.
 */
import { formatDuration } from '../duration.js'
import { quote } from '../errors.js'
import { FlowCommander } from './commands.js'
import { checkBeforeCommand, readGated } from './gate-stage.js'
import { pollUntil } from '../poll.js'
import type { Stage, StepContext } from '../step/context.js'
import type { Outcome } from '../step/outcome.js'

/** How often a command in progress is followed. */
export const FOLLOW_INTERVAL_MS = 1_000

export const commandStage: Stage = {
  name: 'command',
  run: async (step): Promise<Outcome> => {
    const gate = step.config.gate!
    const gated = step.gated!
    // An account that cannot sign in fails the step before any flow is touched.
    const refused = await checkBeforeCommand(step)
    if (refused) return refused
    const commander = new FlowCommander(step.client, gate.command!, step.log)
    // Read once here when no earlier stage did: the first round below works on the same reading.
    gated.fresh ??= await readGated(step)
    commander.begin(gated.fresh)
    const { waitMs, pollIntervalMs } = step.config.waiting
    const title = `${gate.command} ${gated.targets.length} flow${gated.targets.length === 1 ? '' : 's'}`
    let first = true
    /** How many commands had gone out when the flows were last read. */
    let sendsAtRead = 0
    try {
      const poll = await pollUntil(
        async deadline => {
          // The first round works on what resolution just read; later ones read again.
          const current = first && gated.fresh ? gated.fresh : await readGated(step, deadline)
          first = false
          gated.fresh = current
          sendsAtRead = commander.sends
          const done = await commander.advance(new Map(current.map(flow => [flow.flowId, flow])), deadline)
          return { met: done, detail: undefined, pending: pendingOf(commander) }
        },
        {
          waitMs,
          intervalMs: Math.min(FOLLOW_INTERVAL_MS, pollIntervalMs),
          clock: step.clock,
          onProgress: step.log,
          startedAt: step.waitStartedAt
        }
      )
      // A follow that ended done read the flows where the command left them: the gate starts from that.
      if (poll.verdict === 'pass') return { verdict: 'pass', title }
      if (poll.verdict === 'unavailable') return { verdict: 'unavailable', title, problem: poll.unavailable!.message }
      const waited = waitMs > 0 ? ` within ${formatDuration(waitMs)}` : ''
      return {
        verdict: waitMs > 0 ? 'timeout' : 'fail',
        title,
        problem: `The ${gate.command} did not finish${waited}: ${pendingOf(commander, 10)}`
      }
    } finally {
      // Output `changed` tells the stage each flow is left in: read again after the last command.
      if (commander.sends > sendsAtRead) await rereadForChanges(step)
      recordChanges(step, commander, gate.command!)
    }
  }
}

function pendingOf(commander: FlowCommander, shown = 3): string {
  const pending = commander.pending()
  const words = { start: 'not started yet', stop: 'not stopped yet', stopping: 'still stopping', starting: 'still starting', done: 'done' }
  const named = pending.slice(0, shown).map(progress => `${quote(progress.name)} ${words[progress.phase]}`)
  if (pending.length > shown) named.push(`and ${pending.length - shown} more flows`)
  return named.join('; ')
}

/** One more reading, past the wait if need be (one request's `timeout`); without it the stages are unknown. */
async function rereadForChanges(step: StepContext): Promise<void> {
  const gated = step.gated!
  gated.fresh = await readGated(step, step.clock.now()).catch(() => [])
}

/** Output `changed`: every flow a command reached (or may have), with its stage before and the last one seen. */
function recordChanges(step: StepContext, commander: FlowCommander, command: 'start' | 'stop' | 'restart'): void {
  const latest = new Map((step.gated?.fresh ?? []).map(flow => [flow.flowId, flow.stage]))
  for (const progress of commander.progress.values()) {
    if (!progress.sent) continue
    const after = latest.get(progress.flowId) ?? 'unknown'
    step.changed.push({ flowId: progress.flowId, name: progress.name, action: command, before: progress.before, after })
  }
}
