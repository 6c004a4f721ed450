/**
 * One check of the flow gate (the stage, the error budget, …): a module of its own with this
 * interface, and a line in `checks/index.ts`. A round of the gate runs every check that applies,
 * together, over the current state of the gated flows; the gate passes when none finds a problem.
 */
import type { AppmixerClient } from '../../appmixer.js'
import type { Clock } from '../../clock.js'
import type { GateSettings } from '../../config/index.js'
import type { FlowInfo } from '../flows.js'

export interface CheckRound {
  readonly client: AppmixerClient
  readonly gate: GateSettings
  /** The gated flows as resolved, in order. */
  readonly targets: readonly FlowInfo[]
  /** Their current state, by flow id; a gated flow missing here no longer exists. */
  readonly current: ReadonlyMap<string, FlowInfo>
  readonly clock: Clock
  readonly deadline?: number
  readonly log: (line: string) => void
}

export interface FlowFinding {
  /** Fields of this flow's entry in output `flows`. */
  readonly fields?: Readonly<Record<string, unknown>>
  /** Why this flow fails the check: `is stopped, expected running`. */
  readonly problem?: string
}

export interface CheckOutcome {
  readonly perFlow: ReadonlyMap<string, FlowFinding>
  /** A problem of the gated flows together (a shared budget exceeded): `3 errors in the last 15m, budget 2`. */
  readonly problem?: string
  /** Set with a problem that waiting cannot heal: the gate fails at once. */
  readonly final?: boolean
  /** Plain text lines for the job summary (it escapes them), shown when the check found a problem. */
  readonly details?: readonly string[]
}

export interface GateCheck {
  readonly name: string
  /** Whether the settings ask for this check. */
  applies(gate: GateSettings): boolean
  /** The fields it adds to each entry of output `flows`: null there when the check does not apply. */
  readonly fields: readonly string[]
  /**
   * False when it reads nothing of the flows' current state (`current`): it then runs while the
   * stages are still being read, so a round costs one round trip, not two.
   */
  readonly readsStages?: boolean
  /** True when it must also hold before any `command` is sent (an account that cannot sign in). */
  readonly beforeCommand?: boolean
  run(round: CheckRound): Promise<CheckOutcome>
}
