/**
 * The deploy's reading half: the live flow of each file (`GET /flows/:id`, a 404 meaning
 * absent) and the plan against it. `plan` and `check` stop here; `apply` hands the result to
 * `applyPlans`, which reads each flow again just before writing it.
 */
import { segment, type FlowApi } from './api.js'
import { readLive } from './apply.js'
import { planFlow, type FlowPlan } from './plan.js'
import type { DeployFile } from './read-deploy.js'

export interface PlannedFlow {
  readonly plan: FlowPlan
  readonly source: DeployFile
  /** The live flow's stage and type when it was read; undefined for a flow that is absent. */
  readonly live?: { readonly stage?: string; readonly type?: string }
}

/** Plans every file, in file order; only reads. */
export async function planDeploy(api: FlowApi, files: readonly DeployFile[]): Promise<PlannedFlow[]> {
  const planned: PlannedFlow[] = []
  for (const source of files) {
    const live = await readLive(api, segment(source.flow.flowId))
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
    planned.push({ plan: planFlow(source, live), source, live: live && { stage: text(live.stage), type: text(live.type) } })
  }
  return planned
}
