/**
 * The Appmixer client: signs in, sends authorised requests to the configured host, and signs in
 * again once when a token is refused during a long run (tokens expire; there is no refresh).
 * `getJson`, `postJson` and `putJson` are the one place an error status becomes an error.
 */
import type { Credentials } from './config/index.js'
import { ActionError, HttpError, excerpt, quote, visible } from './errors.js'
import { describe, type BodySink, type HttpRequest, type HttpResponse, type HttpTransport } from './http/index.js'

export type QueryPairs = ReadonlyArray<readonly [string, string]>

export interface ApiRequest {
  readonly method: string
  /** Path under the base URL, optionally with a query string. */
  readonly path: string
  readonly query?: QueryPairs
  readonly headers?: ReadonlyArray<readonly [string, string]>
  /** A JSON text, or the bytes of an upload (with its own content-type header). */
  readonly body?: string | Buffer
}

export interface Session {
  readonly userId?: string
  readonly token: string
}

export class AppmixerClient {
  private session?: Session

  constructor(
    private readonly transport: HttpTransport,
    readonly baseUrl: URL,
    private readonly credentials: Credentials,
    /** Called with every token the moment it is known, before anything else is written. */
    private readonly onToken: (token: string) => void,
    /** Redacts the step's secrets; applied to a body before any excerpt of it is taken. */
    private readonly redact: (text: string) => string = text => text
  ) {
    if (credentials.kind === 'token') {
      onToken(credentials.token)
      this.session = { token: credentials.token, userId: userIdFromJwt(credentials.token) }
    }
  }

  get userId(): string | undefined {
    return this.session?.userId
  }

  /** The token in use now (a re-sign-in replaces the first one). */
  get token(): string | undefined {
    return this.session?.token
  }

  /** `POST /user/auth`; a given token needs no sign-in. */
  async signIn(deadline?: number): Promise<Session> {
    if (this.credentials.kind === 'token') return this.session!
    const { username, password } = this.credentials
    const request = this.toHttp({ method: 'POST', path: '/user/auth', body: JSON.stringify({ username, password }) })
    const response = await this.transport.send(request, deadline)
    if (response.status === 200) {
      const token = tokenFrom(response.text)
      if (token) {
        this.onToken(token.token)
        this.session = token
        return token
      }
    }
    throw signInError(request, response, username, this.baseUrl, this.redact)
  }

  /** An authorised request, whatever its answer. A 401 with password credentials means the token expired: sign in once more. */
  async send(api: ApiRequest, deadline?: number, sink?: BodySink): Promise<HttpResponse> {
    const session = this.session ?? (await this.signIn(deadline))
    const response = await this.transport.send(this.toHttp(api, session.token), deadline, sink)
    if (response.status !== 401 || this.credentials.kind !== 'password') return response
    await this.signIn(deadline)
    return this.transport.send(this.toHttp(api, this.session!.token), deadline, sink)
  }

  /** The JSON of a 2xx answer to a GET; an `HttpError` that says what came back otherwise. */
  getJson(path: string, query: QueryPairs = [], deadline?: number): Promise<unknown> {
    return this.json({ method: 'GET', path, query }, deadline)
  }

  postJson(path: string, body: unknown, query: QueryPairs = [], deadline?: number): Promise<unknown> {
    return this.json({ method: 'POST', path, query, body: JSON.stringify(body) }, deadline)
  }

  putJson(path: string, body: unknown, query: QueryPairs = [], deadline?: number): Promise<unknown> {
    return this.json({ method: 'PUT', path, query, body: JSON.stringify(body) }, deadline)
  }

  /** The error for an answer with an error status, quoting a redacted excerpt of its body. */
  errorFor(request: Pick<HttpRequest, 'method' | 'url'>, response: HttpResponse): HttpError {
    return httpError(request, response, this.redact)
  }

  url(path: string, query: QueryPairs = []): URL {
    const url = new URL(this.baseUrl.href.replace(/\/$/, '') + path)
    for (const [name, value] of query) url.searchParams.append(name, value)
    return url
  }

  private async json(api: ApiRequest, deadline?: number): Promise<unknown> {
    const response = await this.send(api, deadline)
    const request = { method: api.method, url: this.url(api.path, api.query) }
    if (response.status < 200 || response.status >= 300) throw this.errorFor(request, response)
    try {
      return JSON.parse(response.text) as unknown
    } catch {
      throw new ActionError(`${describe(request)} at ${request.url.origin} did not answer with JSON`)
    }
  }

