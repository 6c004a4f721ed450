/**
 * The job summary, as Markdown: what was called or gated, the verdict, and for a flow gate a
 * table of the flows with the failing ones first. Kept well under the 1 MiB a step may write.
 */
import type { Config, FlowsMode } from './config.js'
import { isoTime } from './clock.js'
import { visible } from './errors.js'
import { activeRedaction } from './secrets.js'
import { formatDuration } from './duration.js'
import { VERDICT_ICON, type Ending } from './ending.js'
import type { Verdict } from './errors.js'
import type { PublishOutcome } from './publish/index.js'
import { describe } from './http.js'
/** Rows of the flow table; the rest are in output `flows`. */
const MAX_SUMMARY_FLOWS = 300

/** The job summary of a plain call: what was called, what came back, the verdict. */
export function callSummary(baseUrl: URL, ending: Ending): string {
  const outcome = ending.call
  const title = outcome ? `${describe(outcome)} → ${outcome.response.status} ${outcome.response.statusText}` : 'no answer'
  const rows: Array<[string, string]> = [
    ['Result', `${VERDICT_ICON[ending.verdict]} ${ending.verdict}`],
    ['Host', hostOf(baseUrl)]
  ]
  if (ending.value !== undefined) rows.push(['Value', code(ending.value)])
  if (ending.problem) rows.push(['Problem', escapeCell(ending.problem)])
  return [
    `### Appmixer: ${escapeCell(title)}`,
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([name, text]) => `| ${name} | ${text} |`),
    '',
    runLink(ending.runUrl)
  ].join('\n')
}

/** The job summary of a flow gate: verdict, what was checked, and a table with failing flows first. */
export function flowGateSummary(config: Config, gate: FlowsMode, ending: Ending): string {
  const flows = ending.flows ?? []
  const checks = [`${flows.length} flow${flows.length === 1 ? '' : 's'} must be **${gate.stage}**`]
  if (gate.command) checks.push(`after sending **${gate.command}**`)
  if (gate.maxErrors !== undefined) {
    checks.push(`at most **${gate.maxErrors}** error${gate.maxErrors === 1 ? '' : 's'} in the last ${formatDuration(gate.errorsWindowMs)}`)
  }
  if (gate.waitMs > 0) checks.push(`waiting up to ${formatDuration(gate.waitMs)}`)
  const capped = ending.errorsCapped ? '+' : ''
  const rows = flows.slice(0, MAX_SUMMARY_FLOWS).map(flow => {
    const errors = flow.errors === null ? '–' : `${flow.errors}${capped}`
    const state = flow.problem ? `❌ ${escapeCell(flow.problem)}` : '✅'
    return `| ${escapeCell(flow.name.slice(0, 120))} | ${code(flow.flowId)} | ${escapeCell(flow.stage)} | ${errors} | ${escapeCell(readableTime(flow.lastChange, ending.endedAt))} | ${state} |`
  })
  const lines = [
    `### Appmixer flow gate: ${VERDICT_ICON[ending.verdict]} ${ending.verdict}`,
    '',
    `Host ${hostOf(config.baseUrl)}: ${checks.join(', ')}.`,
    ''
  ]
  if (ending.problem && ending.verdict !== 'pass') lines.push(`> ${escapeCell(ending.problem.slice(0, 2_000))}`, '')
  if (rows.length) lines.push('| Flow | Id | Stage | Errors | Last change | Verdict |', '| --- | --- | --- | --- | --- | --- |', ...rows)
  if (flows.length > MAX_SUMMARY_FLOWS) lines.push('', `…and ${flows.length - MAX_SUMMARY_FLOWS} more flows (see output \`flows\`).`)
  lines.push('', runLink(ending.runUrl))
  return lines.join('\n')
}

/** The job summary of a connector release: its name, size, file count and what Appmixer said. */
export function publishSummary(outcome: PublishOutcome, verdict: Verdict, now?: number): string {
  const { connector, result } = outcome
  const said = result.finished
    ? result.err
      ? escapeCell(result.err)
      : `finished ${escapeCell(readableTime(result.finished, now))}`
    : 'not finished in time'
  return [
    `### Appmixer connector: ${VERDICT_ICON[verdict]} ${code(connector.name, 120)}`,
    '',
    '| | |',
    '| --- | --- |',
    `| Size | ${(connector.zip.byteLength / 1024).toFixed(1)} KiB, ${connector.files} files |`,
    `| Ticket | ${code(result.ticket, 80)} |`,
    `| Result | ${said} |`,
    ...result.problems
      .slice(0, 20)
      .map(problem => `| Problem | ${escapeCell((problem.dataPath ? `${problem.dataPath}: ` : '') + problem.message)} |`),
    ''
  ].join('\n')
}

/**
 * `2026-11-01 09:00 UTC (29 days ago)`: a time as a person reads it in a table, relative to when
 * the step ended; text that is not a time is shown as it is.
 */
export function readableTime(text: string | undefined, now?: number): string {
  if (!text) return ''
  const time = Date.parse(text)
  if (Number.isNaN(time)) return text
  const iso = isoTime(time)
  const absolute = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
  return now === undefined ? absolute : `${absolute} (${ago(now - time)})`
}

function ago(ms: number): string {
  if (ms < 0) return 'in the future'
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`
  const days = Math.floor(hours / 24)
  return `${days} days ago`
}

function hostOf(url: URL): string {
  return url.origin + (url.pathname === '/' ? '' : url.pathname)
}

function runLink(runUrl: string | undefined): string {
  return runUrl ? `[Workflow run](${runUrl})\n` : ''
}

/**
 * Text from Appmixer (flow names, messages) as inert Markdown in a table cell: no links,
 * images, HTML or formatting a flow's author could slip into the summary. Redacted first, on
 * the raw text: once escaped (`p\!ss`), a secret would no longer match any of its spellings.
 */
export function escapeCell(text: string): string {
  return breakLinks(visible(activeRedaction.redact(text).replace(/\r\n|\r|\n/g, ' '), 1_000))
    .replace(/[\\`*_[\]|!]/g, char => `\\${char}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, ' ')
}

/**
 * Bare URLs (`https://…`, `www.…`) that GitHub would make links of, broken by a word joiner
 * (U+2060, invisible) after the scheme or the `www`, so they read the same but link nowhere.
 */
export function breakLinks(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*)(:\/\/)/gi, '$1\u2060$2').replace(/\b(www)(\.)/gi, '$1\u2060$2')
}

/** Text in a code span (never made a link by GitHub), redacted on the raw text first. */
export function code(text: string, max = 300): string {
  // Inside a code span only a backtick (which would end it) and a pipe (which would end the cell) matter.
  return `\`${visible(activeRedaction.redact(text).replace(/\r\n|\r|\n/g, ' '), max)
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|')}\``
}
