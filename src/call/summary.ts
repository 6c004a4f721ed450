/** A call in the job summary: what was called, what came back, the verdict. */
import type { StepContext } from '../step/context.js'
import { VERDICT_ICON, type Outcome } from '../step/outcome.js'
import { code, escapeCell, hostOf } from '../summary.js'

export function callSummary(step: StepContext, outcome: Outcome): string {
  const rows: Array<[string, string]> = [
    ['Call', escapeCell(outcome.title ?? '')],
    ['Result', `${VERDICT_ICON[outcome.verdict]} ${outcome.verdict}`],
    ['Host', hostOf(step.config.baseUrl)]
  ]
  const value = outcome.outputs?.find(output => output.name === 'value')
  if (value) rows.push(['Value', code(value.value)])
  return ['| | |', '| --- | --- |', ...rows.map(([name, text]) => `| ${name} | ${text} |`), ''].join('\n')
}
