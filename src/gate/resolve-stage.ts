/**
 * The flows the gate (or an export) is on: each listed id or name as one flow, before any
 * command or check, and after a deploy the flows it wrote, each with the stage it must be back
 * in unless `command` or `stage` says otherwise. A flow both listed and deployed is gated as
 * listed.
 */
import { ActionError } from '../errors.js'
import type { GatedFlows } from './flows.js'
import { namesAFew } from './flows.js'
import { findGatedFlows } from './resolve.js'
import { deadlineOf, type Stage } from '../step/context.js'

export const resolveStage: Stage = {
  name: 'resolve',
  run: async step => {
    const { flows, flowFilter } = step.config.gate ?? step.config.export!
    const listed: GatedFlows = flows.length
      ? await findGatedFlows(step.client, flows, { filters: flowFilter, deadline: deadlineOf(step), log: step.log })
      : { targets: [] }
    const known = new Set(listed.targets.map(flow => flow.flowId))
    const deployed = (step.deployed ?? []).filter(flow => !known.has(flow.flowId))
    // A deploy changed the flows, and the account: their state is read afresh, one by one.
    const gated: GatedFlows = deployed.length ? { targets: [...listed.targets, ...deployed] } : listed
    step.gated = gated
    const count = gated.targets.length
    // A gate over no flow would pass with nothing checked.
    if (count === 0) throw new ActionError('Nothing to gate: no flow was listed or deployed')
    const doing = step.config.gate ? 'Gating on' : 'Exporting'
    step.log(`${doing} ${count} flow${count === 1 ? '' : 's'}: ${namesAFew(gated.targets)}`)
    return { verdict: 'pass' }
  }
}
