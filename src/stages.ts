/**
 * A step is this list of stages, in this order: publish → deploy → resolve → export → command →
 * gate → hold → call.
 * Each runs when the settings ask for it, and the step stops at the first that does not pass.
 * A new stage is a folder of its own and a line here.
 */
import { callStage } from './call/stage.js'
import { deployStage } from './flows-as-code/deploy-stage.js'
import { exportStage } from './flows-as-code/export-stage.js'
import type { DeployFiles } from './flows-as-code/read-deploy.js'
import { commandStage } from './gate/command-stage.js'
import { gateStage } from './gate/gate-stage.js'
import { holdStage } from './gate/hold-stage.js'
import { resolveStage } from './gate/resolve-stage.js'
import type { Connector } from './publish/pack.js'
import { publishStage } from './publish/stage.js'
import type { Stage } from './step/context.js'

/** What is read and checked before any request, for the stages that need it. */
export interface Prepared {
  readonly connector?: Connector
  readonly body?: string
  readonly deploy?: DeployFiles
  /** The real path of the export folder. */
  readonly exportFolder?: string
}

export function stagesOf(prepared: Prepared): Stage[] {
  return [
    ...(prepared.connector ? [publishStage(prepared.connector)] : []),
    ...(prepared.deploy ? [deployStage(prepared.deploy)] : []),
    resolveStage,
    ...(prepared.exportFolder ? [exportStage(prepared.exportFolder)] : []),
    commandStage,
    gateStage,
    holdStage,
    callStage(prepared.body)
  ]
}
