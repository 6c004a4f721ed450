/**
 * Flows as the gate sees them: every page of `GET /flows` (only the fields it needs, in a
 * stable order, narrowed by `flow-filter`), the listed ids or names resolved against them, the
 * current state of the gated flows on later polls, and each flow judged against the stage and
 * the error budget.
 */
import type { AppmixerClient } from '../appmixer.js'
import { ActionError, HttpError, quote, visible } from '../errors.js'

export interface FlowInfo {
  readonly flowId: string
  readonly name: string
  readonly stage: string
  /** When the stage last changed, as far as Appmixer tells. */
  readonly lastChange?: string
  /** The owner: the signed-in user's own flow, or one shared with them. */
  readonly userId?: string
  /** `automation`, `integration-template`, `integration-instance`, … */
  readonly type?: string
}

/** One entry of output `flows`. */
export interface FlowStatus {
  readonly flowId: string
  readonly name: string
  readonly stage: string
  /** Error records in the window; null when `max-errors` is not set. */
  readonly errors: number | null
}

export interface FlowVerdict extends FlowStatus {
  readonly lastChange?: string
  /** Why this flow holds the gate back; undefined when it is fine. */
  readonly problem?: string
}

export const PAGE_SIZE = 100
/** A listing longer than this many pages (100,000 flows) is not an account, it is a server gone wrong. */
export const MAX_PAGES = 1_000
const PROJECTION = 'flowId,name,stage,stageChangeInfo,mtime,started,stopped,userId,type'
/** A unique field, so offset paging neither skips a flow nor shows one twice. */
const SORT = 'flowId:1'

export interface ListOptions {
  readonly filters?: readonly string[]
  readonly deadline?: number
  readonly log?: (line: string) => void
}

export async function listAllFlows(client: AppmixerClient, options: ListOptions = {}): Promise<FlowInfo[]> {
  const flows = new Map<string, FlowInfo>()
  for (let pages = 1; ; pages++) {
    // One flow more than a page tells whether another page follows, so 300 flows cost 3
    // requests, not 4 (the last one empty).
    const query: Array<[string, string]> = [
      ['projection', PROJECTION],
      ['sort', SORT],
      ...(options.filters ?? []).map((filter): [string, string] => ['filter', filter]),
      ['offset', String((pages - 1) * PAGE_SIZE)],
      ['limit', String(PAGE_SIZE + 1)]
    ]
    const page = await client.getJson('/flows', query, options.deadline)
    if (!Array.isArray(page)) throw new ActionError(`GET /flows at ${client.baseUrl.origin} did not answer with a list of flows`)
    const before = flows.size
    // Every flow a page brings counts, also past the limit asked for (a server may ignore it).
    for (const raw of page) {
      const flow = toFlowInfo(raw)
      if (!flows.has(flow.flowId)) flows.set(flow.flowId, flow)
    }
    if (page.length <= PAGE_SIZE) break
    if (flows.size === before) {
      // A server that ignores offset or limit answers the same page forever.
      options.log?.(`GET /flows paging looked broken: page ${pages} brought no new flows, so the listing stops at ${flows.size} flows`)
      break
    }
    if (pages >= MAX_PAGES) {
      throw new ActionError(`GET /flows at ${client.baseUrl.origin} gave more than ${MAX_PAGES} pages; its paging looks broken`)
    }
  }
  return [...flows.values()]
}

/**
 * The current state of the gated flows, at the least cost: one `GET /flows/:id` each when there
 * are fewer of them than pages in the listing, else the listing. `total` is the listing's size.
 */
export async function readFlows(
  client: AppmixerClient,
  targets: readonly FlowInfo[],
  total: number,
  options: ListOptions = {}
): Promise<FlowInfo[]> {
  if (targets.length > Math.ceil(total / PAGE_SIZE)) {
    // The listing holds the whole account: only the gated flows are current flows of the gate.
    const ids = new Set(targets.map(target => target.flowId))
    return (await listAllFlows(client, options)).filter(flow => ids.has(flow.flowId))
  }
  const found: FlowInfo[] = []
  for (const target of targets) {
    try {
      const flow = await client.getJson(`/flows/${encodeURIComponent(target.flowId)}`, [['projection', PROJECTION]], options.deadline)
      found.push(toFlowInfo(flow))
    } catch (error) {
      // A deleted flow is a verdict (it no longer exists), not an error.
      if (!(error instanceof HttpError && error.status === 404)) throw error
    }
  }
  return found
}

function toFlowInfo(raw: unknown): FlowInfo {
  const flow = (raw ?? {}) as Record<string, unknown>
  const info = (flow.stageChangeInfo ?? {}) as Record<string, unknown>
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
  const lastChange = [info.changedAt, info.time, flow.stage === 'running' ? flow.started : flow.stopped, flow.mtime].map(text).find(Boolean)
  return {
    flowId: text(flow.flowId) ?? '',
    name: text(flow.name) ?? '',
    stage: text(flow.stage) ?? 'unknown',
    lastChange,
    userId: text(flow.userId),
    type: text(flow.type)
  }
}

/** Similar names are looked for only for the first few unknown entries: the search scans the account. */
const SIMILAR_SEARCHES = 5

/**
 * Each listed id or exact name, as one flow; every unknown or ambiguous entry is reported at
 * once. Linear in the account: one pass builds the indexes. `ownUserId` tells own flows from
 * shared ones in the message about an ambiguous name.
 */
