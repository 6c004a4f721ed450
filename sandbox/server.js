// @ts-check
/**
 * A local stand-in for the Appmixer REST API, built from docs/appmixer-api.md: sign-in,
 * HS256 tokens that expire, Boom error bodies, flows, the coordinator and Insights logs. Tests
 * script it (faults, stage changes, token lifetime) and read its request log. A dev tool: it is
 * never part of the action's bundle.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import { signJwt, verifyJwt } from './jwt.js'
import { routeAccounts } from './accounts.js'
import { flowById } from './flow-index.js'
import { queryLogs } from './logs.js'
import { routeFlowWrites } from './flow-writes.js'
import { routeIntegrations } from './integrations.js'
import { acceptUpload, uploadStatus } from './publishing.js'
import { QueryError, filterFlows, project, sortBy } from './queries.js'
import { DEMO_USER, demoFlows } from './seed.js'
import { routeUnprocessed } from './unprocessed.js'

/**
 * @typedef {{flowId: string, userId: string, name: string, stage: string, btime: string, mtime: string,
 *   started?: string, stopped?: string, flow: object, customFields: object, sharedWith: object[],
 *   stageChangeInfo?: object,
 *   upcomingStages?: string[], startStages?: string[], startError?: string | {message: string, details?: unknown},
 *   type?: string, [key: string]: unknown}} SandboxFlow
 * @typedef {{method?: string, path?: string | RegExp, status?: number, body?: unknown, headers?: Record<string, string>,
 *   delayMs?: number, hang?: boolean, reset?: boolean, raw?: string, times?: number, trickleMs?: number}} Fault
 * @typedef {{method: string, path: string, query: URLSearchParams, headers: http.IncomingHttpHeaders, body: string,
 *   bytes: Buffer, status?: number, socket: number}} LoggedRequest
 * @typedef {{id: string, username: string, email: string, password: string, isActive: boolean, plan: string, scope: string[]}} SandboxUser
 * @typedef {{users: SandboxUser[], flows: SandboxFlow[], logs: any[], tokenLifetimeSeconds: number, jwtSecret: string,
 *   faults: Fault[], requests: LoggedRequest[], connections: number, clockOffsetSeconds: number, issuedTokens: string[],
 *   realWorld: Required<RealWorld>, stopping: Map<string, number>,
 *   uploads: Map<string, import('./publishing.js').Upload>,
 *   accounts: import('./accounts.js').SandboxAccount[], assignments: Map<string, string>, accountTests: Map<string, number>,
 *   unprocessed: import('./unprocessed.js').UnprocessedMessage[],
 *   rollouts: Map<string, import('./integrations.js').Rollout>}} SandboxState
 */

const STATUS_TEXT = /** @type {Record<number, string>} */ ({
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error'
})

