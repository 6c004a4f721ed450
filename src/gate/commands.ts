/**
 * Start, stop or restart flows around a deploy: `POST /flows/:id/coordinator` with `{command}`.
 * A command is only a means: the stage decides. So a command is sent only to flows not already
 * where it leads; a stop runs in Appmixer's background mode (a stop can take longer than a
 * request may); a command that gets no answer in time, or a gateway's 502/503/504, is not a
 * verdict (the stage is checked until the wait ends, and a 5xx is sent again); only a refusal
 * (400 and the like) ends the gate, quoting Appmixer's message and details.
 */
import type { AppmixerClient } from '../appmixer.js'
import type { FlowCommand } from '../config.js'
import { HttpError, isUnavailable } from '../errors.js'
import { flowLabel, type FlowInfo } from './flows.js'

/** Where each flow is in its command: a restart stops first, then starts once stopped. */
type Phase = 'stopping' | 'sent' | 'done'

export class FlowCommander {
  private readonly phases = new Map<string, Phase>()

  constructor(
    private readonly client: AppmixerClient,
    private readonly command: FlowCommand,
    private readonly log: (line: string) => void
  ) {}

  /** Sends each flow the command it needs next, given its current stage; true when any was sent. */
  async advance(current: readonly FlowInfo[], deadline?: number): Promise<boolean> {
    let sent = false
    for (const flow of current) {
      const next = this.nextFor(flow)
      if (!next) continue
      sent = (await this.send(flow, next, deadline)) || sent
    }
    return sent
  }

  private nextFor(flow: FlowInfo): 'start' | 'stop' | undefined {
    const phase = this.phases.get(flow.flowId)
    if (phase === 'done' || phase === 'sent') return undefined
    if (phase === 'stopping') return flow.stage === 'stopped' ? 'start' : undefined
    if (this.command === 'restart') return flow.stage === 'stopped' ? 'start' : 'stop'
    const leadsTo = this.command === 'start' ? 'running' : 'stopped'
    if (flow.stage === leadsTo) {
      this.log(`Flow ${flowLabel(flow)} is already ${flow.stage}; no ${this.command} sent`)
      this.phases.set(flow.flowId, 'done')
      return undefined
    }
    return this.command === 'start' ? 'start' : 'stop'
  }

  /** Sends one command; true when Appmixer took it (or may have: the stage will tell). */
  private async send(flow: FlowInfo, command: 'start' | 'stop', deadline?: number): Promise<boolean> {
    const path = `/flows/${encodeURIComponent(flow.flowId)}/coordinator`
    // A stop may take longer than a request: in the background it answers at once.
    const query: Array<[string, string]> = command === 'stop' ? [['background', 'true']] : []
    const after: Phase = command === 'stop' && this.command === 'restart' ? 'stopping' : 'sent'
    try {
      await this.client.postJson(path, { command }, query, deadline)
      this.log(`Sent ${command} to flow ${flowLabel(flow)}`)
    } catch (error) {
      if (error instanceof HttpError && error.status >= 500) {
        this.log(`Flow ${flowLabel(flow)}: ${command} answered ${error.statusLine}; it is sent again at the next check`)
        return false
      }
      if (isUnavailable(error)) {
        this.log(`Flow ${flowLabel(flow)}: no answer to ${command} in time (${error.message}); its stage will tell whether it happened`)
        this.phases.set(flow.flowId, after)
        return true
      }
      if (error instanceof HttpError) {
        throw error.retold(
          `Appmixer refused to ${command} flow ${flowLabel(flow)}: POST ${path} returned ${error.statusLine}: ${error.detail}`
        )
      }
      throw error
    }
    this.phases.set(flow.flowId, after)
    return true
  }
}
