/**
 * Every workflow input, parsed and validated into one frozen object. Pure: it reads inputs
 * through the function it is given and touches neither the network nor the file system, so
 * all bad input fails here, before any request, with an error that names the input.
 */
import { InputError, quote } from './errors.js'
import { compileExpression, type Expression } from './expressions.js'
import {
  CONTROL_CHARS,
  nonEmptyLines,
  parseBoolean,
  parseChoice,
  parseTimerDuration,
  parseInteger,
  parseJsonText,
  parseLines,
  parsePositiveDuration,
  resolvePath
} from './input-parsers.js'

export type Credentials =
  { readonly kind: 'password'; readonly username: string; readonly password: string } | { readonly kind: 'token'; readonly token: string }

export type RequestBody =
  { readonly kind: 'none' } | { readonly kind: 'inline'; readonly json: string } | { readonly kind: 'file'; readonly path: string }

export interface CallConfig {
  readonly method: string
  /** Path (and optional query string) under the base URL; never an absolute URL. */
  readonly endpoint: string
  readonly query: ReadonlyArray<readonly [string, string]>
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body: RequestBody
}

export type OnUnavailable = 'fail' | 'warn' | 'pass'
export type FlowCommand = 'start' | 'stop' | 'restart'

/** How long a command waits for its stage when no `wait` is given. */
export const COMMAND_WAIT_MS = 120_000

/** How long a gate polls: `waitMs` 0 checks once. */
export interface Waiting {
  readonly waitMs: number
  readonly pollIntervalMs: number
}

/** One API call, optionally a gate on its response (`expect`, polled with `wait`). */
export interface CallMode extends Waiting {
  readonly kind: 'call'
  readonly call: CallConfig
  /** Condition over the response; the step fails unless it is truthy. */
  readonly expect?: Expression
}

/** The flow gate: the listed flows, optionally started or stopped, must reach a stage. */
export interface FlowsMode extends Waiting {
  readonly kind: 'flows'
  /** Flow ids or exact names. */
  readonly flows: readonly string[]
  /** The stage every listed flow must be in. */
  readonly stage: string
  readonly command?: FlowCommand
  /** Appmixer filters (`field:value`), each a `filter` parameter of `GET /flows`. */
  readonly flowFilter: readonly string[]
  readonly maxErrors?: number
  readonly errorsWindowMs: number
}

/** Only a connector to publish: no call or gate after it. */
export interface PublishOnlyMode extends Waiting {
  readonly kind: 'publish'
}

/** A connector to publish before the call or the gate. */
export interface PublishConfig {
  /** The `publish` input as given (a path relative to the workspace), for messages and annotations. */
  readonly input: string
  readonly timeoutMs: number
}

export interface Config {
  readonly baseUrl: URL
  readonly credentials: Credentials
  /** A connector to publish first. */
  readonly publish?: PublishConfig
  /** What the step does: a call, a flow gate, or (after a publish) nothing more. */
  readonly mode: CallMode | FlowsMode | PublishOnlyMode
  readonly select?: Expression
  /** Expressions whose values in the response are masked before anything is logged or output. */
  readonly mask: readonly Expression[]
  readonly responseFile?: string
  readonly onUnavailable: OnUnavailable
  readonly outputToken: boolean
  readonly failOnHttpError: boolean
  readonly timeoutMs: number
  readonly retries: number
  readonly summary: boolean
  /** Inputs that are valid but will not do what their author may think; printed as warnings. */
  readonly warnings: readonly string[]
}

export interface ConfigEnvironment {
  /** The raw value of an input, '' when unset (as `core.getInput` returns it). */
  readInput(name: string): string
  /** GITHUB_WORKSPACE: relative paths in inputs are taken from here. */
  readonly workspace: string
}