/**
 * How a real tenant is less kind than a simple stand-in (docs/appmixer-api.md §6–§14); each is
 * off unless a test asks for it.
 * @typedef {{
 *   unstableOrder?: boolean,
 *   ignorePaging?: boolean,
 *   coordinatorDelayMs?: number,
 *   stopDurationMs?: number,
 *   rawLogHits?: boolean,
 *   logsWithoutBuckets?: boolean,
 *   logsMaxSize?: number,
 *   patternMode?: import('./queries.js').PatternMode,
 *   latencyMs?: number,
 *   unprocessedIgnoresFlowId?: boolean,
 *   unprocessedIgnoresPaging?: boolean,
 *   version?: string,
 *   versionUnreadable?: false | 'not-semver' | 'html',
 *   publishing?: import('./publishing.js').PublishingOptions,
 *   flowWrites?: import('./flow-writes.js').FlowWritesOptions,
 *   integrations?: import('./integrations.js').IntegrationsOptions
 * }} RealWorld
 * - `unstableOrder`: `GET /flows` without `sort` answers in a new random order each time (default false).
 * - `ignorePaging`: `GET /flows` answers every matching flow whatever `offset` and `limit` say (default false).
 * - `coordinatorDelayMs`: `POST /flows/:id/coordinator` answers after this many ms, when the command is done (default 0).
 * - `stopDurationMs`: how long a background stop (`?background=true`, `{command: 'stop'}`) takes, on the sandbox's
 *   clock (see `advanceClock`): the command answers `{flowId, ticket: flowId}` at once, the flow stays `running`, and
 *   `GET /flows/:id/coordinator/status` says `in-progress` until then; a `start` meanwhile is refused with a 400
 *   `Flow is being stopped` (default: `coordinatorDelayMs`).
 * - `rawLogHits`: `GET /logs` answers hits as raw Elasticsearch hits `{_index, _id, _source}`, the level in `level`
 *   (default false).
 * - `logsWithoutBuckets`: `GET /logs` answers no `buckets`, only `hits`: a client must page with `from` (default false).
 * - `logsMaxSize`: the most hits one `GET /logs` answers, whatever `size` asks (default 1000).
 * - `patternMode`: how `pattern` on `GET /flows` and `/flows/count` matches (default `substring`, case-sensitive;
 *   see PatternMode).
 * - `latencyMs`: every request is answered this many ms after it arrived, faults included (default 0).
 * - `unprocessedIgnoresFlowId`, `unprocessedIgnoresPaging`: `GET /unprocessed-messages` ignores `flowId`, or
 *   `offset` and `limit` (default false).
 * - `version`: the `version` that `GET /` answers (default `6.4.0-sandbox`).
 * - `versionUnreadable`: `GET /` answers a version that is not semver (`not-semver`: `version: 'latest (build 2611)'`),
 *   or a 200 HTML page (`html`) (default false).
 * - `publishing`: how the uploader ticket reads (see PublishingOptions).
 */

/**
 * What the sandbox starts with, besides the RealWorld options:
 * - `users` (default the demo user), `flows` (default demoFlows()), `logs` (default none; see seed.js logRecord),
 *   `accounts` (default none; see seed.js makeAccount), `assignments` (componentId → accountId, default none),
 *   `unprocessed` (default none; see seed.js unprocessedMessage);
 * - `tokenLifetimeSeconds` (default 30 days); `clockOffsetSeconds`: the sandbox's clock runs this far ahead of the
 *   machine's (negative: behind), for token times, date math in `GET /logs` and background stops (default 0);
 * - `tls`, `host` (default 127.0.0.1), `port` (default any free one).
 * @typedef {{users?: SandboxUser[], flows?: SandboxFlow[], logs?: object[], tokenLifetimeSeconds?: number,
 *   accounts?: import('./accounts.js').SandboxAccount[], assignments?: Record<string, string>,
 *   unprocessed?: import('./unprocessed.js').UnprocessedMessage[], clockOffsetSeconds?: number,
 *   tls?: {key: string | Buffer, cert: string | Buffer}, host?: string, port?: number} & RealWorld} SandboxOptions
 */

/**
 * @param {SandboxOptions} [options]
 */
