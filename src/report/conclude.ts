/**
 * The one place a step ends: outputs, annotations, the verdict as the workflow sees it (a
 * failure, a warning or a line), then the job summary. It writes what the stages' outcomes
 * carry, and knows no stage.
 */
import type { Config } from '../config/index.js'
import { errorMessage } from '../errors.js'
import type { Runner } from '../runner.js'
import type { Change } from '../step/context.js'
import { VERDICT_ICON, type Outcome, type Output } from '../step/outcome.js'
import { escapeCell } from '../summary.js'
import { writeSizedOutput } from './sized-output.js'

export interface StepEnd {
  /** Undefined when the inputs could not be read. */
  readonly config?: Config
  /** The outcomes of the stages that ran, in order; the last decides the verdict. */
  readonly outcomes: readonly Outcome[]
  /** What the step changed, when it could change anything (output `changed`). */
  readonly changed?: readonly Change[]
  /** The step's `id:`, for the summary heading. */
  readonly stepId?: string
}

export async function conclude(runner: Runner, end: StepEnd): Promise<void> {
  const final = end.outcomes.at(-1) ?? { verdict: 'fail', problem: 'The step did nothing' }
  const { verdict } = final
  runner.ownOutput('result', verdict)
  const status = [...end.outcomes].reverse().find(outcome => outcome.status !== undefined)?.status
  if (status !== undefined) runner.ownOutput('status', String(status))
  // A later stage's output replaces an earlier one's of the same name (the hold's `flows`, the gate's).
  const outputs = new Map(end.outcomes.flatMap(outcome => outcome.outputs ?? []).map(output => [output.name, output]))
  for (const output of outputs.values()) await write(runner, output)
  if (end.changed) runner.output('changed', JSON.stringify(end.changed))
  for (const annotation of end.outcomes.flatMap(outcome => outcome.annotations ?? [])) {
    const target = { title: annotation.title, file: annotation.file, line: annotation.line }
    if (annotation.level === 'error') runner.error(annotation.message, target)
    else runner.warning(annotation.message, target)
  }

  const problem = final.problem ?? `The step ended with result ${verdict}`
  const forgiven = verdict === 'unavailable' ? end.config?.onUnavailable : undefined
  if (forgiven === 'warn') {
    runner.warning(`${problem} (on-unavailable: warn, so the step does not fail)`, { title: 'Appmixer unavailable' })
  } else if (forgiven === 'pass') {
    runner.info(`${problem} (on-unavailable: pass, so the step does not fail)`)
  } else if (verdict !== 'pass') {
    runner.fail(problem)
  }

  if (end.config && !end.config.summary) return
  await runner
    .appendSummary(summaryOf(end, final))
    .catch(error => runner.warning(`Could not write the job summary: ${errorMessage(error)}`))
}

async function write(runner: Runner, output: Output): Promise<void> {
  if (output.kind === 'own') return runner.ownOutput(output.name, output.value)
  if (output.kind === 'text') return runner.output(output.name, output.value)
  await writeSizedOutput(runner, output.name, output.value).catch(error =>
    runner.warning(`Could not write output '${output.name}': ${errorMessage(error)}`)
  )
}

/** A heading that states the step's verdict, what went wrong, then each stage's section. */
function summaryOf(end: StepEnd, final: Outcome): string {
  const titles = end.outcomes.map(outcome => outcome.title).filter((title): title is string => Boolean(title))
  const step = end.stepId ? ` (${escapeCell(end.stepId)})` : ''
  const lines = [
    `### Appmixer${step} ${VERDICT_ICON[final.verdict]} ${final.verdict}${titles.length ? `: ${escapeCell(titles.join(' · '))}` : ''}`,
    ''
  ]
  if (final.verdict !== 'pass' && final.problem) lines.push(`> ${escapeCell(final.problem)}`, '')
  for (const outcome of end.outcomes) if (outcome.summary) lines.push(outcome.summary, '')
  if (end.changed?.length) {
    lines.push('| Changed | Action | Before | After |', '| --- | --- | --- | --- |')
    for (const change of end.changed.slice(0, 100)) {
      lines.push(`| ${escapeCell(change.name)} | ${change.action} | ${escapeCell(change.before)} | ${escapeCell(change.after)} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}