export function resolveFlows(wanted: readonly string[], all: readonly FlowInfo[], ownUserId?: string): FlowInfo[] {
  const byId = new Map<string, FlowInfo>()
  const byName = new Map<string, FlowInfo[]>()
  for (const flow of all) {
    byId.set(flow.flowId, flow)
    const named = byName.get(flow.name)
    if (named) named.push(flow)
    else byName.set(flow.name, [flow])
  }
  const problems: string[] = []
  const resolved = new Map<string, FlowInfo>()
  let searches = 0
  for (const entry of wanted) {
    const matches = byId.has(entry) ? [byId.get(entry)!] : (byName.get(entry) ?? [])
    if (matches.length === 1) resolved.set(matches[0].flowId, matches[0])
    else if (matches.length > 1) problems.push(ambiguity(entry, matches, ownUserId))
    else {
      const candidates = searches++ < SIMILAR_SEARCHES ? similarNames(entry, byName.keys()) : []
      problems.push(
        `no flow has the id or name ${quote(entry)}` +
          (candidates.length ? `; similar: ${candidates.map(name => quote(name)).join(', ')}` : '')
      )
    }
  }
  if (problems.length) {
    const shown = problems.slice(0, 10).join('. ')
    const more = problems.length > 10 ? `. And ${problems.length - 10} more entries` : ''
    throw new ActionError(`Input 'flows': ${shown}${more}. The user can see ${all.length} flows.`)
  }
  return [...resolved.values()]
}

/** An ambiguous name: each candidate with its id, owner and type, and the `flow-filter` that would settle it. */
function ambiguity(entry: string, matches: readonly FlowInfo[], ownUserId?: string): string {
  const owner = (flow: FlowInfo): string => (!ownUserId || !flow.userId ? 'owner unknown' : flow.userId === ownUserId ? 'own' : 'shared')
  const listed = matches.slice(0, 5).map(flow => `${visible(flow.flowId, 60)} (${owner(flow)}, ${visible(flow.type ?? 'no type', 40)})`)
  if (matches.length > 5) listed.push(`and ${matches.length - 5} more`)
  const own = matches.filter(flow => ownUserId && flow.userId === ownUserId)
  const types = new Map<string, number>()
  for (const flow of matches) types.set(flow.type ?? '', (types.get(flow.type ?? '') ?? 0) + 1)
  const uniqueTypes = [...types.entries()].filter(([type, count]) => type && count === 1).map(([type]) => `'type:${visible(type, 40)}'`)
  const settle =
    own.length === 1 && ownUserId
      ? `flow-filter 'userId:${ownUserId}' keeps only your own`
      : uniqueTypes.length
        ? `flow-filter ${uniqueTypes.sort().join(' or ')} keeps only one`
        : 'list the one you mean by its id'
  return `${quote(entry)} names ${matches.length} flows: ${listed.join(', ')}; ${settle}`
}

function similarNames(entry: string, names: Iterable<string>): string[] {
  const needle = entry.toLowerCase()
  const similar: string[] = []
  for (const name of names) {
    if (!name) continue
    const lower = name.toLowerCase()
    if (lower.includes(needle) || needle.includes(lower)) similar.push(name)
    if (similar.length === 5) break
  }
  return similar
}

export interface GateRule {
  readonly stage: string
  readonly maxErrors?: number
  readonly errorsWindow: string
}

/**
 * The state of each gated flow against the rule; flows that hold the gate back come first.
 * `max-errors` bounds the errors of all listed flows together; when it is exceeded, every flow
 * that logged errors is named.
 */
export function judgeFlows(
  targets: readonly FlowInfo[],
  listing: readonly FlowInfo[],
  errors: ReadonlyMap<string, number> | undefined,
  rule: GateRule
): FlowVerdict[] {
  const current = new Map(listing.map(flow => [flow.flowId, flow]))
  const totalErrors = errors ? targets.reduce((sum, flow) => sum + (errors.get(flow.flowId) ?? 0), 0) : 0
  const overBudget = rule.maxErrors !== undefined && totalErrors > rule.maxErrors
  const verdicts = targets.map((target): FlowVerdict => {
    const flow = current.get(target.flowId)
    const stage = flow?.stage ?? 'missing'
    const count = errors ? (errors.get(target.flowId) ?? 0) : null
    const problems: string[] = []
    if (!flow) problems.push('no longer exists')
    else if (stage !== rule.stage) problems.push(`is ${visible(stage, 40)}, expected ${rule.stage}`)
    if (overBudget && count) problems.push(`logged ${count} error${count === 1 ? '' : 's'} in the last ${rule.errorsWindow}`)
    const problem = problems.length ? problems.join(', and ') : undefined
    return { flowId: target.flowId, name: flow?.name ?? target.name, stage, errors: count, lastChange: flow?.lastChange, problem }
  })
  return [...verdicts.filter(flow => flow.problem), ...verdicts.filter(flow => !flow.problem)]
}

/** Names the first few flows that hold the gate back and counts the rest: one line, however many. */
export function pendingLine(holding: readonly FlowVerdict[], shown = 3): string {
  const named = holding.slice(0, shown).map(flow => `${quote(flow.name)} ${flow.problem}`)
  if (holding.length > shown) named.push(`and ${holding.length - shown} more flows`)
  return named.join('; ')
}

export function flowLabel(flow: { name: string; flowId: string }): string {
  return `${quote(flow.name)} (${visible(flow.flowId, 60)})`
}