export async function startSandbox(options = {}) {
  /** @type {SandboxState} */
  const state = {
    users: options.users ?? [DEMO_USER],
    flows: options.flows ?? demoFlows(),
    logs: options.logs ?? [],
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 30 * 24 * 3600,
    jwtSecret: randomBytes(32).toString('hex'),
    faults: [],
    requests: [],
    connections: 0,
    // Tests move the sandbox's clock forward to make tokens expire, or stops finish, without waiting.
    clockOffsetSeconds: options.clockOffsetSeconds ?? 0,
    // Every token handed out, so tests can check that none of them leaked.
    issuedTokens: [],
    realWorld: {
      unstableOrder: options.unstableOrder ?? false,
      ignorePaging: options.ignorePaging ?? false,
      coordinatorDelayMs: options.coordinatorDelayMs ?? 0,
      stopDurationMs: options.stopDurationMs ?? options.coordinatorDelayMs ?? 0,
      rawLogHits: options.rawLogHits ?? false,
      logsWithoutBuckets: options.logsWithoutBuckets ?? false,
      logsMaxSize: options.logsMaxSize ?? 1000,
      patternMode: options.patternMode ?? 'substring',
      latencyMs: options.latencyMs ?? 0,
      unprocessedIgnoresFlowId: options.unprocessedIgnoresFlowId ?? false,
      unprocessedIgnoresPaging: options.unprocessedIgnoresPaging ?? false,
      version: options.version ?? '6.4.0-sandbox',
      versionUnreadable: options.versionUnreadable ?? false,
      publishing: options.publishing ?? {},
      flowWrites: options.flowWrites ?? {},
      integrations: options.integrations ?? {}
    },
    /** Connector uploads by ticket, with their unpacked entries, for tests to look into. */
    uploads: new Map(),
    /** Background stops under way: flowId → when they complete (epoch ms on the sandbox's clock). */
    stopping: new Map(),
    accounts: options.accounts ?? [],
    /** Which account each component uses: componentId → accountId (see accounts.js). */
    assignments: new Map(Object.entries(options.assignments ?? {})),
    /** How many times each account was tested: accountId → count. */
    accountTests: new Map(),
    unprocessed: options.unprocessed ?? [],
    /** Integration rollouts by ticket. */
    rollouts: new Map()
  }

  /** @type {http.RequestListener} */
  const listener = (req, res) => {
    const chunks = /** @type {Buffer[]} */ ([])
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sandbox')
      /** @type {LoggedRequest} */
      const logged = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        bytes: Buffer.concat(chunks),
        socket: /** @type {any} */ (req.socket).sandboxId
      }
      state.requests.push(logged)
      const fault = takeFault(state.faults, logged)
      const answer = () => {
        if (fault?.reset) return req.socket.destroy()
        if (fault?.hang) return // never answers; the client's timeout must cut it
        if (fault?.trickleMs) {
          // Headers at once, then the body a byte at a time: a timeout must cover the body too.
          const text = JSON.stringify(fault.body ?? { trickled: 'x'.repeat(200) })
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) })
          let at = 0
          const timer = setInterval(() => {
            if (res.destroyed || at >= text.length) {
              clearInterval(timer)
              if (!res.destroyed) res.end()
              return
            }
            res.write(text[at++])
          }, fault.trickleMs)
          return
        }
        if (fault?.raw !== undefined || fault?.status !== undefined) {
          const status = fault.status ?? 200
          const body = fault.raw ?? JSON.stringify(fault.body ?? boomBody(status, 'Injected fault'))
          logged.status = status
          res.writeHead(status, {
            'content-type': fault.raw !== undefined ? 'text/html' : 'application/json; charset=utf-8',
            ...fault.headers
          })
          return res.end(body)
        }
        const { status, body, delayMs = 0, contentType = 'application/json; charset=utf-8' } = route(state, logged)
        logged.status = status
        const text = typeof body === 'string' ? body : JSON.stringify(body)
        const send = () => {
          res.writeHead(status, { 'content-type': contentType, ...fault?.headers })
          res.end(text)
        }
        if (delayMs > 0) setTimeout(send, delayMs)
        else send()
      }
      const delay = (fault?.delayMs ?? 0) + state.realWorld.latencyMs
      if (delay > 0) setTimeout(answer, delay)
      else answer()
    })
  }

  const server = options.tls ? https.createServer({ ...options.tls }, listener) : http.createServer(listener)
  const sockets = new Set()
  server.on(options.tls ? 'secureConnection' : 'connection', socket => {
    socket.sandboxId = ++state.connections
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise(resolve => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(undefined)))
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  const scheme = options.tls ? 'https' : 'http'

  return {
    url: `${scheme}://127.0.0.1:${address.port}`,
    port: address.port,
    state,
    /** Requests received so far, oldest first. */
    get requests() {
      return state.requests
    },
    /** Answers the next matching request(s) with a fault instead of the real route. @param {Fault} fault */
    fault(fault) {
      state.faults.push({ times: 1, ...fault })
    },
    /** A valid token for a user, as sign-in would issue it. */
    tokenFor(user = state.users[0], lifetimeSeconds = state.tokenLifetimeSeconds) {
      const token = signJwt({ id: user.id, scope: user.scope }, state.jwtSecret, lifetimeSeconds, nowSeconds(state))
      state.issuedTokens.push(token)
      return token
    },
    /** The sandbox's clock, in epoch ms: the machine's, moved by `clockOffsetSeconds`. */
    now() {
      return nowMs(state)
    },
    /** Moves the sandbox's clock (tokens, date math, background stops) by this many seconds; negative goes back. @param {number} seconds */
    advanceClock(seconds) {
      state.clockOffsetSeconds += seconds
    },
    /** @param {string} name */
    flowNamed(name) {
      return state.flows.find(flow => flow.name === name)
    },
    close() {
      for (const socket of sockets) /** @type {any} */ (socket).destroy()
      return new Promise(resolve => server.close(() => resolve(undefined)))
    }
  }
}

