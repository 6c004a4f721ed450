/** Names of requests in messages: method and path, the query decoded so a person can read it. */
import { visible } from '../errors.js'
import type { HttpRequest } from './types.js'

/**
 * `GET /flows?projection=flowId,name&limit=101`: what a message names as the request, its query
 * decoded so a person can read it, and cut short (a URL can be huge).
 */
export function describe(request: Pick<HttpRequest, 'method' | 'url'>): string {
  return `${request.method} ${visible(request.url.pathname + readableQuery(request.url.search), 200)}`
}

function readableQuery(search: string): string {
  try {
    return decodeURIComponent(search.replace(/\+/g, ' '))
  } catch {
    return search
  }
}
