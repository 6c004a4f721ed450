/**
 * What every stage of a step works with: the settings, the signed-in client, the one clock, the
 * log, and the wait's deadline. Stages read and add to the shared facts of the step (the gated
 * flows, what this step changed) here, and return an `Outcome`.
 */
import type { AppmixerClient } from '../appmixer.js'
import type { Clock } from '../clock.js'
import type { Config } from '../config/index.js'
import type { FlowInfo, GatedFlows } from '../gate/flows.js'
import type { Runner } from '../runner.js'
import type { Outcome } from './outcome.js'

/** A flow this step changed, for output `changed` (an `if: failure()` step can put it back). */
export interface Change {
  readonly flowId: string
  readonly name: string
  readonly action: 'start' | 'stop' | 'restart' | 'create' | 'update'
  /** Stages; `absent` before a created flow. */
  readonly before: string
  readonly after: string
}

export interface StepContext {
  readonly config: Config
  readonly client: AppmixerClient
  readonly clock: Clock
  readonly runner: Runner
  readonly log: (line: string) => void
  /** GITHUB_WORKSPACE: paths in inputs are inside it. */
  readonly workspace: string
  readonly env: NodeJS.ProcessEnv
  /** When the wait began: before sign-in, or when the connector (or deploy) was in place. */
  waitStartedAt: number
  /** What this step changed, in order. */
  readonly changed: Change[]
  /** The flows the gate is on, once resolved: the command, the gate and the hold read them. */
  gated?: GatedFlows
  /** The flows a deploy wrote (or kept as they were), for the resolve stage to gate with the listed ones. */
  deployed?: readonly FlowInfo[]
}

/** The end of the wait (epoch ms), or undefined when the step checks once. */
export function deadlineOf(step: StepContext): number | undefined {
  const { waitMs } = step.config.waiting
  return waitMs > 0 ? step.waitStartedAt + waitMs : undefined
}

export interface Stage {
  /** For log lines and tests. */
  readonly name: string
  run(step: StepContext): Promise<Outcome>
  /** True when the wait of later stages starts once this one is done (a connector in place). */
  readonly startsWait?: boolean
}
