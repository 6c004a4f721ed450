/**
 * The listed ids and names, each as one flow. A name is looked up (`GET /flows?pattern=<name>`,
 * one request a name, together) and matched exactly on this side, so a server whose `pattern`
 * means more (a regex, any case) only returns more, never less; a UUID is read directly. Only
 * an entry the lookups cannot settle falls back to the listing of the whole account, which
 * also gives the similar names for the message.
 */
import type { AppmixerClient } from '../appmixer.js'
import { mapConcurrently } from '../concurrency.js'
import { editDistance } from '../config/inputs.js'
import { ActionError, HttpError, quote, visible } from '../errors.js'
import type { FlowInfo, GatedFlows } from './flows.js'
import { listAllFlows, readFlow, type ListOptions } from './listing.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function findGatedFlows(client: AppmixerClient, wanted: readonly string[], options: ListOptions): Promise<GatedFlows> {
  const unique = [...new Set(wanted)]
  const candidates = await mapConcurrently(unique, entry => lookUp(client, entry, options))
  const seen = uniqueFlows(candidates.flat())
  const settled = unique.every((entry, index) => exactMatches(entry, candidates[index]).length === 1)
  if (settled) {
    const targets = resolveFlows(unique, seen, client.userId)
    return { targets, fresh: targets }
  }
  // An ambiguous name is reported from the lookup's candidates (they hold every exact match);
  // an unknown one needs the listing for its similar names.
  const unknown = unique.some((entry, index) => exactMatches(entry, candidates[index]).length === 0)
  if (!unknown) resolveFlows(unique, seen, client.userId)
  const all = await listAllFlows(client, options)
  const targets = resolveFlows(unique, all, client.userId)
  return { targets, accountSize: all.length, fresh: targets }
}

/** The flows that may be `entry`: by id when it looks like one, else by name. */
async function lookUp(client: AppmixerClient, entry: string, options: ListOptions): Promise<FlowInfo[]> {
  if (UUID.test(entry)) {
    const flow = await readFlow(client, entry, options.deadline)
    if (flow) return [flow]
  }
  try {
    return await listAllFlows(client, options, [['pattern', entry]])
  } catch (error) {
    // A server that reads `pattern` as a regex refuses `Orders [EU`: the listing settles the name.
    if (error instanceof HttpError && error.status === 400) return []
    throw error
  }
}

function uniqueFlows(flows: readonly FlowInfo[]): FlowInfo[] {
  return [...new Map(flows.map(flow => [flow.flowId, flow])).values()]
}

function exactMatches(entry: string, flows: readonly FlowInfo[]): FlowInfo[] {
  const byId = flows.filter(flow => flow.flowId === entry)
  return byId.length ? byId.slice(0, 1) : flows.filter(flow => flow.name === entry)
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
      ? `flow-filter 'userId:${visible(ownUserId, 60)}' keeps only your own`
      : uniqueTypes.length
        ? `flow-filter ${uniqueTypes.sort().join(' or ')} keeps only one`
        : 'list the one you mean by its id'
  return `${quote(entry)} names ${matches.length} flows: ${listed.join(', ')}; ${settle}`
}

/** Names that contain the entry (or it them), or are one or two edits away, ignoring case. */
function similarNames(entry: string, names: Iterable<string>): string[] {
  const needle = entry.toLowerCase()
  const similar: string[] = []
  for (const name of names) {
    if (!name) continue
    const lower = name.toLowerCase()
    const near = Math.abs(lower.length - needle.length) <= 2 && lower.length < 200 && editDistance(lower, needle) <= 2
    if (lower.includes(needle) || needle.includes(lower) || near) similar.push(name)
    if (similar.length === 5) break
  }
  return similar
}
