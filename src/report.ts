/**
 * What the step leaves behind: outputs, the response file, the verdict as the workflow sees
 * it, and the job summary (written by summary.ts). Large bodies
 * go to a file instead of an output, since outputs are capped (1 MB a job, and ~128 KiB when
 * passed on to another action's input).
 */
import { randomUUID } from 'node:crypto'
import { mkdir, open } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { CallOutcome, StepTrace } from './call.js'
import type { Config } from './config.js'
import { errorMessage, type Verdict } from './errors.js'
import type { Json } from './expressions.js'
import { pendingLine, type FlowVerdict } from './gate/flows.js'
import type { Runner } from './runner.js'
import { callSummary, flowGateSummary } from './summary.js'

export const SAFE_OUTPUT_BYTES = 100 * 1024

/** Sets `response` and `response-file`; writes the file when asked, or when the body is too large for an output. */
export async function writeResponse(runner: Runner, outcome: CallOutcome, requestedFile: string | undefined): Promise<void> {
  const { response } = outcome
  const bodyBytes = Buffer.byteLength(response.text)
  // Compact JSON is never longer than the body it came from, bar rare escapes; a body far
  // larger than an output can hold is not re-serialised at all.
  const compact =
    bodyBytes <= 4 * SAFE_OUTPUT_BYTES
      ? runner.redact(outcome.json === undefined ? response.text : JSON.stringify(outcome.json))
      : undefined
  const outputBytes = compact === undefined ? bodyBytes : Buffer.byteLength(compact)
  const tooLarge = outputBytes > SAFE_OUTPUT_BYTES
  let responseFile = requestedFile
  if (tooLarge && !responseFile) {
    responseFile = path.join(process.env.RUNNER_TEMP || os.tmpdir(), `appmixer-response-${randomUUID()}.json`)
  }
  if (responseFile) {
    await mkdir(path.dirname(responseFile), { recursive: true })
    await writeText(responseFile, runner.redact(response.text))
    runner.output('response-file', responseFile)
  }
  if (tooLarge) {
    runner.warning(
      `The response (${formatBytes(outputBytes)}) is larger than is safe for a step output ` +
        `(${formatBytes(SAFE_OUTPUT_BYTES)}), so output 'response' is empty; read the body from ${responseFile}`
    )
  }
  runner.output('response', tooLarge ? '' : (compact ?? ''))
}

/** Writes a string in slices, so a large body is never copied whole into one buffer. */
export async function writeText(file: string, text: string, sliceLength = 1 << 20): Promise<void> {
  const handle = await open(file, 'w')
  try {
    for (let at = 0; at < text.length;) {
      let end = Math.min(at + sliceLength, text.length)
      // Never split a surrogate pair: half of one would be written as U+FFFD.
      if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end++
      await handle.write(text.slice(at, end))
      at = end
    }
  } finally {
    await handle.close()
  }
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
  return `${holding.length} of ${flows.length} flows not as required: ${pendingLine(holding, 10)}`
}
