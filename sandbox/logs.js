// @ts-check
/**
 * `GET /logs` as Insights answers it from Elasticsearch (docs/appmixer-api.md §9): a Lucene
 * `query` (see luceneMatcher), `flowId` (repeatable), `sort`, `from` and `size`, and the answer
 * `{buckets, hits}`.
 * - Which records a user sees: those of a flow they may see (their own or shared with them), and
 *   records without a `flowId` (an unattributed error) that carry no `userId` or the user's.
 * - `flowId` params: a record matches when its `flowId` is one of them; so with any `flowId`
 *   param, records without a flowId never match. Without one, all the user sees.
 * - `size` defaults to 50 and is cut to the cap (`logsMaxSize`, 1,000) without a word, as a
 *   server that limits its answers does; `from` is an offset into the sorted matches.
 * - `buckets` is a per-minute date histogram (on `gridTimestamp`, else `@timestamp`) of every
 *   record the query matches, not only the page: `{key_as_string, key, doc_count}`, oldest first,
 *   empty minutes left out. The `doc_count`s add up to the exact total (records with neither
 *   timestamp are in no bucket). `logsWithoutBuckets` leaves `buckets` out of the answer.
 * - `rawLogHits` answers each hit as Elasticsearch does, `{_index, _id, _source}`, with the level
 *   in `level`.
 */
import { QueryError, luceneMatcher, sortBy } from './queries.js'

/**
 * @typedef {{rawLogHits: boolean, logsWithoutBuckets: boolean, logsMaxSize: number}} LogOptions
 * @param {any[]} logs
 * @param {{id: string}} user
 * @param {URLSearchParams} query
 * @param {{canSeeFlow: (flowId: string) => boolean, nowMs: number, options: LogOptions}} context
 * @returns {{status: number, body: unknown}}
 */
export function queryLogs(logs, user, query, { canSeeFlow, nowMs, options }) {
  const flowIds = new Set(query.getAll('flowId'))
  const from = whole(query.get('from'), 0)
  const size = whole(query.get('size'), 50)
  if (from === undefined || size === undefined) return badRequest('child "size" / "from" must be a whole number, at least 0')
  let matches
  try {
    matches = luceneMatcher(query.get('query') ?? '', nowMs)
  } catch (error) {
    if (error instanceof QueryError) return badRequest(error.message)
    throw error
  }
  /** @type {Map<string, boolean>} */
  const seen = new Map()
  const visible = (/** @type {any} */ record) => {
    if (typeof record.flowId !== 'string') return record.userId === undefined || record.userId === user.id
    let can = seen.get(record.flowId)
    if (can === undefined) seen.set(record.flowId, (can = canSeeFlow(record.flowId)))
    return can
  }
  const hits = logs.filter(record => (flowIds.size === 0 || flowIds.has(record.flowId)) && visible(record) && matches(record))
  const sorted = query.getAll('sort').length ? sortBy(hits, query.getAll('sort')) : hits
  const page = sorted.slice(from, from + Math.min(size, options.logsMaxSize))
  const shown = options.rawLogHits ? page.map((record, index) => rawHit(record, from + index)) : page
  return { status: 200, body: options.logsWithoutBuckets ? { hits: shown } : { buckets: perMinute(hits), hits: shown } }
}

/** @param {string | null} text @param {number} fallback */
function whole(text, fallback) {
  if (text === null) return fallback
  const value = Number(text)
  return Number.isInteger(value) && value >= 0 ? value : undefined
}

/** @param {string} message */
function badRequest(message) {
  return { status: 400, body: { statusCode: 400, error: 'Bad Request', message } }
}

/** A record as a raw Elasticsearch hit: under `_source`, the level in `level`. @param {any} record @param {number} position */
function rawHit(record, position) {
  const { severity, _id, _index, ...rest } = record
  return { _index: _index ?? 'appmixer-2026', _id: _id ?? `hit-${position}`, _source: { ...rest, level: rest.level ?? severity } }
}

/** A date histogram with one bucket per minute that has records. @param {any[]} records */
function perMinute(records) {
  /** @type {Map<number, number>} */
  const counts = new Map()
  for (const record of records) {
    const time = Date.parse(record.gridTimestamp ?? record['@timestamp'])
    if (Number.isNaN(time)) continue
    const key = time - (((time % 60_000) + 60_000) % 60_000)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].sort(([a], [b]) => a - b).map(([key, doc_count]) => ({ key_as_string: new Date(key).toISOString(), key, doc_count }))
}
