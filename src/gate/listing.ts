/**
 * Reading flows from Appmixer at the least cost: the listing (`GET /flows`, only the fields the
 * gate needs, in a stable order, narrowed by `flow-filter`), a lookup by name (`pattern`), and
 * the current state of the gated flows (`GET /flows/:id` each, together). See
 * docs/appmixer-api.md §6.
 */
import type { AppmixerClient, QueryPairs } from '../appmixer.js'
import { mapConcurrently } from '../concurrency.js'
import { ActionError, HttpError } from '../errors.js'
import { toFlowInfo, type FlowInfo } from './flows.js'

export const PAGE_SIZE = 100
/** A listing longer than this many pages (100,000 flows) is not an account, it is a server gone wrong. */
export const MAX_PAGES = 1_000
export const PROJECTION = 'flowId,name,stage,stageChangeInfo,mtime,started,stopped,userId,type'
/** A page with fewer flows than this is the last; a longer short page is confirmed by the next (a server may cap pages). */
const CONFIRM_AT = 10
/** A unique field, so offset paging neither skips a flow nor shows one twice. */
const SORT = 'flowId:1'

export interface ListOptions {
  readonly filters?: readonly string[]
  readonly deadline?: number
  readonly log?: (line: string) => void
}

/** Every page of `GET /flows`, with `extra` parameters (a `pattern`) when given. */
export async function listAllFlows(client: AppmixerClient, options: ListOptions = {}, extra: QueryPairs = []): Promise<FlowInfo[]> {
  const flows = new Map<string, FlowInfo>()
  let offset = 0
  for (let pages = 1; ; pages++) {
    // One flow more than a page tells whether another page follows, so 300 flows cost 3
    // requests, not 4 (the last one empty).
    const query: Array<readonly [string, string]> = [
      ['projection', PROJECTION],
      ['sort', SORT],
      ...extra,
      ...(options.filters ?? []).map((filter): [string, string] => ['filter', filter]),
      ['offset', String(offset)],
      ['limit', String(PAGE_SIZE + 1)]
    ]
    const page = await client.getJson('/flows', query, options.deadline)
    if (!Array.isArray(page)) throw new ActionError(`GET /flows at ${client.baseUrl.origin} did not answer with a list of flows`)
    const before = flows.size
    // Every flow a page brings counts, also past the limit asked for (a server may ignore it).
    for (const raw of page) {
      const flow = toFlowInfo(raw, client)
      if (!flows.has(flow.flowId)) flows.set(flow.flowId, flow)
    }
    if (page.length < CONFIRM_AT) break
    if (flows.size === before) {
      // A server that ignores `offset` answers the same page again. One that also ignored
      // `limit` gave every flow at once; one that kept to it hides the rest.
      if (page.length <= PAGE_SIZE + 1) {
        throw new ActionError(
          `GET /flows at ${client.baseUrl.origin} answered the same ${page.length} flows at offset ${offset}: it ignores offset, so the listing cannot be completed`
        )
      }
      options.log?.(`GET /flows paging looked broken: page ${pages} brought no new flows, so the listing stops at ${flows.size} flows`)
      break
    }
    // A page shorter than asked ends the listing only when it is short indeed: a server may
    // give fewer flows a page than asked, and the next page then tells.
    offset += Math.min(page.length, PAGE_SIZE)
    if (pages >= MAX_PAGES) {
      throw new ActionError(`GET /flows at ${client.baseUrl.origin} gave more than ${MAX_PAGES} pages; its paging looks broken`)
    }
  }
  return [...flows.values()]
}

/** One flow by id; undefined when Appmixer has none with that id (a 404). */
export async function readFlow(client: AppmixerClient, flowId: string, deadline?: number): Promise<FlowInfo | undefined> {
  try {
    return toFlowInfo(await client.getJson(`/flows/${encodeURIComponent(flowId)}`, [['projection', PROJECTION]], deadline), client)
  } catch (error) {
    // A deleted flow is a verdict (it no longer exists), not an error.
    if (error instanceof HttpError && error.status === 404) return undefined
    throw error
  }
}

/**
 * The current state of the gated flows: one `GET /flows/:id` each, together, unless the account
 * is known to be smaller in pages than the gate is in flows (then the listing is cheaper).
 */
export async function readFlows(
  client: AppmixerClient,
  targets: readonly FlowInfo[],
  accountSize: number | undefined,
  options: ListOptions = {}
): Promise<FlowInfo[]> {
  if (accountSize !== undefined && targets.length > Math.ceil(accountSize / PAGE_SIZE)) {
    // The listing holds the whole account: only the gated flows are current flows of the gate.
    const ids = new Set(targets.map(target => target.flowId))
    return (await listAllFlows(client, options)).filter(flow => ids.has(flow.flowId))
  }
  const found = await mapConcurrently(targets, target => readFlow(client, target.flowId, options.deadline))
  return found.filter((flow): flow is FlowInfo => flow !== undefined)
}