/** Every input of action.yml (a unit test keeps the two in step). */
export const INPUT_NAMES = [
  'tenant',
  'base-url',
  'username',
  'password',
  'token',
  'method',
  'endpoint',
  'query',
  'headers',
  'body',
  'body-file',
  'select',
  'expect',
  'wait',
  'poll-interval',
  'flows',
  'flow-filter',
  'stage',
  'command',
  'max-errors',
  'errors-window',
  'on-unavailable',
  'response-file',
  'mask',
  'output-token',
  'fail-on-http-error',
  'timeout',
  'retries',
  'summary',
  'publish',
  'publish-timeout'
] as const

/** Credentials written into a URL in any input (`https://ci:pass@host`): secrets, to be masked at once. */
export function userinfoSecrets(value: string): string[] {
  const secrets: string[] = []
  for (const match of value.matchAll(new RegExp(USERINFO.source, 'gi'))) {
    const userinfo = match[0].slice(match[0].indexOf('//') + 2, -1)
    const colon = userinfo.indexOf(':')
    secrets.push(userinfo)
    if (colon >= 0 && colon < userinfo.length - 1) secrets.push(userinfo.slice(colon + 1))
  }
  return secrets
}

const STAGES = ['running', 'stopped', 'starting', 'paused']
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i
// RFC 9110 field-value: visible ASCII, obs-text (0x80-0xFF), spaces and tabs.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/
/** `scheme://user:pass@` or `scheme://user@`, wherever it stands in a value. */
// Bounded, and starting at a word's start: linear on a hostile 20,000-character input.
export const USERINFO = /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^/\s@]{0,256}@/i
// Headers the action owns: a user value would send the token elsewhere or break the request.
const RESERVED_HEADERS = ['authorization', 'host', 'content-length', 'transfer-encoding', 'connection']

export function parseConfig(env: ConfigEnvironment): Config {
  const input = (name: string): string => env.readInput(name).trim()
  const warnings: string[] = []
  const config: Config = {
    baseUrl: parseBaseUrl(input('tenant'), input('base-url')),
    credentials: parseCredentials(input('username'), env.readInput('password'), input('token')),
    publish: parsePublish(input('publish'), input('publish-timeout')),
    mode: parseMode(input, env.workspace, warnings),
    select: input('select') ? compileExpression('select', input('select')) : undefined,
    mask: nonEmptyLines(input('mask')).map(line => compileExpression('mask', line)),
    responseFile: input('response-file') ? resolvePath('response-file', input('response-file'), env.workspace) : undefined,
    onUnavailable: parseChoice('on-unavailable', input('on-unavailable'), ['fail', 'warn', 'pass'] as const) ?? 'fail',
    outputToken: parseBoolean('output-token', input('output-token'), false),
    failOnHttpError: parseBoolean('fail-on-http-error', input('fail-on-http-error'), true),
    timeoutMs: parsePositiveDuration('timeout', input('timeout'), 30_000, true),
    retries: parseInteger('retries', input('retries'), 3, 0, 10),
    summary: parseBoolean('summary', input('summary'), true),
    warnings
  }
  return Object.freeze(config)
}

export function parseBaseUrl(tenant: string, baseUrl: string): URL {
  if (tenant && baseUrl) throw new InputError('tenant', "set either 'tenant' or 'base-url', not both")
  if (tenant) {
    if (!DNS_LABEL.test(tenant)) {
      throw new InputError(
        'tenant',
        `${quote(tenant)} is not a tenant name: use the DNS label only, e.g. 'acme' for https://api.acme.appmixer.cloud`
      )
    }
    return new URL(`https://api.${tenant.toLowerCase()}.appmixer.cloud`)
  }
  if (!baseUrl) throw new InputError('tenant', "set 'tenant' (hosted Appmixer) or 'base-url' (self-managed)")
  // Never quote a URL that carries credentials back, even a malformed one.
  const credentials = 'contains credentials (user:password@); use the username and password inputs'
  if (USERINFO.test(baseUrl)) throw new InputError('base-url', credentials)
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new InputError('base-url', `${quote(baseUrl)} is not a URL; expected e.g. https://api.appmixer.example.com`)
  }
  if (url.username || url.password) throw new InputError('base-url', credentials)
  if (url.search || url.hash) throw new InputError('base-url', 'must not have a query string or fragment')
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new InputError('base-url', `must use https:// (plain http is allowed only for loopback hosts), got ${url.origin}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError('base-url', `must be an https:// URL, got ${url.protocol}`)
  url.pathname = url.pathname.replace(/\/+$/, '')
  return url
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}

