/**
 * Flows as the gate sees them: every page of `GET /flows` (only the fields it needs), the
 * listed ids or names resolved against them, and each flow's state judged against the stage
 * and the error budget. Listing costs ⌈flows/100⌉ requests a poll, however many are gated.
 */
import type { AppmixerClient } from '../appmixer.js'
import { ActionError } from '../errors.js'

export interface FlowInfo {
  readonly flowId: string
  readonly name: string
  readonly stage: string
  /** When the stage last changed, as far as Appmixer tells. */
  readonly lastChange?: string
}

/** One entry of output `flows`. */
export interface FlowStatus {
  readonly flowId: string
  readonly name: string
  readonly stage: string
  /** Error records in the window; null when `max-errors` is not set. */
  readonly errors: number | null
}

export interface FlowVerdict extends FlowStatus {
  readonly lastChange?: string
  /** Why this flow holds the gate back; undefined when it is fine. */
  readonly problem?: string
}

export const PAGE_SIZE = 100
const PROJECTION = 'flowId,name,stage,stageChangeInfo,mtime,started,stopped'

export async function listAllFlows(client: AppmixerClient, deadline?: number): Promise<FlowInfo[]> {
  const flows: FlowInfo[] = []
  for (let offset = 0; ; offset += PAGE_SIZE) {
    // One flow more than a page tells whether another page follows, so 300 flows cost 3
    // requests, not 4 (the last one empty).
    const query: Array<[string, string]> = [
      ['projection', PROJECTION],
      ['offset', String(offset)],
      ['limit', String(PAGE_SIZE + 1)]
    ]
    const page = await client.getJson('/flows', query, deadline)
    if (!Array.isArray(page)) throw new ActionError(`GET /flows at ${client.baseUrl.origin} did not answer with a list of flows`)
    flows.push(...page.slice(0, PAGE_SIZE).map(toFlowInfo))
    if (page.length <= PAGE_SIZE) return flows
  }
}

function toFlowInfo(raw: unknown): FlowInfo {
  const flow = (raw ?? {}) as Record<string, unknown>
  const info = (flow.stageChangeInfo ?? {}) as Record<string, unknown>
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
  const lastChange = [info.changedAt, info.time, flow.stage === 'running' ? flow.started : flow.stopped, flow.mtime].map(text).find(Boolean)
  return { flowId: text(flow.flowId) ?? '', name: text(flow.name) ?? '', stage: text(flow.stage) ?? 'unknown', lastChange }
}

/** Each listed id or exact name, as one flow; every unknown or ambiguous entry is reported at once. */
export function resolveFlows(wanted: readonly string[], all: readonly FlowInfo[]): FlowInfo[] {
  const problems: string[] = []
  const resolved: FlowInfo[] = []
  for (const entry of wanted) {
    const byId = all.find(flow => flow.flowId === entry)
    const byName = byId ? [byId] : all.filter(flow => flow.name === entry)
    if (byName.length === 1) {
      if (!resolved.some(flow => flow.flowId === byName[0].flowId)) resolved.push(byName[0])
    } else if (byName.length > 1) {
      problems.push(
        `'${entry}' names ${byName.length} flows (${byName.map(flow => flow.flowId).join(', ')}); list the one you mean by its id`
      )
    } else {
      const candidates = similarNames(entry, all)
      problems.push(
        `no flow has the id or name '${entry}'` + (candidates.length ? `; similar: ${candidates.map(name => `'${name}'`).join(', ')}` : '')
      )
    }
  }
  if (problems.length) throw new ActionError(`Input 'flows': ${problems.join('. ')}. The user can see ${all.length} flows.`)
  return resolved
}

function similarNames(entry: string, all: readonly FlowInfo[]): string[] {
  const needle = entry.toLowerCase()
  const names = [...new Set(all.map(flow => flow.name))]
  return names.filter(name => name.toLowerCase().includes(needle) || needle.includes(name.toLowerCase())).slice(0, 5)
}

export interface GateRule {
  readonly stage: string
  readonly maxErrors?: number
  readonly errorsWindow: string
}

/**
 * The state of each gated flow against the rule; flows that hold the gate back come first.
 * `max-errors` bounds the errors of all listed flows together; when it is exceeded, every flow
 * that logged errors is named.
 */
export function judgeFlows(
  targets: readonly FlowInfo[],
  listing: readonly FlowInfo[],
  errors: ReadonlyMap<string, number> | undefined,
  rule: GateRule
): FlowVerdict[] {
  const current = new Map(listing.map(flow => [flow.flowId, flow]))
  const totalErrors = errors ? targets.reduce((sum, flow) => sum + (errors.get(flow.flowId) ?? 0), 0) : 0
  const overBudget = rule.maxErrors !== undefined && totalErrors > rule.maxErrors
  const verdicts = targets.map((target): FlowVerdict => {
    const flow = current.get(target.flowId)
    const stage = flow?.stage ?? 'missing'
    const count = errors ? (errors.get(target.flowId) ?? 0) : null
    const problems: string[] = []
    if (!flow) problems.push('no longer exists')
    else if (stage !== rule.stage) problems.push(`is ${stage}, expected ${rule.stage}`)
    if (overBudget && count) problems.push(`logged ${count} error${count === 1 ? '' : 's'} in the last ${rule.errorsWindow}`)
    const problem = problems.length ? problems.join(', and ') : undefined
    return { flowId: target.flowId, name: flow?.name ?? target.name, stage, errors: count, lastChange: flow?.lastChange, problem }
  })
  return [...verdicts.filter(flow => flow.problem), ...verdicts.filter(flow => !flow.problem)]
}

/** Names the first few flows that hold the gate back and counts the rest: one line, however many. */
export function pendingLine(holding: readonly FlowVerdict[], shown = 3): string {
  const named = holding.slice(0, shown).map(flow => `'${flow.name}' ${flow.problem}`)
  if (holding.length > shown) named.push(`and ${holding.length - shown} more flows`)
  return named.join('; ')
}

export function flowLabel(flow: { name: string; flowId: string }): string {
  return `'${flow.name}' (${flow.flowId})`
}
