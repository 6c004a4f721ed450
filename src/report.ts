/**
 * What the step leaves behind: outputs, the response file and the job summary. Large bodies
 * go to a file instead of an output, since outputs are capped (1 MB a job, and ~128 KiB when
 * passed on to another action's input).
 */
import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { CallOutcome } from './call.js'
import { describe } from './http.js'
import type { Verdict } from './errors.js'
import type { Json } from './expressions.js'
import type { Runner } from './runner.js'

export const SAFE_OUTPUT_BYTES = 100 * 1024

export interface ResponseOutputs {
  readonly response: string
  readonly responseFile?: string
}

/** Sets `status`, `response` and `response-file`; writes the file when asked or when too large. */
export async function writeResponse(runner: Runner, outcome: CallOutcome, requestedFile: string | undefined): Promise<ResponseOutputs> {
  const { response, json } = outcome
  runner.output('status', String(response.status))
  const compact = runner.redact(json === undefined ? response.text : JSON.stringify(json))
  const tooLarge = Buffer.byteLength(compact) > SAFE_OUTPUT_BYTES
  let responseFile = requestedFile
  if (tooLarge && !responseFile) {
    responseFile = path.join(process.env.RUNNER_TEMP || os.tmpdir(), `appmixer-response-${randomUUID()}.json`)
  }
  if (responseFile) {
    await writeFile(responseFile, runner.redact(response.text))
    runner.output('response-file', responseFile)
  }
  if (tooLarge) {
    runner.warning(
      `The response (${formatBytes(Buffer.byteLength(compact))}) is larger than is safe for a step output ` +
        `(${formatBytes(SAFE_OUTPUT_BYTES)}), so output 'response' is empty; read the body from ${responseFile}`
    )
  }
  const output = tooLarge ? '' : compact
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
    ['Host', summary.baseUrl.origin + (summary.baseUrl.pathname === '/' ? '' : summary.baseUrl.pathname)]
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
    summary.runUrl ? `[Workflow run](${summary.runUrl})` : '',
    ''
  ].join('\n')
}

export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

function code(text: string, max = 300): string {
  const short = text.length > max ? `${text.slice(0, max)}…` : text
  return `\`${escapeCell(short).replace(/`/g, "'")}\``
}
