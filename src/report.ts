/**
 * What the step leaves behind: outputs, the response file and the job summary. Large bodies
 * go to a file instead of an output, since outputs are capped (1 MB a job, and ~128 KiB when
 * passed on to another action's input).
 */
import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { formatDuration } from './duration.js'
import type { CallOutcome, StepTrace } from './call.js'
import type { Config } from './config.js'
import { describe } from './http.js'
import { errorMessage, type Verdict } from './errors.js'
import type { Json } from './expressions.js'
import type { FlowVerdict } from './gate/flows.js'
import type { Runner } from './runner.js'

export const SAFE_OUTPUT_BYTES = 100 * 1024

export interface ResponseOutputs {
  readonly response: string
  readonly responseFile?: string
}

/** Sets `status`, `response` and `response-file`; writes the file when asked or when too large. */
export async function writeResponse(runner: Runner, outcome: CallOutcome, requestedFile: string | undefined): Promise<ResponseOutputs> {
  const { response, json } = outcome
  const bodyBytes = Buffer.byteLength(response.text)
  // Compact JSON is never longer than the body it came from, bar rare escapes; a body far
  // larger than an output can hold is not re-serialised at all.
  const compact = bodyBytes <= 4 * SAFE_OUTPUT_BYTES ? runner.redact(json === undefined ? response.text : JSON.stringify(json)) : undefined
  const outputBytes = compact === undefined ? bodyBytes : Buffer.byteLength(compact)
  const tooLarge = outputBytes > SAFE_OUTPUT_BYTES
  let responseFile = requestedFile
  if (tooLarge && !responseFile) {
    responseFile = path.join(process.env.RUNNER_TEMP || os.tmpdir(), `appmixer-response-${randomUUID()}.json`)
  }
  if (responseFile) {
    await mkdir(path.dirname(responseFile), { recursive: true })
    await writeFile(responseFile, runner.redact(response.text))
    runner.output('response-file', responseFile)
  }
  if (tooLarge) {
    runner.warning(
      `The response (${formatBytes(outputBytes)}) is larger than is safe for a step output ` +
        `(${formatBytes(SAFE_OUTPUT_BYTES)}), so output 'response' is empty; read the body from ${responseFile}`
    )
  }
  const output = tooLarge ? '' : (compact ?? '')
  runner.output('response', output)
  return { response: output, responseFile }
}

/** A `select` result as an output: a string as is, anything else as JSON text. */
export function valueText(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

const VERDICT_ICON: Record<Verdict, string> = { pass: '✅', fail: '❌', timeout: '⏱️', unavailable: '⚠️' }
/** Rows of the flow table in the summary; the job summary must stay well under 1 MiB. */
const MAX_SUMMARY_FLOWS = 300

export interface Ending {
  readonly verdict: Verdict
  /** Why the verdict is not pass. */
  readonly problem?: string
  readonly status?: number
  readonly trace: StepTrace & { flows?: FlowVerdict[]; errorsCapped?: boolean }
  readonly runUrl?: string
}

/** The one place a step ends: outputs, the verdict as the workflow sees it, the job summary. */
export async function conclude(runner: Runner, config: Config | undefined, ending: Ending): Promise<void> {
  const { verdict, trace } = ending
  runner.output('result', verdict)
  if (ending.status !== undefined) runner.output('status', String(ending.status))
  if (trace.call && config) {
    await writeResponse(runner, trace.call, config.responseFile).catch(error =>
      runner.warning(`Could not write the response file: ${errorMessage(error)}`)
    )
  }
  if (trace.value !== undefined) runner.output('value', trace.value)
  if (trace.flows) runner.output('flows', JSON.stringify(flowsOutput(trace.flows)))

  const problem = ending.problem ?? `The step ended with result ${verdict}`
  if (verdict === 'unavailable' && config?.gate.onUnavailable === 'warn') {
    runner.warning(`${problem} (on-unavailable: warn, so the step does not fail)`, 'Appmixer unavailable')
  } else if (verdict === 'unavailable' && config?.gate.onUnavailable === 'pass') {
    runner.info(`${problem} (on-unavailable: pass, so the step does not fail)`)
  } else if (verdict !== 'pass') {
    runner.fail(problem)
  }

  if (config?.summary) {
    const markdown = trace.flows
      ? flowGateSummary(config, ending)
      : callSummary({
          baseUrl: config.baseUrl,
          verdict,
          outcome: trace.call,
          value: trace.value,
          problem: ending.problem,
          runUrl: ending.runUrl
        })
    await runner.appendSummary(markdown).catch(error => runner.warning(`Could not write the job summary: ${errorMessage(error)}`))
  }
}

/** Output `flows`: what a later step needs of each gated flow. */
export function flowsOutput(flows: readonly FlowVerdict[]): Array<{ flowId: string; name: string; stage: string; errors: number | null }> {
  return flows.map(({ flowId, name, stage, errors }) => ({ flowId, name, stage, errors }))
}

/** `'Orders sync' is stopped, expected running; …` for the flows that hold the gate back. */
export function describeFlowProblems(flows: readonly FlowVerdict[]): string {
  const holding = flows.filter(flow => flow.problem)
  const shown = holding.slice(0, 10).map(flow => `'${flow.name}' ${flow.problem}`)
  if (holding.length > shown.length) shown.push(`and ${holding.length - shown.length} more`)
  return `${holding.length} of ${flows.length} flows not as required: ${shown.join('; ')}`
}

export interface CallSummary {
  readonly baseUrl: URL
  readonly verdict: Verdict
  readonly outcome?: CallOutcome
  readonly value?: string
  readonly problem?: string
  readonly runUrl?: string
}

/** The job summary of a plain call: what was called, what came back, the verdict. */
export function callSummary(summary: CallSummary): string {
  const { outcome } = summary
  const title = outcome ? `${describe(outcome)} → ${outcome.response.status} ${outcome.response.statusText}` : 'no answer'
  const rows: Array<[string, string]> = [
    ['Result', `${VERDICT_ICON[summary.verdict]} ${summary.verdict}`],
    ['Host', hostOf(summary.baseUrl)]
  ]
  if (summary.value !== undefined) rows.push(['Value', code(summary.value)])
  if (summary.problem) rows.push(['Problem', escapeCell(summary.problem)])
  return [
    `### Appmixer: ${escapeCell(title)}`,
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([name, text]) => `| ${name} | ${text} |`),
    '',
    runLink(summary.runUrl)
  ].join('\n')
}

