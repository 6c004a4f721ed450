/**
 * The one place that talks HTTP: a per-request timeout, the retry policy, one keep-alive
 * connection (through the proxy the runner is configured with, if any), redirects that never
 * carry the token to another origin, and errors that say what failed in words.
 *
 * Built on node:http rather than a fetch library: it is all the action needs, and it costs no
 * start-up time (docs/benchmarks.md). Only a step behind a proxy loads `@actions/http-client`,
 * for its tunnelling agent, so proxies behave exactly as the runner's own tools expect.
 */
import http from 'node:http'
import https from 'node:https'
import { pipeline } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import zlib from 'node:zlib'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import type { Clock } from './clock.js'
import { ActionError, UnavailableError } from './errors.js'
import { formatDuration } from './duration.js'
import { DEFAULT_BACKOFF, delayBeforeRetry, isRetryable, parseRetryAfter, type Attempt, type Backoff } from './retry.js'

export interface HttpRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
}

export interface HttpResponse {
  readonly status: number
  readonly statusText: string
  readonly contentType: string
  readonly retryAfter?: string | null
  readonly text: string
}

export interface TransportOptions {
  readonly userAgent: string
  readonly timeoutMs: number
  readonly retries: number
  /** One line per retry, for the step log. */
  readonly log: (line: string) => void
  /** One line per request and answer, in debug mode. Never headers or bodies. */
  readonly debug?: (line: string) => void
  readonly backoff?: Backoff
  readonly random?: () => number
  /** The step's clock: deadlines, back-off waits and each attempt's timeout. */
  readonly clock: Clock
}

const MAX_REDIRECTS = 5

export class HttpTransport {
  // Keep-alive, so sign-in and every later call share one connection.
  private readonly direct = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) }
  private proxied?: Promise<{ getAgent(url: string): http.Agent; dispose(): void }>
  private readonly now: () => number

  constructor(private readonly options: TransportOptions) {
    this.now = () => options.clock.now()
  }

  /**
   * Sends the request, retrying transient failures. `deadline` (epoch ms) is a wait's end: no
   * retry starts after it, and no attempt runs more than one `timeout` past it, so a gate ends
   * within its wait plus one timeout however many requests a poll makes.
   */
  async send(request: HttpRequest, deadline = Number.POSITIVE_INFINITY): Promise<HttpResponse> {
    const total = this.options.retries + 1
    const hardStop = deadline + this.options.timeoutMs
    for (let attemptNumber = 1; ; attemptNumber++) {
      let attempt: Attempt
      let response: HttpResponse | undefined
      let failure: NetworkFailure | undefined
      try {
        const timeLeft = hardStop - this.now()
        if (timeLeft <= 0) throw new NetworkFailure('ETIMEDOUT', "not sent: the wait's deadline and one 'timeout' have passed")
        response = await this.sendOnce(request, Math.min(this.options.timeoutMs, timeLeft))
        attempt = { kind: 'response', status: response.status, retryAfter: response.retryAfter }
      } catch (error) {
        if (!(error instanceof NetworkFailure)) throw error
        failure = error
        attempt = { kind: 'network', code: error.code }
      }
      const reason = response ? `${response.status} ${response.statusText}` : failure!.description
      const remaining = deadline - this.now()
      if (attemptNumber < total && isRetryable(request.method, attempt) && remaining > 0) {
        const retryAfterMs = response ? parseRetryAfter(response.retryAfter, this.now()) : undefined
        const random = (this.options.random ?? Math.random)()
        const wait = delayBeforeRetry(attemptNumber, this.options.backoff ?? DEFAULT_BACKOFF, random, retryAfterMs, remaining)
        this.options.log(`${describe(request)}: ${reason} (attempt ${attemptNumber} of ${total}); retrying in ${formatDuration(wait)}`)
        await this.options.clock.sleep(wait)
        continue
      }
      if (response) return response
      const tries = attemptNumber > 1 ? ` after ${attemptNumber} attempts` : ''
      throw failure!.toError(`${describe(request)} at ${request.url.origin} failed${tries}: ${reason}`)
    }
  }

  close(): void {
    this.direct['http:'].destroy()
    this.direct['https:'].destroy()
    void this.proxied?.then(client => client.dispose())
  }

  /** The agent for a URL: direct, or through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY says not. */
  private async agentFor(url: URL): Promise<http.Agent> {
    if (!getProxyUrl(url)) return this.direct[url.protocol as 'http:' | 'https:']
    this.proxied ??= import('@actions/http-client').then(({ HttpClient }) => new HttpClient('appmixer-action', [], { keepAlive: true }))
    return (await this.proxied).getAgent(url.href)
  }

  private async sendOnce(request: HttpRequest, timeoutMs: number, redirects = 0): Promise<HttpResponse> {
    const agent = await this.agentFor(request.url)
    const started = this.now()
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate, br',
      ...request.headers
    }
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body))
    let answer: Answer
    try {
      answer = await exchange(request, headers, agent, timeoutMs, this.options.clock)
    } catch (error) {
      throw NetworkFailure.from(error, timeoutMs, timeoutMs < this.options.timeoutMs)
    }
    const location = answer.headers.location
    if (answer.status >= 300 && answer.status < 400 && location) {
      const target = URL.canParse(location, request.url.href) ? new URL(location, request.url) : undefined
      if (!target) throw new ActionError(`${describe(request)} at ${request.url.origin} redirected to an unreadable location`)
      return this.followRedirect(request, target, timeoutMs, redirects)
    }
    this.options.debug?.(
      `${describe(request)} at ${request.url.origin} → ${answer.status} ${answer.statusText}, ${answer.text.length} characters in ${this.now() - started}ms`
    )
    const contentType = answer.headers['content-type']
    const retryAfter = answer.headers['retry-after']
    return {
      status: answer.status,
      statusText: answer.statusText,
      contentType: contentType ?? '',
      retryAfter: retryAfter ?? null,
      text: answer.text
    }
  }

  private followRedirect(request: HttpRequest, target: URL, timeoutMs: number, redirects: number): Promise<HttpResponse> {
    if (target.origin !== request.url.origin) {
      throw new ActionError(
        `${describe(request)} at ${request.url.origin} was redirected to ${target.origin}; not followed, so the token ` +
          'is sent only to the configured host. If Appmixer moved, update tenant or base-url'
      )
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new ActionError(
        `${describe(request)} at ${request.url.origin} was redirected to ${target.pathname}; only GET and HEAD are followed`
      )
    }
    if (redirects >= MAX_REDIRECTS)
      throw new ActionError(`${describe(request)} at ${request.url.origin}: more than ${MAX_REDIRECTS} redirects`)
    return this.sendOnce({ ...request, url: target }, timeoutMs, redirects + 1)
  }
}

