/** Every gated flow is in the wanted stage (its own expected one, else the gate's) and still exists. */
import { visible } from '../../errors.js'
import type { FlowFinding, GateCheck } from './check.js'

export const stageCheck: GateCheck = {
  name: 'stage',
  applies: () => true,
  fields: [],
  run: ({ targets, current, gate }) => {
    const perFlow = new Map<string, FlowFinding>()
    for (const target of targets) {
      const flow = current.get(target.flowId)
      if (!flow) perFlow.set(target.flowId, { problem: 'no longer exists' })
      else if (flow.stage !== (target.expectedStage ?? gate.stage)) {
        perFlow.set(target.flowId, {
          problem: `is ${visible(flow.stage, 40)}, expected ${visible(target.expectedStage ?? gate.stage, 40)}`
        })
      }
    }
    return Promise.resolve({ perFlow })
  }
}
