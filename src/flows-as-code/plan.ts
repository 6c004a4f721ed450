/**
 * What a deploy would change: a flow file against the live flow, per flow and per component.
 * Pure. It compares what a deploy would send (`deployBody`) with what Appmixer holds, in
 * canonical JSON, so key order is never a change, and neither is a `version` or an account the
 * file leaves out (the deploy keeps the live ones).
 */
import { isObject } from './api.js'
import { canonicalJson } from './canonical.js'
import { deployBody, WRITTEN_FIELDS } from './deploy-body.js'
import type { DeployFile } from './read-deploy.js'

export type Change = 'create' | 'update' | 'unchanged'

/** One entry of output `changes`. */
export interface FlowPlan {
  readonly flowId: string
  readonly name: string
  /** Relative to the workspace. */
  readonly file: string
  readonly change: Change
  /** Component ids, sorted. A created flow's components are all `added`. */
  readonly components: { readonly added: string[]; readonly removed: string[]; readonly changed: string[] }
  /** Top-level fields that differ (`name`, `customFields`…), for the summary; empty unless `update`. */
  readonly fields: string[]
}

/** The plan for one flow file; `live` is `GET /flows/:id`'s answer, or undefined when the flow is absent. */
export function planFlow({ file, flow }: DeployFile, live: unknown): FlowPlan {
  const name = flow.name ?? (isObject(live) && typeof live.name === 'string' ? live.name : flow.flowId)
  const fileIds = Object.keys(flow.flow).sort()
  if (live === undefined) {
    return { flowId: flow.flowId, name, file, change: 'create', components: { added: fileIds, removed: [], changed: [] }, fields: [] }
  }
  const body = deployBody(flow, live)
  const held = isObject(live) ? live : {}
  const heldFlow = isObject(held.flow) ? held.flow : {}
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b)

  const added = fileIds.filter(id => !(id in heldFlow))
  const removed = Object.keys(heldFlow)
    .filter(id => !(id in body.flow))
    .sort()
  const changed = fileIds.filter(id => id in heldFlow && !same(body.flow[id], heldFlow[id]))
  const fields = WRITTEN_FIELDS.filter(field => field !== 'flow' && field in body && !same(body[field], held[field]))
  const change = added.length + removed.length + changed.length + fields.length > 0 ? 'update' : 'unchanged'
  return { flowId: flow.flowId, name, file, change, components: { added, removed, changed }, fields }
}