interface Answer {
  readonly status: number
  readonly statusText: string
  readonly headers: http.IncomingHttpHeaders
  readonly text: string
}

class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT'
}

/** One request and its whole (decompressed) answer; the timeout covers both. */
function exchange(
  request: HttpRequest,
  headers: Record<string, string>,
  agent: http.Agent,
  timeoutMs: number,
  clock: Clock
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const send = request.url.protocol === 'https:' ? https.request : http.request
    const req = send(request.url, { method: request.method, headers, agent }, res => {
      // Decoded as it arrives: no second copy of a large body as one Buffer.
      const decoder = new StringDecoder('utf8')
      let text = ''
      const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase()
      const decompress =
        encoding === 'gzip'
          ? zlib.createGunzip()
          : encoding === 'deflate'
            ? zlib.createInflate()
            : encoding === 'br'
              ? zlib.createBrotliDecompress()
              : undefined
      const body = decompress ? pipeline(res, decompress, () => undefined) : res
      body.on('data', (chunk: Buffer) => (text += decoder.write(chunk)))
      body.on('error', fail)
      res.on('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })))
      body.on('end', () => {
        cancelTimer()
        text += decoder.end()
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, text })
      })
    })
    function fail(error: Error): void {
      cancelTimer()
      req.destroy()
      reject(error)
    }
    const cancelTimer = clock.after(timeoutMs, () => fail(new TimeoutError()))
    req.on('error', fail)
    req.end(request.body)
  })
}

/** `GET /flows?limit=100`: what a message names as the request. */
export function describe(request: Pick<HttpRequest, 'method' | 'url'>): string {
  return `${request.method} ${request.url.pathname}${request.url.search}`
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|DEPTH_ZERO/

/** A request that got no HTTP answer; carries a stable code for the retry policy. */
class NetworkFailure extends Error {
  constructor(
    readonly code: string,
    readonly description: string
  ) {
    super(description)
  }

  static from(error: unknown, timeoutMs: number, cutByDeadline = false): NetworkFailure {
    const err = error as { code?: string; message?: string }
    if (error instanceof TimeoutError) {
      const why = cutByDeadline ? "cut at the wait's deadline plus one 'timeout'" : "the 'timeout' input"
      return new NetworkFailure('ETIMEDOUT', `no answer within ${formatDuration(timeoutMs)} (${why})`)
    }
    const code = err.code ?? 'UNKNOWN'
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
        return new NetworkFailure(code, `${code}: ${err.message ?? 'no details'}`)
    }
  }

  toError(message: string): ActionError {
    return TLS_CODES.test(this.code) ? new ActionError(message) : new UnavailableError(message)
  }
}
