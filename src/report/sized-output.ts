/**
 * An output that may be too large for GitHub (outputs are capped at 1 MB a job): set when
 * within the safe size, else written to a file under RUNNER_TEMP, named by output
 * `<name>-file`, with a warning; the output itself is then empty.
 */
import { SAFE_OUTPUT_BYTES, formatBytes, spillFile, writeText } from '../response-file.js'
import type { Runner } from '../runner.js'

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
