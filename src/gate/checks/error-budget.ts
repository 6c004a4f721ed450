/**
 * `max-errors`: the error records of the gated flows in Insights logs, counted exactly, against
 * one budget for them all. The window is the server's (Elasticsearch date math, `now-900s`), so a
 * runner whose clock is off counts the same; the level may be in `severity` or `level`; the total
 * is the answer's histogram (`buckets[].doc_count`) or, without one, the hits paged until the
 * verdict is certain. A record that names no flow still counts. See docs/appmixer-api.md §9.
 */
import type { AppmixerClient } from '../../appmixer.js'
import { mapConcurrently } from '../../concurrency.js'
import { formatDuration } from '../../duration.js'
import { ActionError, excerpt, visible } from '../../errors.js'
import type { CheckOutcome, FlowFinding, GateCheck } from './check.js'

/** Flow ids per request, to keep URLs short. */
const FLOWS_PER_REQUEST = 100
/** Hits per request: more would only make the answer heavier. */
export const MAX_HITS = 1_000
/** Without a histogram, at most this many pages are read; a count that needs more is not complete. */
const MAX_PAGES = 20

export function errorsQuery(windowMs: number): string {
  return `(severity:error OR level:error) AND gridTimestamp:[now-${Math.ceil(windowMs / 1000)}s TO *]`
}

interface Count {
  /** Exact, or (when `atLeast`) a lower bound already over the budget. */
  total: number
  atLeast: boolean
  perFlow: Map<string, number>
  /** True when some hits were not read: per-flow numbers are lower bounds. */
  partial: boolean
  newest: string[]
}

export const errorBudgetCheck: GateCheck = {
  name: 'errors',
  readsStages: false,
  applies: gate => gate.maxErrors !== undefined,
  fields: ['errors'],
  run: async ({ client, targets, gate, deadline }): Promise<CheckOutcome> => {
    const maxErrors = gate.maxErrors!
    const ids = targets.map(flow => flow.flowId)
    const chunks: string[][] = []
    for (let start = 0; start < ids.length; start += FLOWS_PER_REQUEST) chunks.push(ids.slice(start, start + FLOWS_PER_REQUEST))
    const counts = await mapConcurrently(chunks, chunk => countErrors(client, chunk, gate.errorsWindowMs, maxErrors, deadline))
    const total = counts.reduce((sum, count) => sum + count.total, 0)
    const atLeast = counts.some(count => count.atLeast)
    const partial = counts.some(count => count.partial || count.atLeast)
    const over = total > maxErrors
    const window = formatDuration(gate.errorsWindowMs)
    const perFlow = new Map<string, FlowFinding>()
    for (const id of ids) {
      const count = counts.reduce((sum, part) => sum + (part.perFlow.get(id) ?? 0), 0)
      const shown = partial ? `${count}+` : count
      perFlow.set(id, {
        fields: { errors: count },
        problem: over && count ? `logged ${shown} error${count === 1 ? '' : 's'} in the last ${window}` : undefined
      })
    }
    if (!over) return { perFlow }
    const newest = counts.flatMap(count => count.newest).slice(0, 5)
    return {
      perFlow,
      problem: `${atLeast ? 'more than ' : ''}${atLeast ? maxErrors : total} error${total === 1 && !atLeast ? '' : 's'} in the last ${window}, budget ${maxErrors}`,
      details: newest.length ? ['Newest errors:', ...newest.map(message => `- ${message}`)] : undefined
    }
  }
}

async function countErrors(
  client: AppmixerClient,
  flowIds: readonly string[],
  windowMs: number,
  maxErrors: number,
  deadline?: number
): Promise<Count> {
  const size = Math.min(MAX_HITS, Math.max(maxErrors + 1, 100))
  const count: Count = { total: 0, atLeast: false, perFlow: new Map(), partial: false, newest: [] }
  let read = 0
  for (let page = 0; ; page++) {
    const query: Array<[string, string]> = [
      ...flowIds.map((id): [string, string] => ['flowId', id]),
      ['query', errorsQuery(windowMs)],
      ['size', String(size)],
      ['from', String(read)],
      ['sort', 'gridTimestamp:desc']
    ]
    const body = await client.getJson('/logs', query, deadline)
    const hits = hitsOf(body, client)
    for (const hit of hits) tally(count, hit)
    read += hits.length
    const histogram = bucketTotal(body)
    // The histogram counts every matching record, also those past this page; one that counts
    // fewer than were already read is wrong, and the count goes on by paging.
    if (histogram !== undefined && histogram >= read) {
      count.total = histogram
      count.partial = read < count.total
      // One flow asked about: every record the histogram counts is its own.
      if (count.partial && flowIds.length === 1) {
        count.perFlow.set(flowIds[0], count.total)
        count.partial = false
      }
      return count
    }
    count.total = read
    // Without a histogram only an empty page ends the count: a server may cap a page below the size asked.
    if (hits.length === 0) return count
    if (read > maxErrors) {
      // Over the budget already: the verdict is certain, the rest need not be read.
      count.atLeast = true
      return count
    }
    if (page + 1 >= MAX_PAGES) {
      throw new ActionError(`Could not count errors: GET /logs at ${client.baseUrl.origin} gave more than ${MAX_PAGES} pages of hits`)
    }
  }
}

/** An answer that is not recognisably a logs answer is an unknown count, and never zero. */
function hitsOf(body: unknown, client: AppmixerClient): unknown[] {
  const hits = (body as { hits?: unknown } | null)?.hits
  if (Array.isArray(hits)) return hits
  const shape =
    body === null
      ? 'null'
      : typeof body !== 'object'
        ? typeof body
        : `an object with ${Object.keys(body).slice(0, 5).join(', ') || 'no keys'}`
  throw new ActionError(`Could not count errors: GET /logs at ${client.baseUrl.origin} answered ${visible(shape, 120)}, not {hits: […]}`)
}

/** The sum of the histogram's `doc_count`s, when the answer has a readable one. */
function bucketTotal(body: unknown): number | undefined {
  const buckets = (body as { buckets?: unknown }).buckets
  if (!Array.isArray(buckets)) return undefined
  let total = 0
  for (const bucket of buckets) {
    const docs = (bucket as { doc_count?: unknown } | null)?.doc_count
    if (typeof docs !== 'number' || !Number.isSafeInteger(docs) || docs < 0) return undefined
    total += docs
  }
  return total
}

/** Hits come flat (as documented) or as raw Elasticsearch hits, the record under `_source`. */
function tally(count: Count, hit: unknown): void {
  const record = ((hit as { _source?: unknown } | null)?._source ?? hit ?? {}) as { flowId?: unknown; msg?: unknown; err?: unknown }
  if (typeof record.flowId === 'string') count.perFlow.set(record.flowId, (count.perFlow.get(record.flowId) ?? 0) + 1)
  if (count.newest.length < 5) {
    const message = typeof record.msg === 'string' ? record.msg : typeof record.err === 'string' ? record.err : undefined
    // Redacted before blanks are folded (excerpt): folding first would change a secret's spelling.
    if (message) count.newest.push(excerpt(message, 200))
  }
}
