/**
 * `deploy`: the flow files (read before any request, see `prepareDeploy`) planned against the
 * tenant, then by `deploy-mode`: `plan` reports what `apply` would do and passes, sending no
 * write; `check` is `plan` that fails when anything would change (a drift gate); `apply` writes
 * each flow that would change (`applyPlans`), records what it changed (also when it fails part
 * way), and with `update-instances` rolls each deployed integration template out to its
 * instances, following the rollout within the wait. The flows deployed are then gated with any
 * listed ones (gate/resolve-stage.ts); the gate's wait starts once the deploy is done.
 */
import type { DeploySettings } from '../config/index.js'
import { formatDuration } from '../duration.js'
import { isUnavailable, quote, visible } from '../errors.js'
import type { FlowInfo } from '../gate/flows.js'
import { pollUntil } from '../poll.js'
import type { Stage, StepContext } from '../step/context.js'
import { errorOutcome, sized, type Annotation, type Outcome } from '../step/outcome.js'
import { applyPlans, DeployError, RUNNING, type FlowChanged } from './apply.js'
import { planDeploy, type PlannedFlow } from './deploy.js'
import type { FlowPlan } from './plan.js'
import { readDeployFiles, type DeployFiles } from './read-deploy.js'
import { componentWords, deploySummary, rolloutWords, type Rollout } from './deploy-summary.js'
import { checkRollout, startRollout } from './rollout.js'

/** How often a rollout in progress is looked at, at most (a rollout takes seconds to minutes). */
export const ROLLOUT_INTERVAL_MS = 5_000
/** GitHub shows ten error annotations a step: the step's own error and nine files at most. */
const MAX_FILE_ANNOTATIONS = 9

/** Reads and checks the flow files before any request: a bad file is bad input. */
export function prepareDeploy(settings: DeploySettings, workspace: string): Promise<DeployFiles> {
  return readDeployFiles(settings.input, workspace)
}

/** The files read before sign-in, handed to the stage (main.ts reads them first). */
export function deployStage(files: DeployFiles): Stage {
  return {
    name: 'deploy',
    startsWait: true,
    run: async step => {
      const settings = step.config.deploy!
      files.notes.forEach(note => step.log(note))
      const planned = await planDeploy(step.client, files.files)
      const plans = planned.map(({ plan }) => plan)
      if (settings.mode !== 'apply') return reviewOutcome(settings, plans)

      let changed: FlowChanged[]
      try {
        changed = await applyPlans(step.client, planned)
      } catch (error) {
        if (!(error instanceof DeployError)) throw error
        step.changed.push(...error.changed)
        return deployOutcome(settings, plans, { verdict: 'fail', problem: error.message })
      }
      step.changed.push(...changed)
      for (const plan of plans)
        if (plan.change !== 'unchanged') step.log(`${plan.change === 'create' ? 'Created' : 'Updated'} ${describe(plan)}`)
      step.deployed = deployedFlows(planned, changed, settings.keepStages)

      // Every deployed template, changed or not: a re-run after a failed rollout rolls it out again.
      const templates = planned.filter(({ source, live }) => (source.flow.type ?? live?.type) === 'integration-template')
      if (!settings.updateInstances || templates.length === 0) return deployOutcome(settings, plans, { verdict: 'pass' })
      const rollouts: Rollout[] = []
      try {
        for (const { plan } of templates) {
          const ticket = await startRollout(step.client, plan.flowId)
          step.log(`Rolling ${quote(plan.name)} out to its instances (ticket ${quote(ticket)})`)
          rollouts.push({ flowId: plan.flowId, name: plan.name, ticket })
        }
        return deployOutcome(settings, plans, await followRollouts(step, rollouts), rollouts)
      } catch (error) {
        const { verdict, problem } = errorOutcome(error)
        return deployOutcome(settings, plans, { verdict, problem }, rollouts)
      }
    }
  }
}

