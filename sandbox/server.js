// @ts-check
/**
 * A local stand-in for the Appmixer REST API, built from shared/appmixer-api.md: sign-in,
 * HS256 tokens that expire, Boom error bodies, flows, the coordinator and Insights logs. Tests
 * script it (faults, stage changes, token lifetime) and read its request log. A dev tool: it is
 * never part of the action's bundle.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import { signJwt, verifyJwt } from './jwt.js'
import { routeFlowWrites } from './flow-writes.js'
import { routeIntegrations } from './integrations.js'
import { acceptUpload, uploadStatus } from './publishing.js'
import { filterFlows, luceneMatcher, project, sortBy } from './queries.js'
import { DEMO_USER, demoFlows } from './seed.js'

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
 *   assignments: Map<string, string>, rollouts: Map<string, import('./integrations.js').Rollout>}} SandboxState
 */

const STATUS_TEXT = /** @type {Record<number, string>} */ ({ 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' })

/**
 * How a real tenant is less kind than a simple stand-in (shared/appmixer-api.md §11); each is off
 * unless a test asks for it.
 * @typedef {{
 *   unstableOrder?: boolean,
 *   ignorePaging?: boolean,
 *   coordinatorDelayMs?: number,
 *   rawLogHits?: boolean,
 *   publishing?: import('./publishing.js').PublishingOptions,
 *   flowWrites?: import('./flow-writes.js').FlowWritesOptions,
 *   integrations?: import('./integrations.js').IntegrationsOptions
 * }} RealWorld
 */

/**
 * @param {{users?: SandboxUser[], flows?: SandboxFlow[], logs?: object[], tokenLifetimeSeconds?: number,
 *   tls?: {key: string | Buffer, cert: string | Buffer}, host?: string, port?: number} & RealWorld} [options]
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
    // Tests move the sandbox's clock forward to make tokens expire without waiting.
    clockOffsetSeconds: 0,
    // Every token handed out, so tests can check that none of them leaked.
    issuedTokens: [],
    realWorld: {
      unstableOrder: options.unstableOrder ?? false,
      ignorePaging: options.ignorePaging ?? false,
      coordinatorDelayMs: options.coordinatorDelayMs ?? 0,
      rawLogHits: options.rawLogHits ?? false,
      publishing: options.publishing ?? {},
      flowWrites: options.flowWrites ?? {},
      integrations: options.integrations ?? {}
    },
    /** Connector uploads by ticket, with their unpacked entries, for tests to look into. */
    uploads: new Map(),
    /** Background stops under way: flowId → when they complete (epoch ms). */
    stopping: new Map(),
    /** Account bindings: componentId → accountId. */
    assignments: new Map(),
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
        const { status, body, delayMs = 0 } = route(state, logged)
        logged.status = status
        const text = typeof body === 'string' ? body : JSON.stringify(body)
        const send = () => {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...fault?.headers })
          res.end(text)
        }
        if (delayMs > 0) setTimeout(send, delayMs)
        else send()
      }
      if (fault?.delayMs) setTimeout(answer, fault.delayMs)
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
 * @returns {{status: number, body: unknown, delayMs?: number}}
 */
