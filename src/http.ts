/**
 * The one place that talks HTTP, on `node-fetch`: a per-attempt timeout (an `AbortSignal` on
 * the step's clock), the retry policy, one keep-alive connection for sign-in and every call
 * (through the proxy the runner is configured with, if any), redirects that never carry the
 * token to another origin, and errors that say what failed in words.
 *
 * Only a step behind a proxy loads `@actions/http-client`'s client, for its tunnelling agent, so
 * proxies behave exactly as the runner's own tools expect.
 */
import http from 'node:http'
import https from 'node:https'
import { StringDecoder } from 'node:string_decoder'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import fetch, { type Response } from 'node-fetch'
import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import { ActionError, UnavailableError, visible } from './errors.js'
import { DEFAULT_BACKOFF, delayBeforeRetry, isRetryable, parseRetryAfter, type Attempt, type Backoff } from './retry.js'

export interface HttpRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string | Buffer
}

export interface HttpResponse {
  readonly status: number
  readonly statusText: string
  readonly contentType: string
  readonly retryAfter?: string | null
  /** The body as text: whole, unless a `BodySink` took it and asked for no copy. */
  readonly text: string
  /** Length of the (decompressed) body in bytes. */
  readonly bytes: number
  /** False when `text` is not the whole body (it went only to a sink). */
  readonly complete: boolean
}

/**
 * Where a successful answer's body goes as it arrives (a response file), so a large body need
 * not be held in memory. A retried attempt calls `begin` again, and the sink starts over.
 */
export interface BodySink {
  begin(): Promise<void>
  write(chunk: string): Promise<void>
  /** Whether the caller still needs the body as text, once `bytes` have arrived. */
  keepsText(bytes: number): boolean
  end(): Promise<void>
}

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
  readonly backoff?: Backoff
  readonly random?: () => number
}

const MAX_REDIRECTS = 5

interface ProxyAgents {
  getAgent(url: string): http.Agent
  dispose(): void
}

export class HttpTransport {
  // Keep-alive, so sign-in and every later call share one connection.
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
    const hardStop = deadline + this.options.timeoutMs
    for (let attemptNumber = 1; ; attemptNumber++) {
      let attempt: Attempt
      let response: HttpResponse | undefined
      let failure: NetworkFailure | undefined
      try {
        const timeLeft = hardStop - clock.now()
        if (timeLeft <= 0) throw new NetworkFailure('ETIMEDOUT', "not sent: the wait's deadline and one 'timeout' have passed")
        const timeoutMs = Math.min(this.options.timeoutMs, timeLeft)
        response = await this.attempt(request, timeoutMs, timeoutMs < this.options.timeoutMs, sink)
        attempt = { kind: 'response', status: response.status, retryAfter: response.retryAfter }
      } catch (error) {
        if (!(error instanceof NetworkFailure)) throw error
        failure = error
        attempt = { kind: 'network', code: error.code }
      }
      const reason = response ? `${response.status} ${response.statusText}` : failure!.description
      const remaining = deadline - clock.now()
      if (attemptNumber < total && isRetryable(request.method, attempt) && remaining > 0) {
        const retryAfterMs = response ? parseRetryAfter(response.retryAfter, clock.now()) : undefined
        const random = (this.options.random ?? Math.random)()
        const wait = delayBeforeRetry(attemptNumber, this.options.backoff ?? DEFAULT_BACKOFF, random, retryAfterMs, remaining)
        this.options.log(`${describe(request)}: ${reason} (attempt ${attemptNumber} of ${total}); retrying in ${formatDuration(wait)}`)
        await clock.sleep(wait)
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
          current = { ...current, url: redirectTarget(current, location, redirects) }
          continue
        }
        const ok = response.status >= 200 && response.status < 300
        const body = await readBody(response, ok ? sink : undefined)
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

/**
 * Reads a body as it arrives: into a sink (a file) as text, and as bytes in one growing buffer
 * unless the sink says the text is not needed. The bytes are decoded once at the end: one copy
 * of the body in memory at a time, not a list of pieces and then their join.
 */
async function readBody(response: Response, sink?: BodySink): Promise<Pick<HttpResponse, 'text' | 'bytes' | 'complete'>> {
  const decoder = sink ? new StringDecoder('utf8') : undefined
  const length = Number(response.headers.get('content-length'))
  // The announced length sizes the buffer, within reason: a server could announce anything.
  const kept = new GrowingBuffer(Number.isSafeInteger(length) && length > 0 ? Math.min(length, 128 * 2 ** 20) : 64 * 1024)
  let bytes = 0
  let keep = true
  await sink?.begin()
  for await (const chunk of response.body ?? []) {
    const buffer = chunk as Buffer
    bytes += buffer.length
    if (sink) await sink.write(decoder!.write(buffer))
    keep &&= !sink || sink.keepsText(bytes)
    if (keep) kept.append(buffer)
    else kept.clear()
  }
  if (sink) {
    const rest = decoder!.end()
    if (rest) await sink.write(rest)
    await sink.end()
  }
  return { text: keep ? kept.text() : '', bytes, complete: keep }
}

/** Bytes appended into one buffer that doubles when full (a body whose length was not told). */
class GrowingBuffer {
  private buffer: Buffer
  private length = 0

  constructor(initial: number) {
    this.buffer = Buffer.allocUnsafe(initial)
  }

  append(chunk: Buffer): void {
    if (this.length + chunk.length > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + chunk.length))
      this.buffer.copy(grown, 0, 0, this.length)
      this.buffer = grown
    }
    chunk.copy(this.buffer, this.length)
    this.length += chunk.length
  }

  clear(): void {
    this.buffer = Buffer.alloc(0)
    this.length = 0
  }

  text(): string {
    return this.buffer.toString('utf8', 0, this.length)
  }
}

/** Where a redirect leads, if it may be followed: same origin, GET or HEAD, a few times at most. */
function redirectTarget(request: HttpRequest, location: string, redirects: number): URL {
  const from = `${describe(request)} at ${request.url.origin}`
  if (!URL.canParse(location, request.url.href)) throw new ActionError(`${from} redirected to an unreadable location`)
  const target = new URL(location, request.url)
  if (target.origin !== request.url.origin) {
    throw new ActionError(
      `${from} was redirected to ${target.origin}; not followed, so the token is sent only to the configured host. ` +
        'If Appmixer moved, update tenant or base-url'
    )
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    throw new ActionError(`${from} was redirected to ${target.pathname}; only GET and HEAD are followed`)
  }
  if (redirects >= MAX_REDIRECTS) throw new ActionError(`${from}: more than ${MAX_REDIRECTS} redirects`)
  return target
}

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

class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT'
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
