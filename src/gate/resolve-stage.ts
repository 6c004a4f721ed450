/** The flows the gate is on: each listed id or name as one flow, before any command or check. */
import type { Config } from '../config/index.js'
import { namesAFew } from './flows.js'
import { findGatedFlows } from './resolve.js'
import { deadlineOf, type Stage } from '../step/context.js'

export const resolveStage: Stage = {
  name: 'resolve',
  applies: (config: Config) => config.gate !== undefined,
  run: async step => {
    const gate = step.config.gate!
    const gated = await findGatedFlows(step.client, gate.flows, { filters: gate.flowFilter, deadline: deadlineOf(step), log: step.log })
    step.gated = gated
    const count = gated.targets.length
    step.log(`Gating on ${count} flow${count === 1 ? '' : 's'}: ${namesAFew(gated.targets)}`)
    return { verdict: 'pass' }
  }
}
