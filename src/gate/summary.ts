/**
 * The flow gate in the job summary: what was checked, the verdict with what failed it, and a
 * table of the flows, failing ones first; and one error annotation a failing flow.
 */
import type { Config } from '../config/index.js'
import { formatDuration } from '../duration.js'
import { flowLabel } from './flows.js'
import type { RoundOutcome } from './round.js'
import type { Annotation } from '../step/outcome.js'
import { code, escapeCell, readableTime, shortId } from '../summary.js'

/** Rows of the flow table; the rest are in output `flows`. */
const MAX_SUMMARY_FLOWS = 300
/** GitHub shows ten error annotations a step: the step's own error and nine flows at most. */
const MAX_FLOW_ANNOTATIONS = 9

export function gateAnnotations(flows: RoundOutcome['flows']): Annotation[] {
  return flows
    .filter(flow => flow.problem)
    .slice(0, MAX_FLOW_ANNOTATIONS)
    .map(flow => ({ level: 'error', message: `Flow ${flowLabel(flow)} ${flow.problem}`, title: 'Appmixer flow gate' }))
}

export function gateSummary(config: Config, last: RoundOutcome | undefined, now: number): string {
  const gate = config.gate!
  const flows = last?.flows ?? []
  // After a deploy without command or stage, each deployed flow must be back in its stage before it.
  const stage = config.deploy?.keepStages
    ? `${gate.flows.length ? `**${gate.stage}** (the listed ones) or ` : ''}back in their stage before the deploy`
    : `**${gate.stage}**`
  const checks = [`${flows.length || gate.flows.length} flow${(flows.length || gate.flows.length) === 1 ? '' : 's'} must be ${stage}`]
  if (gate.command) checks.push(`after **${gate.command}**`)
  if (gate.maxErrors !== undefined) {
    checks.push(`at most **${gate.maxErrors}** error${gate.maxErrors === 1 ? '' : 's'} in the last ${formatDuration(gate.errorsWindowMs)}`)
  }
  if (gate.maxUnprocessed !== undefined) {
    checks.push(`at most **${gate.maxUnprocessed}** unprocessed message${gate.maxUnprocessed === 1 ? '' : 's'}`)
  }
  if (gate.checkAccounts) checks.push('their accounts valid')
  const { waitMs } = config.waiting
  if (waitMs > 0) checks.push(`waiting up to ${formatDuration(waitMs)}`)
  const columns = [...new Set(flows.flatMap(flow => Object.keys(flow.fields)))].filter(field =>
    flows.some(flow => flow.fields[field] !== null)
  )
  const cell = (value: unknown): string =>
    value === null || value === undefined
      ? '–'
      : typeof value === 'number'
        ? String(value)
        : Array.isArray(value) && value.every(isAccount)
          ? value.map(account => `${account.status === 'valid' ? '✅' : '❌'} ${escapeCell(account.name)}`).join(', ') || 'none'
          : escapeCell(JSON.stringify(value))
  const rows = flows.slice(0, MAX_SUMMARY_FLOWS).map(flow => {
    const state = flow.problem ? `❌ ${escapeCell(flow.problem)}` : '✅'
    const extra = columns.map(column => ` ${cell(flow.fields[column])} |`).join('')
    return `| ${escapeCell(flow.name)} | ${code(shortId(flow.flowId))} | ${escapeCell(flow.stage)} |${extra} ${escapeCell(readableTime(flow.lastChange, now))} | ${state} |`
  })
  const lines = [`Flow gate: ${checks.join(', ')}.`, '']
  for (const problem of last?.problems ?? []) lines.push(`> ${escapeCell(problem)}`, '')
  if (last?.details.length) lines.push(...last.details.map(line => `> ${escapeCell(line)}`), '')
  if (rows.length) {
    const heads = columns.map(column => ` ${column[0].toUpperCase()}${column.slice(1)} |`).join('')
    lines.push(
      `| Flow | Id | Stage |${heads} Last change | Verdict |`,
      `| --- | --- | --- |${columns.map(() => ' --- |').join('')} --- | --- |`,
      ...rows
    )
  }
  if (flows.length > MAX_SUMMARY_FLOWS) lines.push('', `…and ${flows.length - MAX_SUMMARY_FLOWS} more flows (see output \`flows\`).`)
  return lines.join('\n')
}

/** An entry of a flow's `accounts`: shown as its name and a mark. */
function isAccount(value: unknown): value is { name: string; status: string } {
  const entry = value as { name?: unknown; status?: unknown } | null
  return typeof entry?.name === 'string' && typeof entry.status === 'string'
}
