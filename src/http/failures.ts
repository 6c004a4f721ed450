/** How a request that got no HTTP answer is told: a stable code for the retry policy, and words for the message. */
import { formatDuration } from '../duration.js'
import { ActionError, UnavailableError, visible } from '../errors.js'

export class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT'
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|DEPTH_ZERO/

/** A request that got no HTTP answer; carries a stable code for the retry policy. */
export class NetworkFailure extends Error {
  constructor(
    readonly code: string,
    readonly description: string
  ) {
    super(description)
  }

  static from(error: unknown, timeoutMs: number, cutByDeadline = false): NetworkFailure {
    if (error instanceof TimeoutError) {
      const why = cutByDeadline ? "cut at the wait's deadline plus one 'timeout'" : "the 'timeout' input"
      return new NetworkFailure('ETIMEDOUT', `no answer within ${formatDuration(timeoutMs)} (${why})`)
    }
    const err = error as { code?: string; message?: string; cause?: { code?: string } }
    const code = err.code ?? err.cause?.code ?? 'UNKNOWN'
    switch (code) {
      case 'ENOTFOUND':
        return new NetworkFailure(code, 'the host name does not resolve (ENOTFOUND); check the tenant or base-url input')
      case 'EAI_AGAIN':
        return new NetworkFailure(code, 'DNS lookup failed temporarily (EAI_AGAIN)')
      case 'ECONNREFUSED':
        return new NetworkFailure(code, 'connection refused (ECONNREFUSED)')
      case 'ECONNRESET':
      case 'ERR_STREAM_PREMATURE_CLOSE':
        return new NetworkFailure('ECONNRESET', 'the connection was reset before the answer was complete')
      default:
        if (TLS_CODES.test(code)) {
          return new NetworkFailure(
            code,
            `the TLS certificate was not accepted (${code}); for a private CA, point NODE_EXTRA_CA_CERTS at its PEM file`
          )
        }
        // Node's messages name at most a host and port, never headers; redaction still runs later.
        return new NetworkFailure(code, `${code}: ${visible(err.message ?? 'no details', 300)}`)
    }
  }

  toError(message: string): ActionError {
    return TLS_CODES.test(this.code) ? new ActionError(message) : new UnavailableError(message)
  }
}