/** The job summary of a flow gate: verdict, what was checked, and a table with failing flows first. */
export function flowGateSummary(config: Config, ending: Ending): string {
  const { gate } = config
  const flows = ending.trace.flows ?? []
  const checks = [`${flows.length} flow${flows.length === 1 ? '' : 's'} must be **${gate.stage}**`]
  if (gate.command) checks.push(`after sending **${gate.command}**`)
  if (gate.maxErrors !== undefined) {
    checks.push(`at most **${gate.maxErrors}** error${gate.maxErrors === 1 ? '' : 's'} in the last ${formatDuration(gate.errorsWindowMs)}`)
  }
  if (gate.waitMs > 0) checks.push(`waiting up to ${formatDuration(gate.waitMs)}`)
  const capped = ending.trace.errorsCapped ? '+' : ''
  const rows = flows.slice(0, MAX_SUMMARY_FLOWS).map(flow => {
    const errors = flow.errors === null ? '–' : `${flow.errors}${capped}`
    const state = flow.problem ? `❌ ${escapeCell(flow.problem)}` : '✅'
    return `| ${escapeCell(flow.name.slice(0, 120))} | \`${flow.flowId}\` | ${flow.stage} | ${errors} | ${flow.lastChange ?? ''} | ${state} |`
  })
  const lines = [
    `### Appmixer flow gate: ${VERDICT_ICON[ending.verdict]} ${ending.verdict}`,
    '',
    `Host ${hostOf(config.baseUrl)}: ${checks.join(', ')}.`,
    ''
  ]
  if (ending.problem && ending.verdict !== 'pass') lines.push(`> ${escapeCell(ending.problem.slice(0, 2_000))}`, '')
  if (rows.length) lines.push('| Flow | Id | Stage | Errors | Last change | |', '| --- | --- | --- | --- | --- | --- |', ...rows)
  if (flows.length > MAX_SUMMARY_FLOWS) lines.push('', `…and ${flows.length - MAX_SUMMARY_FLOWS} more flows (see output \`flows\`).`)
  lines.push('', runLink(ending.runUrl))
  return lines.join('\n')
}

function hostOf(url: URL): string {
  return url.origin + (url.pathname === '/' ? '' : url.pathname)
}

function runLink(runUrl: string | undefined): string {
  return runUrl ? `[Workflow run](${runUrl})\n` : ''
}

export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

function code(text: string, max = 300): string {
  const short = text.length > max ? `${text.slice(0, max)}…` : text
  return `\`${escapeCell(short).replace(/`/g, "'")}\``
}