  private toHttp(api: ApiRequest, token?: string): HttpRequest {
    const headers: Record<string, string> = {}
    for (const [name, value] of api.headers ?? []) headers[name.toLowerCase()] = value
    if (api.body !== undefined) headers['content-type'] ??= 'application/json'
    if (token) headers.authorization = `Bearer ${token}`
    return { method: api.method, url: this.url(api.path, api.query), headers, body: api.body }
  }
}

/**
 * The Boom `message` of an error body, or a short excerpt of whatever came back. The whole text
 * is redacted before it is folded and cut, so neither can break a secret out of its mask.
 */
export function errorDetail(response: HttpResponse, redact: (text: string) => string = text => text): string {
  try {
    const body = JSON.parse(response.text) as { message?: unknown; error?: unknown; details?: unknown }
    // Boom bodies may carry `details` (a refused start says which component failed).
    const details = body?.details === undefined ? '' : ` (details: ${excerpt(redact(JSON.stringify(body.details)), 300)})`
    if (typeof body?.message === 'string' && body.message) return excerpt(redact(body.message)) + details
    if (typeof body?.error === 'string' && body.error) return excerpt(redact(body.error))
  } catch {
    // not JSON: fall through to an excerpt
  }
  if (/^\s*</.test(response.text)) return `an HTML page (${visible(response.contentType || 'no content type', 60)}), not JSON`
  return response.text.trim() ? excerpt(redact(response.text)) : 'an empty body'
}

/** What a workflow author should do about an HTTP error status. */
export function hintFor(status: number): string {
  if (status === 401) return 'The token was refused: it may have expired or belong to another Appmixer instance.'
  if (status === 403) return 'The signed-in user lacks the permission (scope or ACL) for this endpoint.'
  if (status === 404) return 'Check the endpoint path and any flow or resource id in it.'
  if (status === 400) return 'Appmixer rejected the request; check body, query and headers.'
  if (status >= 500) return 'Appmixer failed to answer; try again later or ask its administrator.'
  return ''
}

export function httpError(
  request: Pick<HttpRequest, 'method' | 'url'>,
  response: HttpResponse,
  redact: (text: string) => string = text => text
): HttpError {
  const hint = hintFor(response.status)
  const detail = errorDetail(response, redact)
  return new HttpError(
    request,
    response,
    `${describe(request)} at ${request.url.origin} returned ${response.status} ${response.statusText}: ${detail}.` +
      (hint ? ` ${hint}` : ''),
    detail
  )
}

function signInError(
  request: HttpRequest,
  response: HttpResponse,
  username: string,
  baseUrl: URL,
  redact: (text: string) => string
): ActionError {
  const at = `${baseUrl.origin}${baseUrl.pathname === '/' ? '' : baseUrl.pathname}`
  if (response.status === 403 || response.status === 401) {
    return new HttpError(
      request,
      response,
      `Appmixer refused the credentials of user ${quote(username)} at ${at} (POST /user/auth returned ${response.status}: ` +
        `${errorDetail(response, redact)}). Check the username and password secrets; an SSO-only account cannot sign in with a password.`
    )
  }
  if (response.status === 200) {
    return new ActionError(`POST /user/auth at ${at} answered 200 without a token; is ${at} an Appmixer API?`)
  }
  return httpError({ method: 'POST', url: new URL(`${at}/user/auth`) }, response, redact)
}

function tokenFrom(text: string): Session | undefined {
  try {
    const body = JSON.parse(text) as { token?: unknown; user?: { id?: unknown } }
    if (typeof body.token !== 'string' || !body.token) return undefined
    const userId = typeof body.user?.id === 'string' ? body.user.id : userIdFromJwt(body.token)
    return { token: body.token, userId }
  } catch {
    return undefined
  }
}

/** The claims of a JWT, read without verifying (Appmixer checks the signature). */
function jwtClaims(token: string): { id?: unknown; exp?: unknown } | undefined {
  const payload = token.split('.')[1]
  if (!payload) return undefined
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown
    return claims && typeof claims === 'object' ? claims : undefined
  } catch {
    return undefined
  }
}

/** Appmixer tokens are JWTs whose payload holds the user `id`. */
export function userIdFromJwt(token: string): string | undefined {
  const id = jwtClaims(token)?.id
  return typeof id === 'string' ? id : undefined
}

/** When a token expires (its `exp`, in epoch milliseconds), if it says. */
export function tokenExpiry(token: string): number | undefined {
  const exp = jwtClaims(token)?.exp
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined
}
