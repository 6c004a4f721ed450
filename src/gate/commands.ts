/**
 * Start, stop or restart the gated flows (`POST /flows/:id/coordinator` with `{command}`), and
 * follow each to the end: a stop is done when the flow is seen `stopped` (or its background
 * stop's status says `completed`), a restart when the flow then is seen `running` again. A
 * command is sent only to flows not already where it leads; a stop runs in Appmixer's
 * background mode (it can take longer than a request may); a command that gets no answer in
 * time, or a gateway's 502/503/504, is not a verdict (the flow is read again, and a 5xx is sent
 * again); only a refusal (400 and the like) ends the step, quoting Appmixer's message and
 * details. See docs/appmixer-api.md §8.
 */
import type { AppmixerClient } from '../appmixer.js'
import type { FlowCommand } from '../config/index.js'
import { HttpError, isUnavailable } from '../errors.js'
import { flowLabel, type FlowInfo } from './flows.js'

/** Where one flow is in its command. */
type Phase = 'start' | 'stop' | 'stopping' | 'starting' | 'done'

export interface Progress {
  readonly flowId: string
  readonly name: string
  /** Its stage when the command began. */
  readonly before: string
  phase: Phase
  /** Whether a command reached Appmixer (or may have): the flow changed, or may have. */
  sent: boolean
}

export class FlowCommander {
  readonly progress = new Map<string, Progress>()
  /** Commands sent (or that may have reached Appmixer): a reading older than the last one is stale. */
  sends = 0

  constructor(
    private readonly client: AppmixerClient,
    private readonly command: FlowCommand,
    private readonly log: (line: string) => void
  ) {}

  /** The first look at each flow: what it needs, or nothing when it is already where the command leads. */
  begin(flows: readonly FlowInfo[]): void {
    for (const flow of flows) {
      const leadsTo = this.command === 'stop' ? 'stopped' : 'running'
      let phase: Phase
      if (this.command === 'restart') phase = flow.stage === 'stopped' ? 'start' : 'stop'
      else if (flow.stage === leadsTo) phase = 'done'
      else phase = this.command
      if (phase === 'done') this.log(`Flow ${flowLabel(flow)} is already ${flow.stage}; no ${this.command} sent`)
      this.progress.set(flow.flowId, { flowId: flow.flowId, name: flow.name, before: flow.stage, phase, sent: false })
    }
  }

  /** Moves each flow on, given its current stage; true when every flow is done. */
  async advance(current: ReadonlyMap<string, FlowInfo>, deadline?: number): Promise<boolean> {
    for (const progress of this.progress.values()) {
      const flow = current.get(progress.flowId)
      if (!flow) continue // deleted meanwhile: the gate tells
      if (progress.phase === 'stopping' && (flow.stage === 'stopped' || (await this.stopDoneByStatus(flow, deadline)))) {
        progress.phase = this.command === 'restart' ? 'start' : 'done'
      } else if (progress.phase === 'starting' && flow.stage === 'running') {
        progress.phase = 'done'
      }
      if (progress.phase === 'start' || progress.phase === 'stop') await this.send(flow, progress, progress.phase, deadline)
    }
    return [...this.progress.values()].every(progress => progress.phase === 'done')
  }

  /** Flows still under way, for the progress line and a timeout's message. */
  pending(): Progress[] {
    return [...this.progress.values()].filter(progress => progress.phase !== 'done')
  }

  /**
   * A background stop whose status says `completed` is done even before the stage shows it, for
   * a `stop` (the gate then waits for the stage). A restart starts only a flow seen `stopped`:
   * a start sent on the word of the status alone could pass a restart whose stop never took.
   */
  private async stopDoneByStatus(flow: FlowInfo, deadline?: number): Promise<boolean> {
    if (this.command === 'restart') return false
    try {
      const status = await this.client.getJson(`/flows/${encodeURIComponent(flow.flowId)}/coordinator/status`, [], deadline)
      return (status as { status?: unknown } | null)?.status === 'completed'
    } catch (error) {
      // An older engine without the status route: the stage alone tells.
      if (error instanceof HttpError && error.status < 500) return false
      throw error
    }
  }

  private async send(flow: FlowInfo, progress: Progress, command: 'start' | 'stop', deadline?: number): Promise<void> {
    const path = `/flows/${encodeURIComponent(flow.flowId)}/coordinator`
    const query: Array<[string, string]> = command === 'stop' ? [['background', 'true']] : []
    const next: Phase = command === 'stop' ? 'stopping' : 'starting'
    try {
      await this.client.postJson(path, { command }, query, deadline)
      this.log(`Sent ${command} to flow ${flowLabel(flow)}`)
    } catch (error) {
      if (error instanceof HttpError && error.status >= 500) {
        this.log(`Flow ${flowLabel(flow)}: ${command} answered ${error.statusLine}; it is sent again at the next check`)
        return
      }
      if (isUnavailable(error)) {
        this.log(`Flow ${flowLabel(flow)}: no answer to ${command} in time (${error.message}); its stage will tell whether it happened`)
        progress.sent = true
        progress.phase = next
        this.sends++
        return
      }
      if (error instanceof HttpError) {
        throw error.retold(
          `Appmixer refused to ${command} flow ${flowLabel(flow)}: POST ${path} returned ${error.statusLine}: ${error.detail}`
        )
      }
      throw error
    }
    progress.sent = true
    progress.phase = next
    this.sends++
  }
}