function parseCredentials(username: string, password: string, token: string): Credentials {
  if (token) {
    if (username || password) throw new InputError('token', "set either 'token' or 'username' and 'password', not both")
    if (CONTROL_CHARS.test(token) || /\s/.test(token)) throw new InputError('token', 'must be a single word without spaces or line breaks')
    return { kind: 'token', token }
  }
  if (!username && !password) throw new InputError('username', "set 'username' and 'password' (or 'token') to sign in to Appmixer")
  if (!username) throw new InputError('username', "is required with 'password'")
  if (!password) throw new InputError('password', `is required to sign in as ${quote(username)}`)
  return { kind: 'password', username, password }
}

function parseCall(input: (name: string) => string, workspace: string): CallConfig {
  const method = (input('method') || 'GET').toUpperCase()
  if (!METHODS.includes(method)) throw new InputError('method', `${quote(method)} is not one of ${METHODS.join(', ')}`)
  const body = parseBody(input('body'), input('body-file'), workspace)
  if (body.kind !== 'none' && (method === 'GET' || method === 'HEAD')) {
    throw new InputError(
      body.kind === 'file' ? 'body-file' : 'body',
      `a request body cannot be sent with ${method}; set 'method' to POST, PUT or PATCH`
    )
  }
  return {
    method,
    endpoint: parseEndpoint(input('endpoint') || '/user'),
    query: parseLines('query', input('query'), '=').map(([name, value]) => {
      if (!name) throw new InputError('query', `${quote(`${name}=${value}`)} has no parameter name`)
      return [name, value] as const
    }),
    headers: parseHeaders(input('headers')),
    body
  }
}

function parsePublish(publish: string, timeout: string): PublishConfig | undefined {
  // publish-timeout has a default in action.yml: without publish it is simply unused.
  if (!publish) return undefined
  if (CONTROL_CHARS.test(publish)) throw new InputError('publish', 'the path contains a control character')
  return { input: publish, timeoutMs: parsePositiveDuration('publish-timeout', timeout, 5 * 60_000, true) }
}

function parseMode(input: (name: string) => string, workspace: string, warnings: string[]): CallMode | FlowsMode | PublishOnlyMode {
  const flows = nonEmptyLines(input('flows'))
  const command = parseChoice('command', input('command'), ['start', 'stop', 'restart'] as const)
  const maxErrors = input('max-errors') ? parseInteger('max-errors', input('max-errors'), 0, 0, 1_000_000) : undefined
  const pollIntervalMs = parseTimerDuration('poll-interval', input('poll-interval'), 15_000)
  if (pollIntervalMs < 100) throw new InputError('poll-interval', 'must be at least 100ms')
  // A command waits for its stage: without a `wait`, up to COMMAND_WAIT_MS.
  const waiting = { waitMs: parseTimerDuration('wait', input('wait'), command && flows.length > 0 ? COMMAND_WAIT_MS : 0), pollIntervalMs }
  const errorsWindowMs = parsePositiveDuration('errors-window', input('errors-window'), 15 * 60_000)

  if (flows.length === 0) {
    const flowOnly = (
      [
        ['command', command],
        ['stage', input('stage')],
        ['max-errors', maxErrors],
        ['flow-filter', input('flow-filter')]
      ] as const
    ).find(([, value]) => value !== undefined && value !== '')
    // A gate with no flows would pass by accident (say, when a variable expands to nothing).
    if (flowOnly) throw new InputError('flows', `is empty, but '${flowOnly[0]}' is set; list the flows to gate on, one id or name a line`)
    // A publish alone is the whole step; a call after it only when one is asked for.
    const endpoint = input('endpoint')
    const callAsked =
      (endpoint !== '' && endpoint !== '/user') ||
      (input('method') !== '' && input('method').toUpperCase() !== 'GET') ||
      ['query', 'body', 'body-file', 'expect', 'select'].some(name => input(name))
    if (input('publish') && !callAsked) return { kind: 'publish', ...waiting }
    const expect = input('expect') ? compileExpression('expect', input('expect')) : undefined
    if (waiting.waitMs > 0 && !expect) warnings.push("Input 'wait' has no effect without 'expect' (or 'flows'): the call is made once")
    return { kind: 'call', call: parseCall(input, workspace), expect, ...waiting }
  }

  const endpoint = input('endpoint')
  if (endpoint && endpoint !== '/user')
    throw new InputError('flows', "cannot be combined with 'endpoint': the flow gate makes its own calls")
  if (input('expect')) throw new InputError('expect', "cannot be combined with 'flows'; the flow gate checks 'stage' and 'max-errors'")
  const stage = (input('stage') || (command === 'stop' ? 'stopped' : 'running')).toLowerCase()
  if (!STAGES.includes(stage)) throw new InputError('stage', `${quote(stage)} is not one of ${STAGES.join(', ')}`)
  return { kind: 'flows', flows, stage, command, flowFilter: parseFlowFilter(input('flow-filter')), maxErrors, errorsWindowMs, ...waiting }
}