/**
 * @param {Fault[]} faults
 * @param {LoggedRequest} request
 */
function takeFault(faults, request) {
  const index = faults.findIndex(
    fault =>
      (!fault.method || fault.method === request.method) &&
      (!fault.path || (typeof fault.path === 'string' ? request.path === fault.path : fault.path.test(request.path)))
  )
  if (index < 0) return undefined
  const fault = faults[index]
  fault.times = (fault.times ?? 1) - 1
  if (fault.times <= 0) faults.splice(index, 1)
  return fault
}

/** @param {number} status @param {string} message */
export function boomBody(status, message) {
  return { statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message }
}

/** @param {number} status @param {string} message */
function boom(status, message) {
  return { status, body: boomBody(status, message) }
}

/**
 * @param {SandboxState} state
 * @param {LoggedRequest} request
 * @returns {{status: number, body: unknown, delayMs?: number, contentType?: string}}
 */
function route(state, request) {
  const { method, path } = request
  if (method === 'GET' && path === '/') return about(state, request)
  if (method === 'POST' && path === '/user/auth') return signIn(state, request)

  const auth = authenticate(state, request)
  if ('status' in auth) return auth
  const user = auth.user
  const canSeeFlow = (/** @type {string} */ flowId) => {
    const flow = flowById(state, flowId)
    return flow !== undefined && canSee(flow, user)
  }

  if (method === 'GET' && path === '/user') {
    const { password: _password, ...visible } = user
    return { status: 200, body: visible }
  }
  const written =
    routeFlowWrites(state, user, request, flow => canSee(flow, user)) ?? routeIntegrations(state, request, flow => canSee(flow, user))
  if (written) return written
  if (method === 'GET' && path === '/flows') return listFlows(state, user, request.query)
  if (method === 'GET' && path === '/flows/count') {
    const matching = searchFlows(state, user, request.query)
    return Array.isArray(matching) ? { status: 200, body: { count: matching.length } } : matching
  }
  const flowMatch = /^\/flows\/([^/]+)(\/coordinator(\/status)?)?$/.exec(path)
  if (flowMatch) {
    const flow = flowById(state, flowMatch[1])
    if (!flow || !canSee(flow, user)) return boom(404, `Flow ${flowMatch[1]} not found.`)
    settleStops(state)
    if (method === 'GET' && !flowMatch[2]) {
      advanceStage(flow)
      return { status: 200, body: project(visibleFlow(flow), request.query.get('projection')) }
    }
    if (method === 'GET' && flowMatch[3]) {
      // The docs give only {status: 'completed', stepsTotal}; 'in-progress' and stepsDone are
      // undocumented here, borrowed from the user-delete ticket (docs/appmixer-api.md §8).
      if (state.stopping.has(flow.flowId)) return { status: 200, body: { status: 'in-progress', stepsTotal: 1, stepsDone: 0 } }
      return { status: 200, body: { status: 'completed', stepsTotal: 1 } }
    }
    if (method === 'POST' && flowMatch[2] && !flowMatch[3]) return coordinate(state, flow, request)
  }
  if (method === 'GET' && path === '/logs') {
    const options = state.realWorld
    return queryLogs(state.logs, user, request.query, { canSeeFlow, nowMs: nowMs(state), options })
  }
  if (method === 'POST' && path === '/components') {
    return acceptUpload(request.bytes, request.headers['content-type'], state.uploads, state.realWorld.publishing)
  }
  const ticketMatch = /^\/components\/uploader\/([^/]+)$/.exec(path)
  if (method === 'GET' && ticketMatch) return uploadStatus(ticketMatch[1], state.uploads, state.realWorld.publishing)
  return (
    routeAccounts(state, user, request, canSeeFlow) ??
    routeUnprocessed(state.unprocessed, request, canSeeFlow, state.realWorld) ??
    boom(404, 'Not Found')
  )
}

