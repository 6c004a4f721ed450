/**
 * Redirects within the configured origin only: the token is never carried to another host. A
 * `Location` is redacted before it is parsed for a message, since the URL parser re-encodes
 * whatever a server echoed into it (a password among it) in a spelling of its own.
 */
import { ActionError, visible } from '../errors.js'
import { describe } from './describe.js'
import type { HttpRequest } from './types.js'

const MAX_REDIRECTS = 5

/** Where a redirect leads, if it may be followed: same origin, GET or HEAD, a few times at most. */
export function redirectTarget(request: HttpRequest, location: string, redirects: number, redact: (text: string) => string): URL {
  const from = `${describe(request)} at ${request.url.origin}`
  if (!URL.canParse(location, request.url.href)) throw new ActionError(`${from} redirected to an unreadable location`)
  const target = new URL(location, request.url)
  // What a message shows of the target: parsed from the redacted text, never from the raw one.
  const shown = URL.canParse(redact(location), request.url.href) ? new URL(redact(location), request.url) : undefined
  if (target.origin !== request.url.origin) {
    throw new ActionError(
      `${from} was redirected to ${shown ? visible(shown.origin, 120) : 'another host'}; not followed, so the token is sent only to the configured host. ` +
        'If Appmixer moved, update tenant or base-url'
    )
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    throw new ActionError(
      `${from} was redirected to ${shown ? visible(shown.pathname, 120) : 'another path'}; only GET and HEAD are followed`
    )
  }
  if (redirects >= MAX_REDIRECTS) throw new ActionError(`${from}: more than ${MAX_REDIRECTS} redirects`)
  return target
}
