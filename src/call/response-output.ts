/**
 * Outputs `response` and `response-file` of a call. `streamedTo` is the file the body already
 * went to as it arrived; otherwise the file is written here when asked for, or when the body is
 * too large for an output. A file that cannot be written fails the step: it is ours, not
 * Appmixer's, so never `unavailable`.
 */
import { errorMessage } from '../errors.js'
import { KEPT_FOR_OUTPUT_BYTES, SAFE_OUTPUT_BYTES, formatBytes, spillFile, writeText } from '../response-file.js'
import type { Runner } from '../runner.js'
import { own, text, type Annotation, type Output } from '../step/outcome.js'
import type { CallOutcome } from './request.js'

export interface ResponseOutputs {
  readonly outputs: Output[]
  readonly annotations: Annotation[]
}

export async function responseOutputs(
  runner: Runner,
  outcome: CallOutcome,
  /** The real path of `response-file`, already checked. */
  requested: string | undefined,
  streamedTo?: string
): Promise<ResponseOutputs> {
  const { response } = outcome
  const annotations: Annotation[] = []
  // A body far larger than an output can hold is not re-serialised at all.
  const compact =
    response.complete && response.bytes <= KEPT_FOR_OUTPUT_BYTES ? runner.redact(compactBody(outcome, annotations)) : undefined
  const outputBytes = compact === undefined ? response.bytes : Buffer.byteLength(compact)
  const tooLarge = outputBytes > SAFE_OUTPUT_BYTES
  const outputs: Output[] = []
  let file = streamedTo
  if (!file && (requested || tooLarge) && response.complete) {
    file = requested ?? spillFile('response')
    await writeText(file, runner.redact(response.text))
  }
  if (file) outputs.push(own('response-file', file))
  if (tooLarge) {
    annotations.push({
      level: 'warning',
      message:
        `The response (${formatBytes(outputBytes)}) is larger than is safe for a step output ` +
        `(${formatBytes(SAFE_OUTPUT_BYTES)}), so output 'response' is empty; read the body from ${file}`
    })
  }
  outputs.push(text('response', tooLarge ? '' : (compact ?? '')))
  return { outputs, annotations }
}

/**
 * The body as compact JSON; as received when it is not JSON, or when it cannot be written back
 * (JSON nested deeper than the stack allows), which a warning says.
 */
function compactBody(outcome: CallOutcome, annotations: Annotation[]): string {
  if (outcome.json === undefined) return outcome.response.text
  try {
    return JSON.stringify(outcome.json)
  } catch (error) {
    annotations.push({
      level: 'warning',
      message: `The response is JSON nested too deeply to re-serialise (${errorMessage(error)}); output 'response' holds it as received`
    })
    return outcome.response.text.trim()
  }
}