/**
 * `GET /`, without a token: `{name, version, url}` (docs/appmixer-api.md §2), or with
 * `versionUnreadable` a version that is not semver, or an HTML page.
 * @param {SandboxState} state @param {LoggedRequest} request
 */
function about(state, request) {
  const url = `http://${request.headers.host ?? 'sandbox'}`
  if (state.realWorld.versionUnreadable === 'html') {
    return { status: 200, body: '<!doctype html><html><body><h1>Appmixer</h1></body></html>', contentType: 'text/html; charset=utf-8' }
  }
  const version = state.realWorld.versionUnreadable === 'not-semver' ? 'latest (build 2611)' : state.realWorld.version
  return { status: 200, body: { name: 'appmixer-sandbox', version, url } }
}

/** @param {SandboxState} state @param {LoggedRequest} request */
function signIn(state, request) {
  /** @type {any} */
  let body
  try {
    body = JSON.parse(request.body || '{}')
  } catch {
    return boom(400, 'Invalid request payload JSON format')
  }
  const login = body.username ?? body.email
  if (typeof login !== 'string' || typeof body.password !== 'string') {
    return boom(400, 'child "password" fails because ["password" is required]')
  }
  const user = state.users.find(candidate => candidate.username === login || candidate.email === login)
  // Appmixer does not tell a wrong password from an unknown user: both are 403.
  if (!user || user.password !== body.password) return boom(403, 'Invalid username or password.')
  const { password: _password, scope: _scope, ...visible } = user
  const token = signJwt({ id: user.id, scope: user.scope }, state.jwtSecret, state.tokenLifetimeSeconds, nowSeconds(state))
  state.issuedTokens.push(token)
  return { status: 200, body: { user: visible, token } }
}

/**
 * @param {SandboxState} state @param {LoggedRequest} request
 * @returns {{user: SandboxUser} | {status: number, body: unknown}}
 */
function authenticate(state, request) {
  const header = request.headers.authorization ?? ''
  const match = /^Bearer (\S+)$/.exec(header)
  if (!match) return boom(401, 'Missing authentication')
  const verdict = verifyJwt(match[1], state.jwtSecret, nowSeconds(state))
  if (!verdict.ok) return boom(401, verdict.reason)
  const user = state.users.find(candidate => candidate.id === verdict.claims.id)
  if (!user) return boom(404, 'User not found.')
  return { user }
}

/** The sandbox's clock in epoch ms: the machine's, moved by clockOffsetSeconds. @param {SandboxState} state */
function nowMs(state) {
  return Date.now() + state.clockOffsetSeconds * 1000
}

/** @param {SandboxState} state */
function nowSeconds(state) {
  return Math.floor(nowMs(state) / 1000)
}

/**
 * Whether the user may see a flow: their own, or shared with them (by user id or email).
 * @param {SandboxFlow} flow @param {SandboxUser} user
 */
function canSee(flow, user) {
  return (
    flow.userId === user.id ||
    (flow.sharedWith ?? []).some((/** @type {any} */ share) => share.userId === user.id || (share.email && share.email === user.email))
  )
}

/**
 * The user's own flows and the flows shared with them, as `GET /flows` lists them.
 * @param {SandboxState} state @param {SandboxUser} user
 */
function visibleFlows(state, user) {
  return state.flows.filter(flow => canSee(flow, user))
}

/** Background stops whose time has come (on the sandbox's clock): the flow is now stopped. @param {SandboxState} state */
function settleStops(state) {
  for (const [flowId, at] of state.stopping) {
    if (nowMs(state) < at) continue
    const flow = flowById(state, flowId)
    if (flow) {
      flow.stage = 'stopped'
      flow.stopped = new Date(nowMs(state)).toISOString()
    }
    state.stopping.delete(flowId)
  }
}