/** `field:value` lines, e.g. `userId:5c88…` or `customFields.env:production`. */
function parseFlowFilter(text: string): string[] {
  return nonEmptyLines(text).map((line, index) => {
    if (CONTROL_CHARS.test(line)) throw new InputError('flow-filter', `line ${index + 1} contains a control character`)
    if (!/^[\w$.-]+:./.test(line)) {
      throw new InputError(
        'flow-filter',
        `line ${index + 1} ${quote(line)} is not a filter; write one 'field:value' a line, e.g. userId:<id>`
      )
    }
    return line
  })
}

export function parseEndpoint(endpoint: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(endpoint) || endpoint.startsWith('//')) {
    throw new InputError(
      'endpoint',
      `${quote(endpoint)} is an absolute URL; give a path such as /flows. The token is sent only to the configured host`
    )
  }
  if (!endpoint.startsWith('/')) throw new InputError('endpoint', `${quote(endpoint)} must be a path starting with '/', e.g. /flows`)
  if (CONTROL_CHARS.test(endpoint) || /[\s\\#]/.test(endpoint)) {
    throw new InputError('endpoint', 'must not contain spaces, backslashes, control characters or a #fragment')
  }
  return endpoint
}

/** Headers as RFC 9110 allows them: a token for a name, visible Latin-1 text for a value. */
function parseHeaders(text: string): Array<readonly [string, string]> {
  return parseLines('headers', text, ':').map(([name, rawValue]) => {
    if (!HEADER_NAME.test(name)) throw new InputError('headers', `${quote(name)} is not a valid header name`)
    if (RESERVED_HEADERS.includes(name.toLowerCase()))
      throw new InputError('headers', `${quote(name)} is set by the action and cannot be given`)
    const value = rawValue.trim()
    const outside = [...value].find(char => char.codePointAt(0)! > 0xff)
    if (outside) {
      throw new InputError(
        'headers',
        `the value of ${quote(name)} has ${quote(outside)}, which HTTP headers cannot carry (Latin-1 only); percent-encode it or send it in the body`
      )
    }
    if (!FIELD_VALUE.test(value)) throw new InputError('headers', `the value of ${quote(name)} has a character HTTP headers cannot carry`)
    return [name, value] as const
  })
}

function parseBody(body: string, bodyFile: string, workspace: string): RequestBody {
  if (body && bodyFile) throw new InputError('body', "set either 'body' or 'body-file', not both")
  if (bodyFile) return { kind: 'file', path: resolvePath('body-file', bodyFile, workspace) }
  if (!body) return { kind: 'none' }
  return { kind: 'inline', json: parseJsonText('body', body) }
}
