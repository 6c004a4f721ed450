/**
 * Appmixer has no token refresh: a given token that has expired fails before any call, and one
 * that expires before the wait can end is a warning with both times.
 */
import { tokenExpiry } from './appmixer.js'
import { isoTime } from './clock.js'
import type { Config } from './config/index.js'
import { InputError } from './errors.js'
import type { Runner } from './runner.js'

export function checkTokenLifetime(config: Config, now: number, runner: Runner): void {
  if (config.credentials.kind !== 'token') return
  const expires = tokenExpiry(config.credentials.token)
  if (expires === undefined) return
  if (expires <= now) {
    throw new InputError(
      'token',
      `expired at ${isoTime(expires)} (it is now ${isoTime(now)}); Appmixer has no refresh, so sign in again for a new one`
    )
  }
  const { waitMs } = config.waiting
  const lastNeeded = now + waitMs + config.timeoutMs
  if (waitMs > 0 && expires < lastNeeded) {
    runner.warning(
      `Input 'token' expires at ${isoTime(expires)}, before the wait can end (${isoTime(lastNeeded)}); ` +
        'Appmixer has no refresh, so checks after that will fail. Use username and password, or a fresher token'
    )
  }
}
