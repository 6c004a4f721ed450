/** The checks of the flow gate, in the order their findings are told. A new check is a module and a line here. */
import type { GateCheck } from './check.js'
import { accountsCheck } from './accounts.js'
import { errorBudgetCheck } from './error-budget.js'
import { stageCheck } from './stage.js'
import { unprocessedCheck } from './unprocessed.js'

export const GATE_CHECKS: readonly GateCheck[] = [stageCheck, errorBudgetCheck, unprocessedCheck, accountsCheck]

export type { GateCheck, CheckOutcome, CheckRound, FlowFinding } from './check.js'
