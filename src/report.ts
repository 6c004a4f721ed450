/**
 * What the step leaves behind: outputs, the response file, and the verdict as the workflow
 * sees it (a failure, a warning, or a line), then the job summary (written by summary.ts).
 */
import type { CallOutcome } from './call.js'
import type { Config } from './config.js'
import { flowsOutput, publishEnding, type Ending } from './ending.js'
import { errorMessage } from './errors.js'
import { flowLabel } from './gate/flows.js'
import { KEPT_FOR_OUTPUT_BYTES, SAFE_OUTPUT_BYTES, spillFile, writeText } from './response-file.js'
import type { Runner } from './runner.js'
import { publishedOutput, publishProblems } from './publish/index.js'
import { callSummary, flowGateSummary, publishSummary } from './summary.js'

const MAX_FLOW_ANNOTATIONS = 9

/**
 * Sets `response` and `response-file`. `streamedTo` is the file the body already went to as it
 * arrived; otherwise the file is written here when asked for, or when the body is too large
 * for an output.
 */
export async function writeResponse(
  runner: Runner,
  outcome: CallOutcome,
  requested: string | undefined,
  streamedTo?: string
): Promise<void> {
  const { response } = outcome
  // A body far larger than an output can hold is not re-serialised at all.
  const compact = response.complete && response.bytes <= KEPT_FOR_OUTPUT_BYTES ? runner.redact(compactBody(runner, outcome)) : undefined
  const outputBytes = compact === undefined ? response.bytes : Buffer.byteLength(compact)
  const tooLarge = outputBytes > SAFE_OUTPUT_BYTES
  let file = streamedTo
  if (!file && (requested || tooLarge) && response.complete) {
    file = requested ?? spillFile('response')
    await writeText(file, runner.redact(response.text))
  }
  if (file) runner.ownOutput('response-file', file)
  if (tooLarge) {
    runner.warning(
      `The response (${formatBytes(outputBytes)}) is larger than is safe for a step output ` +
        `(${formatBytes(SAFE_OUTPUT_BYTES)}), so output 'response' is empty; read the body from ${file}`
    )
  }
  runner.output('response', tooLarge ? '' : (compact ?? ''))
}

/**
 * The body as compact JSON; as received when it is not JSON, or when it cannot be written back
 * (JSON nested deeper than the stack allows), which a warning says.
 */
function compactBody(runner: Runner, outcome: CallOutcome): string {
  if (outcome.json === undefined) return outcome.response.text
  try {
    return JSON.stringify(outcome.json)
  } catch (error) {
    runner.warning(
      `The response is JSON nested too deeply to re-serialise (${errorMessage(error)}); output 'response' holds it as received`
    )
    return outcome.response.text.trim()
  }
}

/**
 * An output that may be too large for GitHub (outputs are capped at 1 MB a job): set when
 * within the safe size, else written to a file under RUNNER_TEMP, named by output
 * `<name>-file`, with a warning; the output itself is then empty.
 */
export async function writeSizedOutput(runner: Runner, name: string, value: string): Promise<void> {
  const text = runner.redact(value)
  const bytes = Buffer.byteLength(text)
  if (bytes <= SAFE_OUTPUT_BYTES) return runner.output(name, text)
  const file = spillFile(name)
  await writeText(file, text)
  runner.ownOutput(`${name}-file`, file)
  runner.output(name, '')
  runner.warning(
    `Output '${name}' (${formatBytes(bytes)}) is larger than is safe for a step output (${formatBytes(SAFE_OUTPUT_BYTES)}), ` +
      `so it is empty; read it from ${file} (output '${name}-file')`
  )
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** The one place a step ends: outputs, the verdict as the workflow sees it, the job summary. */
export async function conclude(runner: Runner, config: Config | undefined, ending: Ending, streamedTo?: string): Promise<void> {
  const { verdict } = ending
  runner.ownOutput('result', verdict)
  if (ending.status !== undefined) runner.ownOutput('status', String(ending.status))
  if (ending.call && config) {
    await writeResponse(runner, ending.call, config.responseFile, streamedTo).catch(error =>
      runner.warning(`Could not write the response file: ${errorMessage(error)}`)
    )
  }
  const sized = (name: string, value: string): Promise<void> =>
    writeSizedOutput(runner, name, value).catch(error => runner.warning(`Could not write output '${name}': ${errorMessage(error)}`))
  if (ending.published) runner.output('published', JSON.stringify(publishedOutput(ending.published)))
  // Validation errors on the manifest they name, so they show on the pull request's diff.
  const publishErrors = ending.published ? publishProblems(ending.published) : []
  for (const problem of publishErrors.slice(0, MAX_FLOW_ANNOTATIONS)) {
    runner.error(problem.message, { title: 'Appmixer connector', file: problem.file })
  }
  if (ending.value !== undefined) await sized('value', ending.value)
  if (ending.flows) await sized('flows', JSON.stringify(flowsOutput(ending.flows)))

  // GitHub shows ten error annotations a step: the step's own error and nine flows at most.
  if (verdict === 'fail' || verdict === 'timeout') {
    for (const flow of (ending.flows ?? []).filter(flow => flow.problem).slice(0, MAX_FLOW_ANNOTATIONS)) {
      runner.error(`Flow ${flowLabel(flow)} ${flow.problem}`, { title: 'Appmixer flow gate' })
    }
  }
  const problem = ending.problem ?? `The step ended with result ${verdict}`
  if (verdict === 'unavailable' && config?.onUnavailable === 'warn') {
    runner.warning(`${problem} (on-unavailable: warn, so the step does not fail)`, { title: 'Appmixer unavailable' })
  } else if (verdict === 'unavailable' && config?.onUnavailable === 'pass') {
    runner.info(`${problem} (on-unavailable: pass, so the step does not fail)`)
  } else if (verdict !== 'pass') {
    runner.fail(problem)
  }

  if (config?.summary) {
    const parts: string[] = []
    if (ending.published) {
      // The connector was released when its publish did not end the step.
      const released = publishEnding(ending.published) === undefined
      parts.push(publishSummary(ending.published, released ? 'pass' : ending.verdict, ending.endedAt))
    }
    if (config.mode.kind === 'flows' && ending.flows) parts.push(flowGateSummary(config, config.mode, ending))
    else if (config.mode.kind === 'call' || !ending.published) parts.push(callSummary(config.baseUrl, ending))
    const markdown = parts.join('\n')
    await runner.appendSummary(markdown).catch(error => runner.warning(`Could not write the job summary: ${errorMessage(error)}`))
  }
}