/** `plan` passes; `check` fails when anything would change, naming the flows and their files. */
function reviewOutcome(settings: DeploySettings, plans: readonly FlowPlan[]): Outcome {
  const drift = plans.filter(plan => plan.change !== 'unchanged')
  if (settings.mode === 'plan' || drift.length === 0) return deployOutcome(settings, plans, { verdict: 'pass' })
  const named = drift.slice(0, 10).map(plan => `${describe(plan)} would be ${plan.change === 'create' ? 'created' : 'updated'}`)
  if (drift.length > 10) named.push(`and ${drift.length - 10} more`)
  const annotations: Annotation[] = drift.slice(0, MAX_FILE_ANNOTATIONS).map(plan => ({
    level: 'error',
    title: 'Appmixer flow drift',
    file: plan.file,
    message:
      `Flow ${quote(plan.name)} ${plan.change === 'create' ? 'is not on the tenant' : 'on the tenant differs from this file'}: ` +
      `a deploy would ${plan.change} it (${componentWords(plan)})`
  }))
  return deployOutcome(
    settings,
    plans,
    {
      verdict: 'fail',
      problem:
        `The tenant has drifted from ${quote(settings.input)}: ${drift.length} of ${plans.length} flow${plans.length === 1 ? '' : 's'} ` +
        `would change: ${named.join('; ')}. Deploy the files, or export the tenant's flows into the repository`
    },
    [],
    annotations
  )
}

/** The outcome of a deploy in any mode: output `changes` and the summary table, with the verdict given. */
function deployOutcome(
  settings: DeploySettings,
  plans: readonly FlowPlan[],
  end: Pick<Outcome, 'verdict' | 'problem'>,
  rollouts: readonly Rollout[] = [],
  annotations: readonly Annotation[] = []
): Outcome {
  const changes = plans.map(({ flowId, name, file, change, components }) => ({ flowId, name, file, change, components }))
  return {
    ...end,
    title: `deploy ${settings.mode} ${settings.input}`,
    outputs: [sized('changes', JSON.stringify(changes))],
    annotations,
    summary: deploySummary(settings, plans, rollouts)
  }
}

function describe(plan: FlowPlan): string {
  return `${quote(plan.name)} (${visible(plan.file, 200)})`
}

/**
 * The deployed flows for the gate, with the stage each must be back in when neither `command`
 * nor `stage` says otherwise: the stage before the deploy (a running or starting flow was
 * started again: running), and `stopped` for a created flow, as Appmixer creates it.
 */
function deployedFlows(planned: readonly PlannedFlow[], changed: readonly FlowChanged[], keepStages: boolean): FlowInfo[] {
  const before = new Map(changed.map(entry => [entry.flowId, entry.before]))
  return planned.map(({ plan, source, live }) => {
    const was = before.get(plan.flowId) ?? live?.stage ?? 'absent'
    const expected = was === 'absent' ? 'stopped' : RUNNING.has(was) ? 'running' : was
    return {
      flowId: plan.flowId,
      name: plan.name,
      stage: 'unknown',
      type: source.flow.type ?? live?.type,
      ...(keepStages ? { expectedStage: expected } : {})
    }
  })
}

/**
 * Every rollout looked at each round until all completed, within the wait (which, with
 * `update-instances` and no `wait`, is ROLLOUT_WAIT_MS). A failed rollout throws, naming its error.
 */
async function followRollouts(step: StepContext, rollouts: Rollout[]): Promise<Pick<Outcome, 'verdict' | 'problem'>> {
  const { waitMs, pollIntervalMs } = step.config.waiting
  const poll = await pollUntil(
    async () => {
      const pending: string[] = []
      for (const rollout of rollouts) {
        if (rollout.status?.state === 'completed') continue
        const check = await checkRollout(step.client, rollout.flowId, rollout.ticket).catch((error: unknown) => {
          if (!isUnavailable(error)) rollout.status = { state: 'failed' }
          throw error
        })
        rollout.status = check.detail
        if (check.met) step.log(`The rollout of ${quote(rollout.name)} completed: ${rolloutWords(check.detail)}`)
        else pending.push(check.pending)
      }
      return { met: pending.length === 0, detail: undefined, pending: pending.join('; ') }
    },
    {
      waitMs,
      intervalMs: Math.min(ROLLOUT_INTERVAL_MS, pollIntervalMs),
      clock: step.clock,
      onProgress: step.log,
      startedAt: step.waitStartedAt
    }
  )
  if (poll.verdict === 'pass') return { verdict: 'pass' }
  if (poll.verdict === 'unavailable') return { verdict: 'unavailable', problem: poll.unavailable!.message }
  const waited = waitMs > 0 ? ` within ${formatDuration(waitMs)}` : ''
  return {
    verdict: poll.verdict,
    problem: `The rollout to the instances did not complete${waited}: ${poll.last?.pending ?? 'no status read'}; Appmixer may still complete it`
  }
}
