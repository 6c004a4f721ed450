/**
 * Applies planned flow files to the tenant, in the vendor's order. For each flow that would
 * change: read the live flow and its account assignments first (a plain `PUT` drops them); a
 * running flow is stopped, updated with `forceUpdate=true`, re-bound and started again; a
 * stopped one is updated and re-bound and stays stopped; an absent one is created with its id
 * (`PUT /flows/:id`, as the vendor's transfer does) and stays stopped, as Appmixer creates it.
 * An unchanged flow gets no request at all.
 */
import { ActionError, errorMessage, isUnavailable, quote } from '../errors.js'
import { isNotFound, isObject, segment, type FlowApi } from './api.js'
import { deployBody } from './deploy-body.js'
import type { FlowPlan } from './plan.js'
import type { DeployFile } from './read-deploy.js'

/** One entry of output `changed`: `before` and `after` are stages (`absent` before a created flow). */
export interface FlowChanged {
  readonly flowId: string
  readonly name: string
  readonly action: 'create' | 'update' | 'stop'
  readonly before: string
  readonly after: string
}

/**
 * A deploy that failed part way, with what it had changed by then, so an `if: failure()` step
 * can put back exactly that (a flow stopped for an update that then failed says `stop`).
 */
export class DeployError extends ActionError {
  override name = 'DeployError'
  constructor(
    message: string,
    readonly changed: readonly FlowChanged[]
  ) {
    super(message)
  }
}

/** Stages in which a flow runs, or is on its way to: it is stopped for the update and started again. */
export const RUNNING = new Set(['running', 'starting'])

/** Applies each plan that is not `unchanged`, one flow after another; returns what it changed. */
export async function applyPlans(
  api: FlowApi,
  planned: ReadonlyArray<{ readonly plan: FlowPlan; readonly source: DeployFile }>
): Promise<FlowChanged[]> {
  const changed: FlowChanged[] = []
  for (const { plan, source } of planned) {
    if (plan.change === 'unchanged') continue
    try {
      await applyOne(api, source, plan.name, entry => {
        const at = changed.findIndex(known => known.flowId === entry.flowId)
        if (at >= 0) changed[at] = entry
        else changed.push(entry)
      })
    } catch (error) {
      const reason = errorMessage(error)
      throw new DeployError(`Deploying ${quote(source.file)} (flow ${quote(plan.name)}) failed: ${reason}`, [...changed])
    }
  }
  return changed
}

async function applyOne(api: FlowApi, { flow: file }: DeployFile, name: string, record: (entry: FlowChanged) => void): Promise<void> {
  const id = segment(file.flowId)
  const live = await readLive(api, id)
  if (live === undefined) {
    const answer = await api.putJson(`/flows/${id}`, deployBody(file))
    // Appmixer must have taken the id: a flow created under another one would be deployed twice.
    if (isObject(answer) && typeof answer.flowId === 'string' && answer.flowId !== file.flowId) {
      throw new ActionError(`Appmixer created it as ${quote(answer.flowId)} instead of ${quote(file.flowId)}`)
    }
    record({ flowId: file.flowId, name, action: 'create', before: 'absent', after: 'stopped' })
    return
  }
  const stage = typeof live.stage === 'string' ? live.stage : 'unknown'
  const assignments = accountAssignments(await api.getJson(`/accounts/flow/${id}`))
  const body = deployBody(file, live)
  const running = RUNNING.has(stage)
  if (running) {
    try {
      await api.postJson(`/flows/${id}/coordinator`, { command: 'stop' })
    } catch (error) {
      // A stop whose answer was lost may still have happened: output `changed` names it, so an
      // `if: failure()` step can start the flow again.
      if (isUnavailable(error)) record({ flowId: file.flowId, name, action: 'stop', before: stage, after: 'unknown' })
      throw error
    }
    record({ flowId: file.flowId, name, action: 'stop', before: stage, after: 'stopped' })
  }
  // Anything but a stopped flow needs forceUpdate; a stopped one is updated as the docs show it.
  await api.putJson(`/flows/${id}`, body, stage === 'stopped' ? [] : [['forceUpdate', 'true']])
  const after = running ? 'stopped' : stage
  record({ flowId: file.flowId, name, action: 'update', before: stage, after })
  for (const [componentId, accountId] of assignments) {
    if (componentId in body.flow) await api.putJson(`/auth/component/${segment(componentId)}/${segment(accountId)}`, {})
  }
  if (running) {
    await api.postJson(`/flows/${id}/coordinator`, { command: 'start' })
    record({ flowId: file.flowId, name, action: 'update', before: stage, after: 'running' })
  }
}

/** `GET /flows/:id` (`id` already path-encoded, see `segment`), or undefined when the flow does not exist (yet). */
export async function readLive(api: FlowApi, id: string): Promise<Record<string, unknown> | undefined> {
  try {
    const answer = await api.getJson(`/flows/${id}`)
    if (!isObject(answer) || !isObject(answer.flow))
      throw new ActionError('Appmixer answered the flow read with something that is not a flow')
    return answer
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw error
  }
}

/**
 * Component → account of `GET /accounts/flow/:flowId`: `{componentId: accountId | null}` (vendor
 * tooling), or a list of `{componentId, accountId}`. Anything else fails before the flow is
 * written: a write that cannot put the bindings back must not be made.
 */
export function accountAssignments(answer: unknown): Array<[string, string]> {
  const pairs: Array<[unknown, unknown]> = Array.isArray(answer)
    ? answer.map(item => (isObject(item) ? [item.componentId, item.accountId] : [undefined, undefined]))
    : isObject(answer)
      ? Object.entries(answer)
      : [[undefined, undefined]]
  const bound: Array<[string, string]> = []
  for (const [componentId, accountId] of pairs) {
    if (accountId === null || accountId === undefined) {
      if (typeof componentId === 'string') continue
    } else if (typeof componentId === 'string' && typeof accountId === 'string' && accountId !== '') {
      bound.push([componentId, accountId])
      continue
    }
    throw new ActionError(
      "Appmixer's account assignments of the flow (GET /accounts/flow/:flowId) could not be read, so the flow was not written"
    )
  }
  return bound.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}
