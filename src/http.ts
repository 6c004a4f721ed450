/**
 * The one place that talks HTTP: a per-request timeout, the retry policy, one keep-alive
 * connection (through the proxy the runner is configured with, if any), redirects that never
 * carry the token to another origin, and errors that say what failed in words.
 */
import { HttpClient } from '@actions/http-client'
import fetch, { type RequestInit } from 'node-fetch'
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
  readonly sleep?: (ms: number) => Promise<void>
  readonly now?: () => number
}

const MAX_REDIRECTS = 5

export class HttpTransport {
  // @actions/http-client knows HTTPS_PROXY, HTTP_PROXY and NO_PROXY the way the runner does;
  // we borrow its agent (keep-alive, so sign-in and every later call share one connection).
  private readonly agents = new HttpClient('appmixer-action', [], { keepAlive: true })
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>

  constructor(private readonly options: TransportOptions) {
    this.now = options.now ?? Date.now
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)))
  }

  /**
   * Sends the request, retrying transient failures. `deadline` (epoch ms) bounds the waits
   * between attempts, so a poll loop never overruns its own deadline by more than one timeout.
   */
  async send(request: HttpRequest, deadline = Number.POSITIVE_INFINITY): Promise<HttpResponse> {
    const total = this.options.retries + 1
    for (let attemptNumber = 1; ; attemptNumber++) {
      let attempt: Attempt
      let response: HttpResponse | undefined
      let failure: NetworkFailure | undefined
      try {
        response = await this.sendOnce(request)
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
        await this.sleep(wait)
        continue
      }
      if (response) return response
      const tries = attemptNumber > 1 ? ` after ${attemptNumber} attempts` : ''
      throw failure!.toError(`${describe(request)} at ${request.url.origin} failed${tries}: ${reason}`)
    }
  }

  close(): void {
    this.agents.dispose()
  }

  private async sendOnce(request: HttpRequest, redirects = 0): Promise<HttpResponse> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs)
    const init: RequestInit = {
      method: request.method,
      headers: { 'user-agent': this.options.userAgent, accept: 'application/json', ...request.headers },
      body: request.body,
      redirect: 'manual',
      signal: controller.signal,
      agent: url => this.agents.getAgent(url.href)
    }
    const started = this.now()
    try {
      const res = await fetch(request.url.href, init)
      const location = res.headers.get('location')
      if (res.status >= 300 && res.status < 400 && location) {
        res.body?.resume()
        return await this.followRedirect(request, new URL(location, request.url), redirects)
      }
      const text = await res.text()
      this.options.debug?.(`${describe(request)} at ${request.url.origin} → ${res.status} ${res.statusText}, ${text.length} characters in ${this.now() - started}ms`)
      return {
        status: res.status,
        statusText: res.statusText,
        contentType: res.headers.get('content-type') ?? '',
        retryAfter: res.headers.get('retry-after'),
        text
      }
    } catch (error) {
      if (error instanceof ActionError) throw error
      throw NetworkFailure.from(error, this.options.timeoutMs)
    } finally {
      clearTimeout(timer)
    }
  }

  private followRedirect(request: HttpRequest, target: URL, redirects: number): Promise<HttpResponse> {
    if (target.origin !== request.url.origin) {
      throw new ActionError(
        `${describe(request)} at ${request.url.origin} was redirected to ${target.origin}; not followed, so the token ` +
          'is sent only to the configured host. If Appmixer moved, update tenant or base-url'
      )
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new ActionError(`${describe(request)} at ${request.url.origin} was redirected to ${target.pathname}; only GET and HEAD are followed`)
    }
    if (redirects >= MAX_REDIRECTS) throw new ActionError(`${describe(request)} at ${request.url.origin}: more than ${MAX_REDIRECTS} redirects`)
    return this.sendOnce({ ...request, url: target }, redirects + 1)
  }
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

  static from(error: unknown, timeoutMs: number): NetworkFailure {
    const err = error as { name?: string; code?: string; message?: string }
    if (err.name === 'AbortError') return new NetworkFailure('ETIMEDOUT', `no answer within ${formatDuration(timeoutMs)} (the 'timeout' input)`)
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
          return new NetworkFailure(code, `the TLS certificate was not accepted (${code}); for a private CA, point NODE_EXTRA_CA_CERTS at its PEM file`)
        }
        // node-fetch messages name the URL only, never headers; redaction still runs later.
        return new NetworkFailure(code, `${code}: ${(err.message ?? '').replace(/^request to \S+ failed, reason: /, '')}`)
    }
  }

  toError(message: string): ActionError {
    return TLS_CODES.test(this.code) ? new ActionError(message) : new UnavailableError(message)
  }
}
