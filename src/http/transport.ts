/**
 * The one place that talks HTTP, on `node-fetch`: a per-attempt timeout (an `AbortSignal` on
 * the step's clock), the retry policy of retry.ts, one keep-alive agent for sign-in and every
 * call (through the proxy the runner is configured with, if any), redirects that never carry the
 * token to another origin, and errors that say what failed in words.
 *
 * Only a step behind a proxy loads `@actions/http-client`'s client, for its tunnelling agent, so
 * proxies behave exactly as the runner's own tools expect.
 */
import http from 'node:http'
import https from 'node:https'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import fetch from 'node-fetch'
import type { Clock } from '../clock.js'
import { formatDuration } from '../duration.js'
import { ActionError } from '../errors.js'
import { DEFAULT_BACKOFF, delayBeforeRetry, isRetryable, parseRetryAfter, type Attempt, type Backoff } from '../retry.js'
import { readBody } from './body.js'
import { describe } from './describe.js'
import { NetworkFailure, TimeoutError } from './failures.js'
import { redirectTarget } from './redirects.js'
import type { BodySink, HttpRequest, HttpResponse } from './types.js'

export interface TransportOptions {
  readonly userAgent: string
  readonly timeoutMs: number
  readonly retries: number
  /** The step's clock: deadlines, back-off waits and each attempt's timeout. */
  readonly clock: Clock
  /** One line per retry, for the step log. */
  readonly log: (line: string) => void
  /** One line per request and answer, in debug mode. Never headers or bodies. */
  readonly debug?: (line: string) => void
  /** Redacts the step's secrets in raw text from the server (a `Location`) before it is parsed for a message. */
  readonly redact?: (text: string) => string
  readonly backoff?: Backoff
  readonly random?: () => number
  /** The largest decoded answer read (MAX_BODY_BYTES unless a test wants a smaller one). */
  readonly maxBodyBytes?: number
}

interface ProxyAgents {
  getAgent(url: string): http.Agent
  dispose(): void
}

/** What one attempt came to: an answer, or a failure to get one. */
type Tried =
  { readonly attempt: Attempt; readonly response: HttpResponse } | { readonly attempt: Attempt; readonly failure: NetworkFailure }

export class HttpTransport {
  // Keep-alive, so sign-in and every later call share the connections.
  private readonly direct = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) }
  private proxied?: Promise<ProxyAgents>

  constructor(private readonly options: TransportOptions) {}

  /**
   * Sends the request, retrying transient failures. `deadline` (epoch ms) is a wait's end: no
   * retry starts after it, and no attempt runs more than one `timeout` past it, so a gate ends
   * within its wait plus one timeout however many requests a poll makes.
   */
  async send(request: HttpRequest, deadline = Number.POSITIVE_INFINITY, sink?: BodySink): Promise<HttpResponse> {
    const { clock } = this.options
    const total = this.options.retries + 1
    for (let attemptNumber = 1; ; attemptNumber++) {
      const tried = await this.tryOnce(request, deadline, sink)
      const reason = 'response' in tried ? `${tried.response.status} ${tried.response.statusText}` : tried.failure.description
      const remaining = deadline - clock.now()
      if (attemptNumber < total && isRetryable(request.method, tried.attempt) && remaining > 0) {
        const retryAfterMs = 'response' in tried ? parseRetryAfter(tried.response.retryAfter, clock.now()) : undefined
        const random = (this.options.random ?? Math.random)()
        const wait = delayBeforeRetry(attemptNumber, this.options.backoff ?? DEFAULT_BACKOFF, random, retryAfterMs, remaining)
        this.options.log(`${describe(request)}: ${reason} (attempt ${attemptNumber} of ${total}); retrying in ${formatDuration(wait)}`)
        await clock.sleep(wait)
        continue
      }
      if ('response' in tried) return tried.response
      const tries = attemptNumber > 1 ? ` after ${attemptNumber} attempts` : ''
      throw tried.failure.toError(`${describe(request)} at ${request.url.origin} failed${tries}: ${reason}`)
    }
  }

  close(): void {
    this.direct['http:'].destroy()
    this.direct['https:'].destroy()
    void this.proxied?.then(client => client.dispose())
  }

  /** One attempt within what is left of the deadline plus one `timeout`. */
  private async tryOnce(request: HttpRequest, deadline: number, sink?: BodySink): Promise<Tried> {
    try {
      const timeLeft = deadline + this.options.timeoutMs - this.options.clock.now()
      if (timeLeft <= 0) throw new NetworkFailure('ETIMEDOUT', "not sent: the wait's deadline and one 'timeout' have passed")
      const timeoutMs = Math.min(this.options.timeoutMs, timeLeft)
      const response = await this.attempt(request, timeoutMs, timeoutMs < this.options.timeoutMs, sink)
      return { attempt: { kind: 'response', status: response.status, retryAfter: response.retryAfter }, response }
    } catch (error) {
      if (!(error instanceof NetworkFailure)) throw error
      return { attempt: { kind: 'network', code: error.code }, failure: error }
    }
  }

  /** The agent for a URL: direct, or through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY says not. */
  private async agentFor(url: URL): Promise<http.Agent> {
    if (!getProxyUrl(url)) return this.direct[url.protocol as 'http:' | 'https:']
    this.proxied ??= import('@actions/http-client').then(({ HttpClient }) => new HttpClient('appmixer-action', [], { keepAlive: true }))
    return (await this.proxied).getAgent(url.href)
  }

  /** One attempt: the request, its redirects within the origin, and the whole answer, all within `timeoutMs`. */
  private async attempt(request: HttpRequest, timeoutMs: number, cutByDeadline: boolean, sink?: BodySink): Promise<HttpResponse> {
    const { clock } = this.options
    const started = clock.now()
    const controller = new AbortController()
    const cancel = clock.after(timeoutMs, () => controller.abort())
    try {
      let current = request
      for (let redirects = 0; ; redirects++) {
        const response = await fetch(current.url.href, {
          method: current.method,
          headers: { 'user-agent': this.options.userAgent, accept: 'application/json', ...current.headers },
          body: current.body,
          agent: await this.agentFor(current.url),
          redirect: 'manual',
          signal: controller.signal
        })
        const location = response.headers.get('location')
        if (response.status >= 300 && response.status < 400 && location) {
          response.body?.resume()
          current = { ...current, url: redirectTarget(current, location, redirects, this.options.redact ?? (text => text)) }
          continue
        }
        const ok = response.status >= 200 && response.status < 300
        const body = await readBody(response, ok ? sink : undefined, this.options.maxBodyBytes)
        this.options.debug?.(
          `${describe(current)} at ${current.url.origin} → ${response.status} ${response.statusText}, ${body.bytes} bytes in ${clock.now() - started}ms`
        )
        return {
          status: response.status,
          statusText: response.statusText,
          contentType: response.headers.get('content-type') ?? '',
          retryAfter: response.headers.get('retry-after'),
          ...body
        }
      }
    } catch (error) {
      if (error instanceof ActionError) throw error
      throw NetworkFailure.from(controller.signal.aborted ? new TimeoutError() : error, timeoutMs, cutByDeadline)
    } finally {
      cancel()
    }
  }
}