function route(state, request) {
  const { method, path } = request
  if (method === 'GET' && path === '/') {
    return { status: 200, body: { name: 'appmixer-sandbox', version: '6.4.0-sandbox', url: `http://${request.headers.host ?? 'sandbox'}` } }
  }
  if (method === 'POST' && path === '/user/auth') return signIn(state, request)

  const auth = authenticate(state, request)
  if ('status' in auth) return auth
  const user = auth.user

  if (method === 'GET' && path === '/user') {
    const { password: _password, ...visible } = user
    return { status: 200, body: visible }
  }
  const canSee = (/** @type {SandboxFlow} */ flow) => visibleFlows(state, user).includes(flow)
  const written = routeFlowWrites(state, user, request, canSee) ?? routeIntegrations(state, request, canSee)
  if (written) return written
  if (method === 'GET' && path === '/flows') return { status: 200, body: listFlows(state, user, request.query) }
  if (method === 'GET' && path === '/flows/count') {
    return {
      status: 200,
      body: { count: filterFlows(visibleFlows(state, user), request.query.getAll('filter'), request.query.get('pattern')).length }
    }
  }
  const flowMatch = /^\/flows\/([^/]+)(\/coordinator(\/status)?)?$/.exec(path)
  if (flowMatch) {
    const flow = visibleFlows(state, user).find(candidate => candidate.flowId === flowMatch[1])
    if (!flow) return boom(404, `Flow ${flowMatch[1]} not found.`)
    settleStops(state)
    if (method === 'GET' && !flowMatch[2]) {
      advanceStage(flow)
      return { status: 200, body: project(visibleFlow(flow), request.query.get('projection')) }
    }
    if (method === 'GET' && flowMatch[3]) {
      const busy = state.stopping.has(flow.flowId)
      return { status: 200, body: { status: busy ? 'in-progress' : 'completed', stepsTotal: 1, stepsDone: busy ? 0 : 1 } }
    }
    if (method === 'POST' && flowMatch[2] && !flowMatch[3]) return coordinate(state, flow, request)
  }
  if (method === 'GET' && path === '/logs') return queryLogs(state, user, request.query)
  if (method === 'POST' && path === '/components') {
    return acceptUpload(request.bytes, request.headers['content-type'], state.uploads, state.realWorld.publishing)
  }
  const ticketMatch = /^\/components\/uploader\/([^/]+)$/.exec(path)
  if (method === 'GET' && ticketMatch) return uploadStatus(ticketMatch[1], state.uploads, state.realWorld.publishing)
  return boom(404, 'Not Found')
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

/** @param {SandboxState} state */
function nowSeconds(state) {
  return Math.floor(Date.now() / 1000) + state.clockOffsetSeconds
}

/**
 * The user's own flows and the flows shared with them (by user id or email), as `GET /flows`
 * lists them.
 * @param {SandboxState} state @param {SandboxUser} user
 */
function visibleFlows(state, user) {
  return state.flows.filter(
    flow =>
      flow.userId === user.id ||
      (flow.sharedWith ?? []).some((/** @type {any} */ share) => share.userId === user.id || (share.email && share.email === user.email))
  )
}

/** Background stops whose time has come: the flow is now stopped. @param {SandboxState} state */
function settleStops(state) {
  for (const [flowId, at] of state.stopping) {
    if (Date.now() < at) continue
    const flow = state.flows.find(candidate => candidate.flowId === flowId)
    if (flow) {
      flow.stage = 'stopped'
      flow.stopped = new Date().toISOString()
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

/** @param {SandboxState} state @param {SandboxUser} user @param {URLSearchParams} query */
function listFlows(state, user, query) {
  settleStops(state)
  const matching = filterFlows(visibleFlows(state, user), query.getAll('filter'), query.get('pattern'))
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
  return page.map(flow => project(visibleFlow(flow), query.get('projection')))
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
 * except a stop with `background=true`, which answers at once and completes later.
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
  const now = new Date().toISOString()
  const delayMs = state.realWorld.coordinatorDelayMs
  if (body.command === 'stop' && request.query.get('background') === 'true') {
    state.stopping.set(flow.flowId, Date.now() + delayMs)
    flow.upcomingStages = []
    flow.stageChangeInfo = { changedAt: now, reason: 'stop-by-user' }
    return { status: 200, body: { flowId: flow.flowId, ticket: flow.flowId } }
  }
  if (body.command === 'start') {
    if (typeof flow.startError === 'string') return boom(400, flow.startError)
    if (flow.startError) return { status: 400, body: { ...boomBody(400, flow.startError.message), details: flow.startError.details } }
    const [first, ...rest] = flow.startStages ?? ['running']
    flow.stage = first
    flow.upcomingStages = rest
    flow.started = now
  } else if (body.command === 'stop') {
    flow.stage = 'stopped'
    flow.upcomingStages = []
    flow.stopped = now
  } else {
    return boom(400, 'child "command" fails because ["command" must be one of [start, stop]]')
  }
  flow.stageChangeInfo = { changedAt: now, reason: `${body.command}-by-user` }
  return { status: 200, body: { flowId: flow.flowId, ticket: randomUUID() }, delayMs }
}

/**
 * `GET /logs`: flat records as documented, or with `rawLogHits` raw Elasticsearch hits (the
 * record under `_source`, its level in `level`), as some tenants answer.
 * @param {SandboxState} state @param {SandboxUser} user @param {URLSearchParams} query
 */
function queryLogs(state, user, query) {
  const own = new Set(visibleFlows(state, user).map(flow => flow.flowId))
  const flowIds = query.getAll('flowId')
  let matches
  try {
    matches = luceneMatcher(query.get('query') ?? '')
  } catch (error) {
    return boom(400, /** @type {Error} */ (error).message)
  }
  const hits = state.logs.filter(
    record =>
      own.has(record.flowId) &&
      (flowIds.length === 0 || flowIds.includes(record.flowId)) &&
      matches({ ...record, severity: record.severity ?? record.level })
  )
  const sorted = query.getAll('sort').length ? sortBy(hits, query.getAll('sort')) : hits
  const from = Number(query.get('from') ?? 0)
  const size = Number(query.get('size') ?? 50)
  const page = sorted.slice(from, from + size)
  if (!state.realWorld.rawLogHits) return { status: 200, body: { buckets: [], hits: page } }
  const raw = page.map((record, index) => {
    const { severity, ...rest } = record
    return { _index: 'appmixer-2026', _id: `hit-${from + index}`, _source: { ...rest, level: rest.level ?? severity } }
  })
  return { status: 200, body: { buckets: [], hits: raw } }
}