/** Moves a scripted flow one stage further each time it is read (stopped → starting → running). @param {SandboxFlow} flow */
function advanceStage(flow) {
  const next = flow.upcomingStages?.shift()
  if (next) flow.stage = next
}

/** The flow as the API shows it, without the sandbox's scripting fields. @param {SandboxFlow} flow */
function visibleFlow(flow) {
  const { upcomingStages: _upcoming, startStages: _start, startError: _error, ...visible } = flow
  return visible
}

/**
 * The flows `filter` and `pattern` keep, or a 400 for a pattern the server cannot read.
 * @param {SandboxState} state @param {SandboxUser} user @param {URLSearchParams} query
 * @returns {SandboxFlow[] | {status: number, body: unknown}}
 */
function searchFlows(state, user, query) {
  try {
    return filterFlows(visibleFlows(state, user), query.getAll('filter'), query.get('pattern'), state.realWorld.patternMode)
  } catch (error) {
    if (error instanceof QueryError) return boom(400, error.message)
    throw error
  }
}

/** @param {SandboxState} state @param {SandboxUser} user @param {URLSearchParams} query */
function listFlows(state, user, query) {
  settleStops(state)
  const matching = searchFlows(state, user, query)
  if (!Array.isArray(matching)) return matching
  // Without a sort, a real tenant's order is not guaranteed between pages.
  const sorted = query.getAll('sort').length
    ? sortBy(matching, query.getAll('sort'))
    : state.realWorld.unstableOrder
      ? shuffled(matching)
      : matching
  // A broken server answers every page with the whole list.
  const offset = state.realWorld.ignorePaging ? 0 : Number(query.get('offset') ?? 0)
  const limit = state.realWorld.ignorePaging ? sorted.length : Number(query.get('limit') ?? 100)
  const page = sorted.slice(offset, offset + limit)
  for (const flow of page) advanceStage(flow)
  return { status: 200, body: page.map(flow => project(visibleFlow(flow), query.get('projection'))) }
}

/** @template T @param {T[]} items @returns {T[]} */
function shuffled(items) {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}

/**
 * `POST /flows/:id/coordinator`: answers when the command is done (after `coordinatorDelayMs`),
 * except a stop with `background=true`, which answers at once and completes `stopDurationMs`
 * later on the sandbox's clock; until then the flow stays as it was, and a start is refused.
 * @param {SandboxState} state @param {SandboxFlow} flow @param {LoggedRequest} request
 * @returns {{status: number, body: unknown, delayMs?: number}}
 */
function coordinate(state, flow, request) {
  /** @type {any} */
  let body
  try {
    body = JSON.parse(request.body || '{}')
  } catch {
    return boom(400, 'Invalid request payload JSON format')
  }
  const now = new Date(nowMs(state)).toISOString()
  const delayMs = state.realWorld.coordinatorDelayMs
  if (body.command === 'stop' && request.query.get('background') === 'true') {
    // A second background stop joins the one under way.
    if (!state.stopping.has(flow.flowId)) state.stopping.set(flow.flowId, nowMs(state) + state.realWorld.stopDurationMs)
    flow.upcomingStages = []
    flow.stageChangeInfo = { changedAt: now, reason: 'stop-by-user' }
    return { status: 200, body: { flowId: flow.flowId, ticket: flow.flowId } }
  }
  if (body.command === 'start') {
    if (state.stopping.has(flow.flowId)) return boom(400, 'Flow is being stopped')
    if (typeof flow.startError === 'string') return boom(400, flow.startError)
    if (flow.startError) return { status: 400, body: { ...boomBody(400, flow.startError.message), details: flow.startError.details } }
    const [first, ...rest] = flow.startStages ?? ['running']
    flow.stage = first
    flow.upcomingStages = rest
    flow.started = now
  } else if (body.command === 'stop') {
    state.stopping.delete(flow.flowId)
    flow.stage = 'stopped'
    flow.upcomingStages = []
    flow.stopped = now
  } else {
    return boom(400, 'child "command" fails because ["command" must be one of [start, stop]]')
  }
  flow.stageChangeInfo = { changedAt: now, reason: `${body.command}-by-user` }
  return { status: 200, body: { flowId: flow.flowId, ticket: randomUUID() }, delayMs }
}
