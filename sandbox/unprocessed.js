// @ts-check
/**
 * Unprocessed messages (docs/appmixer-api.md §10): messages that exhausted their retries.
 * `GET /unprocessed-messages?flowId=&offset=&limit=` lists those of the flows the user may see
 * (their own and those shared with them), in the order they were seeded; `flowId` (repeatable)
 * keeps the messages of those flows; `offset` (default 0) and `limit` (default: no limit) page.
 * `GET /unprocessed-messages/:id` answers one, `DELETE` removes it (`{}`), and a retry
 * (`POST /unprocessed-messages/:id`, as the docs give it, or `…/:id/retry`, as the route table
 * does) takes it off the list too (`{}`).
 * Hostile options: `unprocessedIgnoresFlowId` answers every message the user can see whatever
 * `flowId` asks; `unprocessedIgnoresPaging` answers all of them whatever `offset` and `limit` say.
 */

/**
 * @typedef {{messageId: string, flowId: string, componentId: string, messages: object, created: string, err: string}} UnprocessedMessage
 * @typedef {{unprocessedIgnoresFlowId: boolean, unprocessedIgnoresPaging: boolean}} UnprocessedOptions
 * @param {UnprocessedMessage[]} messages
 * @param {{method: string, path: string, query: URLSearchParams}} request
 * @param {(flowId: string) => boolean} canSeeFlow
 * @param {UnprocessedOptions} options
 * @returns {{status: number, body: unknown} | undefined} undefined when the path is not one of these routes
 */
export function routeUnprocessed(messages, request, canSeeFlow, options) {
  const { method, path, query } = request
  if (method === 'GET' && path === '/unprocessed-messages') {
    const flowIds = new Set(options.unprocessedIgnoresFlowId ? [] : query.getAll('flowId'))
    const matching = messages.filter(message => (flowIds.size === 0 || flowIds.has(message.flowId)) && canSeeFlow(message.flowId))
    if (options.unprocessedIgnoresPaging) return { status: 200, body: matching }
    const offset = Number(query.get('offset') ?? 0)
    const limit = query.get('limit') === null ? Infinity : Number(query.get('limit'))
    if (!Number.isInteger(offset) || offset < 0 || !(Number.isInteger(limit) || limit === Infinity) || limit < 0) {
      return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'child "offset" / "limit" must be a whole number' } }
    }
    return { status: 200, body: matching.slice(offset, offset + limit) }
  }
  const match = /^\/unprocessed-messages\/([^/]+)(\/retry)?$/.exec(path)
  if (!match) return undefined
  const at = messages.findIndex(message => message.messageId === match[1] && canSeeFlow(message.flowId))
  if (at < 0) return { status: 404, body: { statusCode: 404, error: 'Not Found', message: `Message ${match[1]} not found.` } }
  if (method === 'GET' && !match[2]) return { status: 200, body: messages[at] }
  if ((method === 'DELETE' && !match[2]) || method === 'POST') {
    messages.splice(at, 1)
    return { status: 200, body: {} }
  }
  return undefined
}
