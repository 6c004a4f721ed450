// @ts-check
/**
 * Integration templates of the sandbox (docs/appmixer-api.md §14):
 * `POST /integrations/:templateId/update-integration-instances {inProgressData}` answers a ticket,
 * and `GET /integrations/status/:ticket` reports it `in-progress` for a few reads, then
 * `completed` (having copied the template's descriptor into each of its instances: the flows with
 * `type: 'integration-instance'` and `originFlowId` the template's id) or `failed`.
 */
import { randomUUID } from 'node:crypto'

/**
 * @typedef {{
 *   statusField?: 'state' | 'status',
 *   inProgressReads?: number,
 *   failWith?: string
 * }} IntegrationsOptions
 * `statusField`: the name of the state field (`state` by default; older engines say `status`).
 * `inProgressReads`: how many status reads answer `in-progress` before the rollout completes (1).
 * `failWith`: the rollout fails with this error text instead of completing.
 * @typedef {{templateId: string, reads: number, done: boolean}} Rollout
 */

/** @param {number} status @param {string} message */
function boom(status, message) {
  return { status, body: { statusCode: status, error: status === 404 ? 'Not Found' : 'Bad Request', message } }
}

/**
 * @param {import('./server.js').SandboxState} state
 * @param {import('./server.js').LoggedRequest} request
 * @param {(flow: import('./server.js').SandboxFlow) => boolean} visible whether the user may see the flow
 * @returns {{status: number, body: unknown} | undefined}
 */
export function routeIntegrations(state, request, visible) {
  const { method, path } = request
  const update = /^\/integrations\/([^/]+)\/update-integration-instances$/.exec(path)
  if (method === 'POST' && update) {
    const templateId = decodeURIComponent(update[1])
    const template = state.flows.find(flow => flow.flowId === templateId && visible(flow))
    if (!template) return boom(404, `Integration ${templateId} not found.`)
    if (template.type !== 'integration-template') return boom(400, `Flow ${templateId} is not an integration template.`)
    /** @type {any} */
    let body
    try {
      body = JSON.parse(request.body || '{}')
    } catch {
      return boom(400, 'Invalid request payload JSON format')
    }
    if (body.inProgressData !== 'keep' && body.inProgressData !== 'delete') {
      return boom(400, 'child "inProgressData" fails because ["inProgressData" must be one of [keep, delete]]')
    }
    const ticket = randomUUID()
    state.rollouts.set(ticket, { templateId, reads: 0, done: false })
    return { status: 200, body: { ticket } }
  }
  const status = /^\/integrations\/status\/([^/]+)$/.exec(path)
  if (method === 'GET' && status) {
    const rollout = state.rollouts.get(decodeURIComponent(status[1]))
    if (!rollout) return boom(404, `Ticket ${status[1]} not found.`)
    return { status: 200, body: readStatus(state, rollout) }
  }
  return undefined
}

/** One read of a rollout's status; the read that completes it copies the template into its instances. @param {import('./server.js').SandboxState} state @param {Rollout} rollout */
function readStatus(state, rollout) {
  const options = state.realWorld.integrations
  const field = options.statusField ?? 'state'
  const instances = state.flows.filter(flow => flow.type === 'integration-instance' && flow.originFlowId === rollout.templateId)
  rollout.reads++
  if (rollout.reads <= (options.inProgressReads ?? 1)) {
    return { [field]: 'in-progress', progress: 0, stepsTotal: instances.length }
  }
  if (options.failWith !== undefined) return { [field]: 'failed', progress: 0, stepsTotal: instances.length, error: options.failWith }
  if (!rollout.done) {
    const template = state.flows.find(flow => flow.flowId === rollout.templateId)
    for (const instance of instances) {
      instance.flow = structuredClone(template?.flow ?? {})
      instance.mtime = new Date().toISOString()
    }
    rollout.done = true
  }
  return { [field]: 'completed', progress: instances.length, stepsTotal: instances.length }
}
