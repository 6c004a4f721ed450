// @ts-check
/**
 * Flow writes and account bindings of the sandbox, as docs/appmixer-api.md §13 and
 * §12.13 describe a real tenant: `PUT /flows/:id` creates a flow with that id when absent and
 * refuses a running flow without `forceUpdate=true`; every PUT drops the flow's account bindings
 * (the vendor's note) and the engine stamps a `version` on each component without one;
 * `POST /flows` creates under a new id. Bindings: `PUT|DELETE /auth/component/…` and
 * `GET /accounts/flow/:flowId`.
 */
import { assignAccount, dropAssignments } from './accounts.js'
import { randomUUID } from 'node:crypto'

/**
 * @typedef {{
 *   componentVersions?: Record<string, string>
 * }} FlowWritesOptions
 * `componentVersions`: the version the engine stamps per component type ('1.0.0' for any other).
 */

const TEXT = /** @type {Record<number, string>} */ ({ 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' })

/** What a flow write may set; anything else (stage, userId, btime…) is refused, as a Joi schema would. */
const WRITABLE = new Set([
  'name',
  'description',
  'type',
  'customFields',
  'flow',
  'thumbnail',
  'sharedWith',
  'wizard',
  'categories',
  'templateId',
  'originFlowId',
  'revision',
  'componentIdMap'
])

/** @param {number} status @param {string} message */
function boom(status, message) {
  return { status, body: { statusCode: status, error: TEXT[status] ?? 'Error', message } }
}

/**
 * The routes of this module, or undefined for a request that is not one of them.
 * @param {import('./server.js').SandboxState} state
 * @param {import('./server.js').SandboxUser} user
 * @param {import('./server.js').LoggedRequest} request
 * @param {(flow: import('./server.js').SandboxFlow) => boolean} visible whether the user may see the flow
 * @returns {{status: number, body: unknown} | undefined}
 */
export function routeFlowWrites(state, user, request, visible) {
  const { method, path } = request
  const flowMatch = /^\/flows\/([^/]+)$/.exec(path)
  if (method === 'PUT' && flowMatch) return putFlow(state, user, request, decodeURIComponent(flowMatch[1]), visible)
  if (method === 'POST' && path === '/flows') {
    const body = payload(request)
    if ('status' in body) return body
    return { status: 200, body: { flowId: create(state, user, randomUUID(), body.value).flowId } }
  }
  const bindMatch = /^\/auth\/component\/([^/]+)(?:\/([^/]+))?$/.exec(path)
  if (bindMatch && ((method === 'PUT' && bindMatch[2]) || (method === 'DELETE' && !bindMatch[2]))) {
    const componentId = decodeURIComponent(bindMatch[1])
    if (!state.flows.some(flow => visible(flow) && componentId in (flow.flow ?? {})))
      return boom(404, `Component ${componentId} not found.`)
    if (method === 'DELETE') {
      state.assignments.delete(componentId)
      return { status: 200, body: { componentId } }
    }
    const accountId = decodeURIComponent(/** @type {string} */ (bindMatch[2]))
    assignAccount(state, componentId, accountId)
    return { status: 200, body: { accountId, componentId } }
  }
  return undefined
}

/**
 * @param {import('./server.js').SandboxState} state @param {import('./server.js').SandboxUser} user
 * @param {import('./server.js').LoggedRequest} request @param {string} flowId
 * @param {(flow: import('./server.js').SandboxFlow) => boolean} visible
 */
function putFlow(state, user, request, flowId, visible) {
  const body = payload(request)
  if ('status' in body) return body
  const flow = state.flows.find(candidate => candidate.flowId === flowId)
  if (!flow) return { status: 200, body: { flowId: create(state, user, flowId, body.value).flowId, result: 'created' } }
  if (!visible(flow)) return boom(403, 'Access denied.')
  if (flow.stage === 'running' && request.query.get('forceUpdate') !== 'true') {
    return boom(409, 'A running flow cannot be updated unless forceUpdate=true')
  }
  dropAssignments(state, flowId)
  Object.assign(flow, stamped(state, body.value), { mtime: new Date().toISOString() })
  return { status: 200, body: { flowId, result: 'updated' } }
}

/**
 * A new flow, stopped, owned by the signed-in user.
 * @param {import('./server.js').SandboxState} state @param {import('./server.js').SandboxUser} user
 * @param {string} flowId @param {Record<string, unknown>} fields
 */
function create(state, user, flowId, fields) {
  const now = new Date().toISOString()
  /** @type {import('./server.js').SandboxFlow} */
  const flow = {
    flowId,
    userId: user.id,
    name: 'Untitled flow',
    type: 'automation',
    customFields: {},
    sharedWith: [],
    flow: {},
    ...stamped(state, fields),
    stage: 'stopped',
    btime: now,
    mtime: now
  }
  state.flows.push(flow)
  return flow
}

/** The fields with each component given the engine's version when it has none. @param {import('./server.js').SandboxState} state @param {Record<string, any>} fields */
function stamped(state, fields) {
  if (!fields.flow) return fields
  const versions = state.realWorld.flowWrites.componentVersions ?? {}
  /** @type {Record<string, unknown>} */
  const flow = {}
  for (const [id, component] of Object.entries(fields.flow)) {
    flow[id] = component.version === undefined ? { ...component, version: versions[component.type] ?? '1.0.0' } : component
  }
  return { ...fields, flow }
}

/**
 * The JSON body of a flow write, checked: an object of writable fields, its `flow` a map of
 * components that each have a `type` (the one field the descriptor schema requires).
 * @param {import('./server.js').LoggedRequest} request
 * @returns {{value: Record<string, any>} | {status: number, body: unknown}}
 */
function payload(request) {
  /** @type {unknown} */
  let value
  try {
    value = JSON.parse(request.body || '{}')
  } catch {
    return boom(400, 'Invalid request payload JSON format')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return boom(400, '"value" must be an object')
  const record = /** @type {Record<string, any>} */ (value)
  const refused = Object.keys(record).find(key => !WRITABLE.has(key))
  if (refused) return boom(400, `"${refused}" is not allowed`)
  if (record.flow !== undefined) {
    if (typeof record.flow !== 'object' || record.flow === null || Array.isArray(record.flow)) return boom(400, '"flow" must be an object')
    for (const [id, component] of Object.entries(record.flow)) {
      if (typeof component?.type !== 'string') return boom(400, `Invalid flow descriptor: component ${id} has no type`)
    }
  }
  return { value: record }
}
