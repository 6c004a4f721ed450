/**
 * Errors of the gated flows in Insights logs: `GET /logs` with the flow ids and a Lucene query
 * on `severity:error` within the window (shared/appmixer-api.md §5). Note: a self-managed
 * install with Insights logging off records nothing, and the count is then always zero.
 */
import type { AppmixerClient } from '../appmixer.js'
import { ActionError, visible } from '../errors.js'

/** Flow ids per request, to keep URLs short. */
const FLOWS_PER_REQUEST = 100
/** Hits per request: counting more than this would only make the answer heavier. */
export const MAX_COUNTED = 1_000

export interface ErrorCount {
  readonly perFlow: ReadonlyMap<string, number>
  /** True when a request hit MAX_COUNTED: the real numbers may be higher. */
  readonly capped: boolean
}

interface LogRecord {
  readonly flowId: string
  readonly severity?: unknown
  readonly level?: unknown
}

/** Hits come flat (as documented) or as raw Elasticsearch hits, the record under `_source`. */
function logRecord(hit: unknown): LogRecord | undefined {
  const record = ((hit as { _source?: unknown })?._source ?? hit) as Partial<LogRecord> | null
  return typeof record?.flowId === 'string' ? (record as LogRecord) : undefined
}

/** The level is in `severity` or `level`; a hit with neither was chosen by the query, so it counts. */
function isError(record: LogRecord): boolean {
  const level = record.severity ?? record.level
  return level === undefined || (typeof level === 'string' && level.toLowerCase() === 'error')
}

/** `since` is an ISO 8601 time. */
export function errorsQuery(since: string): string {
  return `severity:error AND gridTimestamp:[${since} TO *]`
}

export async function countErrors(
  client: AppmixerClient,
  flowIds: readonly string[],
  maxErrors: number,
  since: string,
  deadline?: number
): Promise<ErrorCount> {
  const perFlow = new Map<string, number>()
  let capped = false
  // One hit more than the budget decides the gate; a hundred give useful counts for the table.
  const size = Math.min(MAX_COUNTED, Math.max(maxErrors + 1, 100))
  for (let start = 0; start < flowIds.length; start += FLOWS_PER_REQUEST) {
    const query: Array<[string, string]> = [
      ...flowIds.slice(start, start + FLOWS_PER_REQUEST).map((id): [string, string] => ['flowId', id]),
      ['query', errorsQuery(since)],
      ['size', String(size)],
      ['sort', 'gridTimestamp:desc']
    ]
    const body = (await client.getJson('/logs', query, deadline)) as { hits?: unknown } | null
    // An answer that is not recognisably a logs answer is an unknown count, and never zero.
    if (!Array.isArray(body?.hits)) {
      const shape =
        body === null
          ? 'null'
          : typeof body !== 'object'
            ? typeof body
            : `an object with ${Object.keys(body).slice(0, 5).join(', ') || 'no keys'}`
      throw new ActionError(
        `Could not count errors: GET /logs at ${client.baseUrl.origin} answered ${visible(shape, 120)}, not {hits: […]}`
      )
    }
    const hits = body.hits as unknown[]
    if (hits.length >= size) capped = true
    for (const hit of hits) {
      const record = logRecord(hit)
      if (record && isError(record)) perFlow.set(record.flowId, (perFlow.get(record.flowId) ?? 0) + 1)
    }
  }
  return { perFlow, capped }
}
