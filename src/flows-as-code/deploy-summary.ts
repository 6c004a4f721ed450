/** A deploy in the job summary: a row a flow file (create / update with its components / unchanged), and each rollout. */
import type { DeploySettings } from '../config/index.js'
import { code, escapeCell } from '../summary.js'
import type { FlowPlan } from './plan.js'
import type { RolloutStatus } from './rollout.js'

/** Rows of the changes table; the rest are in output `changes`. */
const MAX_SUMMARY_ROWS = 300
/** Component ids named per kind in a summary cell. */
const IDS_SHOWN = 5

/** An integration template rolled out to its instances, and its last status read. */
export interface Rollout {
  readonly flowId: string
  readonly name: string
  readonly ticket: string
  status?: RolloutStatus
}

export function deploySummary(settings: DeploySettings, plans: readonly FlowPlan[], rollouts: readonly Rollout[]): string {
  const count = (change: FlowPlan['change']) => plans.filter(plan => plan.change === change).length
  const applied = settings.mode === 'apply'
  const words = applied ? { create: 'created', update: 'updated' } : { create: 'to create', update: 'to update' }
  const head =
    `Deploy ${code(settings.input, 120)} (${settings.mode}): ${count('create')} ${words.create}, ` +
    `${count('update')} ${words.update}, ${count('unchanged')} unchanged`
  const lines = [head, '', '| Flow | File | Change | Components |', '| --- | --- | --- | --- |']
  for (const plan of plans.slice(0, MAX_SUMMARY_ROWS)) {
    lines.push(`| ${escapeCell(plan.name)} | ${code(plan.file, 120)} | ${plan.change} | ${componentCell(plan)} |`)
  }
  if (plans.length > MAX_SUMMARY_ROWS) lines.push(`| and ${plans.length - MAX_SUMMARY_ROWS} more (see output \`changes\`) | | | |`)
  if (rollouts.length) {
    lines.push('', '| Integration template | Rollout to its instances |', '| --- | --- |')
    for (const rollout of rollouts) {
      const state = rollout.status ? rolloutWords(rollout.status) : 'not completed'
      lines.push(`| ${escapeCell(rollout.name)} | ${escapeCell(state)} |`)
    }
  }
  return [...lines, ''].join('\n')
}

/** `2 added: \`a\`, \`b\`; 1 changed: \`c\`; fields: name` for a table cell. */
function componentCell({ change, components, fields }: FlowPlan): string {
  if (change === 'unchanged') return '–'
  const kinds = (['added', 'removed', 'changed'] as const)
    .filter(kind => components[kind].length > 0)
    .map(kind => {
      const ids = components[kind]
      const shown = ids.slice(0, IDS_SHOWN).map(id => code(id, 60))
      if (ids.length > IDS_SHOWN) shown.push(`and ${ids.length - IDS_SHOWN} more`)
      return `${ids.length} ${kind}: ${shown.join(', ')}`
    })
  if (fields.length) kinds.push(`fields: ${fields.join(', ')}`)
  return kinds.join('; ') || '–'
}

export /** `1 component added, 2 changed` for a message. */
function componentWords({ components, fields }: FlowPlan): string {
  const parts = (['added', 'removed', 'changed'] as const)
    .filter(kind => components[kind].length > 0)
    .map(kind => `${components[kind].length} component${components[kind].length === 1 ? '' : 's'} ${kind}`)
  if (fields.length) parts.push(`${fields.join(', ')} changed`)
  return parts.join(', ') || 'no component changes'
}

export function rolloutWords(status: RolloutStatus): string {
  const steps = status.stepsTotal === undefined ? '' : ` (${status.progress ?? 0} of ${status.stepsTotal} instances)`
  return `${status.state}${steps}`
}
