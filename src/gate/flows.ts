/**
 * Flows as the gate sees them: the few fields it reads of each, the set it gates on, and how
 * a flow is named in messages.
 */
import { ActionError, quote, visible } from '../errors.js'

export interface FlowInfo {
  readonly flowId: string
  readonly name: string
  readonly stage: string
  /** When the stage last changed, as far as Appmixer tells. */
  readonly lastChange?: string
  /** The owner: the signed-in user's own flow, or one shared with them. */
  readonly userId?: string
  /** `automation`, `integration-template`, `integration-instance`, … */
  readonly type?: string
  /**
   * The stage this flow must be in, when it is its own rather than the gate's `stage`: a flow a
   * deploy wrote must be back in the stage it had before (see gate/resolve-stage.ts).
   */
  readonly expectedStage?: string
}

/** The flows a step gates on, once resolved, and the freshest reading of their stages. */
export interface GatedFlows {
  readonly targets: readonly FlowInfo[]
  /** The flows the listing held, when the account was listed whole (else undefined). */
  readonly accountSize?: number
  /** Current state read by the last stage that read it, for the next one to use once instead of reading again. */
  fresh?: readonly FlowInfo[]
}

/** A flow as Appmixer answered it; one without a `flowId` is an answer the gate cannot read. */
export function toFlowInfo(raw: unknown, from: { readonly baseUrl: URL }): FlowInfo {
  const flow = (raw ?? {}) as Record<string, unknown>
  if (typeof flow.flowId !== 'string' || !flow.flowId) {
    throw new ActionError(`Appmixer at ${from.baseUrl.origin} answered a flow without a flowId; the gate cannot tell which flow it is`)
  }
  const info = (flow.stageChangeInfo ?? {}) as Record<string, unknown>
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
  const lastChange = [info.changedAt, info.time, flow.stage === 'running' ? flow.started : flow.stopped, flow.mtime].map(text).find(Boolean)
  return {
    flowId: text(flow.flowId) ?? '',
    name: text(flow.name) ?? '',
    stage: text(flow.stage) ?? 'unknown',
    lastChange,
    userId: text(flow.userId),
    type: text(flow.type)
  }
}

export function flowLabel(flow: { name: string; flowId: string }): string {
  return `${quote(flow.name)} (${visible(flow.flowId, 60)})`
}

/** A log line names a few flows and counts the rest, however many are gated. */
export function namesAFew(flows: readonly { name: string; flowId: string }[], shown = 5): string {
  const named = flows.slice(0, shown).map(flowLabel)
  if (flows.length > shown) named.push(`and ${flows.length - shown} more`)
  return named.join(', ')
}
