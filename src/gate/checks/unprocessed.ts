/**
 * `max-unprocessed`: the messages Appmixer gave up on after its retries (its dead letters), counted
 * for each gated flow, shared flows included, against one budget for them all. There is no count
 * endpoint: `GET /unprocessed-messages?flowId=&offset=&limit=` is paged per flow until a short
 * page (docs/appmixer-api.md §10). Only messages of the flow asked for count, so a server that
 * ignores `flowId` counts the same; a page that brings nothing new ends the paging, so a server
 * that ignores `offset` cannot loop; a count that cannot be completed is an error, never zero.
 */
import type { AppmixerClient } from '../../appmixer.js'
import { mapConcurrently } from '../../concurrency.js'
import { ActionError, excerpt, quote, visible } from '../../errors.js'
import type { FlowInfo } from '../flows.js'
import type { CheckOutcome, FlowFinding, GateCheck } from './check.js'

/** Messages a page, as the vendor's CLI asks for them. */
export const UNPROCESSED_PAGE = 50
/** A page with fewer messages than this is the last one. */
const CONFIRM_AT = 10
/** Pages a flow may take beyond what the budget needs: the rest of a tenant's messages, on a server that ignores `flowId`. */
const SPARE_PAGES = 20
/** Messages shown in the summary when the budget is exceeded. */
const NEWEST_SHOWN = 5

interface DeadLetter {
  readonly flow: string
  readonly componentId: string
  readonly created: string
  readonly error: string
}

interface FlowCount {
  count: number
  /** True when paging stopped because the budget was already exceeded: `count` is a lower bound. */
  cut: boolean
  letters: DeadLetter[]
}

export const unprocessedCheck: GateCheck = {
  name: 'unprocessed',
  readsStages: false,
  applies: gate => gate.maxUnprocessed !== undefined,
  fields: ['unprocessed'],
  run: async ({ client, targets, gate, deadline }): Promise<CheckOutcome> => {
    const budget = gate.maxUnprocessed!
    // One running total, so that once the budget is exceeded no flow reads further pages.
    const shared = { total: 0 }
    const counts = await mapConcurrently(targets, flow => countFlow(client, flow, budget, shared, deadline))
    const total = counts.reduce((sum, count) => sum + count.count, 0)
    const cut = counts.some(count => count.cut)
    const over = total > budget
    const perFlow = new Map<string, FlowFinding>()
    targets.forEach((flow, index) => {
      const { count } = counts[index]
      const shown = cut ? `${count}+` : String(count)
      perFlow.set(flow.flowId, {
        fields: { unprocessed: count },
        problem: over && count ? `holds ${shown} unprocessed message${count === 1 ? '' : 's'}` : undefined
      })
    })
    if (!over) return { perFlow }
    const newest = counts
      .flatMap(count => count.letters)
      .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0))
      .slice(0, NEWEST_SHOWN)
    return {
      perFlow,
      problem: `${cut ? 'more than ' : ''}${cut ? budget : total} unprocessed message${total === 1 && !cut ? '' : 's'}, budget ${budget}`,
      details: [
        'Newest unprocessed messages:',
        ...newest.map(letter => `- ${quote(letter.flow)}, component ${letter.componentId}, ${letter.created}: ${letter.error}`)
      ]
    }
  }
}

async function countFlow(
  client: AppmixerClient,
  flow: FlowInfo,
  budget: number,
  shared: { total: number },
  deadline?: number
): Promise<FlowCount> {
  const result: FlowCount = { count: 0, cut: false, letters: [] }
  const seen = new Set<string>()
  const maxPages = Math.ceil((budget + 1) / UNPROCESSED_PAGE) + SPARE_PAGES
  const where = `GET /unprocessed-messages for ${quote(flow.name)} at ${client.baseUrl.origin}`
  let offset = 0
  for (let page = 0; ; page++) {
    if (page >= maxPages) throw new ActionError(`Could not count unprocessed messages: ${where} gave more than ${maxPages} pages`)
    const query: Array<[string, string]> = [
      ['flowId', flow.flowId],
      ['offset', String(offset)],
      ['limit', String(UNPROCESSED_PAGE)]
    ]
    const body = await client.getJson('/unprocessed-messages', query, deadline)
    if (!Array.isArray(body)) throw new ActionError(`Could not count unprocessed messages: ${where} answered ${shapeOf(body)}, not a list`)
    let fresh = 0
    for (const item of body) {
      const message = (item ?? {}) as Record<string, unknown>
      const id = typeof message.messageId === 'string' ? message.messageId : undefined
      if (id !== undefined) {
        if (seen.has(id)) continue
        seen.add(id)
      }
      fresh++
      // A server that ignores `flowId` answers the messages of every flow: only this one's count.
      if (message.flowId !== flow.flowId) continue
      result.count++
      shared.total++
      result.letters.push(letterOf(flow, message))
    }
    offset += body.length
    // A page of a few messages is the last; a longer short page is confirmed by the next, since a
    // server may give fewer messages a page than asked.
    if (body.length < CONFIRM_AT) return result
    if (fresh === 0) {
      // The same messages again: the server ignores paging. It gave them all at once when the
      // page was longer than asked; a page of `limit` or fewer may be its own cap, hiding more.
      if (body.length > UNPROCESSED_PAGE) return result
      throw new ActionError(
        `Could not count unprocessed messages: ${where} answered the same page for offset ${offset - body.length}; it seems to ignore offset`
      )
    }
    if (shared.total > budget) {
      // Over the budget already: the verdict is certain, the rest need not be read.
      result.cut = true
      return result
    }
  }
}

function letterOf(flow: FlowInfo, message: Record<string, unknown>): DeadLetter {
  return {
    flow: flow.name,
    componentId: typeof message.componentId === 'string' ? visible(message.componentId, 40) : '?',
    created: typeof message.created === 'string' ? visible(message.created, 40) : 'at an unknown time',
    error: errorOf(message.err)
  }
}

/** `err` is a stringified error object: its `message`, else an excerpt of the text. Redacted either way. */
function errorOf(err: unknown): string {
  if (typeof err !== 'string') return err === undefined || err === null ? 'no error recorded' : excerpt(JSON.stringify(err), 160)
  try {
    const parsed = JSON.parse(err) as { message?: unknown } | null
    if (typeof parsed?.message === 'string' && parsed.message) return excerpt(parsed.message, 160)
  } catch {
    // not JSON: the text as it is
  }
  return excerpt(err, 160)
}

function shapeOf(body: unknown): string {
  if (body === null) return 'null'
  if (typeof body !== 'object') return typeof body
  return visible(`an object with ${Object.keys(body).slice(0, 5).join(', ') || 'no keys'}`, 120)
}
