// @ts-check
/**
 * Connected accounts (docs/appmixer-api.md §11): `GET /accounts`, `GET /accounts/:id`,
 * `GET /accounts/:id/flows`, `GET /accounts/flow/:flowId` and `POST /accounts/:id/test`.
 *
 * Which account a component uses lives in one map, `state.assignments` (componentId →
 * accountId), which the `/auth/component` routes change too, through assignAccount and
 * dropAssignments.
 */
import { flowById } from './flow-index.js'
import { filterFlows } from './queries.js'

/**
 * What `POST /accounts/:id/test` answers for an account:
 * - `valid`, `refreshed`, `invalid`: 200 `{<tokenId>: <that word>}`, the documented form;
 * - `ok`: 200 `{ok: true}`, as the vendor's tooling expects it;
 * - `empty`: 200 `{}`;
 * - `error-500`: a 500 Boom body; `error-400`: a 400 Boom body wrapping a 401 from the service.
 * @typedef {'valid' | 'refreshed' | 'invalid' | 'ok' | 'empty' | 'error-500' | 'error-400'} AccountTest
 * @typedef {{accountId: string, name: string, displayName: string, service: string, userId: string,
 *   profileInfo: object, icon: string, label: string, tokenId: string, test: AccountTest}} SandboxAccount
 * @typedef {{accounts: SandboxAccount[], assignments: Map<string, string>, accountTests: Map<string, number>,
 *   flows: Array<{flowId: string, name: string, flow: object}>}} AccountState
 */

/**
 * Binds a component to an account (`PUT /auth/component/:componentId/:accountId`); `null` unbinds it.
 * @param {{assignments: Map<string, string>}} state @param {string} componentId @param {string | null} accountId
 */
export function assignAccount(state, componentId, accountId) {
  if (accountId === null) state.assignments.delete(componentId)
  else state.assignments.set(componentId, accountId)
}

/**
 * The account assignments of a flow, as `GET /accounts/flow/:flowId` answers them:
 * `{componentId: accountId | null}` for each component that is bound or that needs an account.
 * A component needs one unless it is one of Appmixer's own utilities (`appmixer.utils.*`).
 * Undefined when there is no such flow.
 * @param {Pick<AccountState, 'flows' | 'assignments'>} state @param {string} flowId
 * @returns {Record<string, string | null> | undefined}
 */
export function accountsOfFlow(state, flowId) {
  const flow = flowById(state, flowId)
  if (!flow) return undefined
  /** @type {Record<string, string | null>} */
  const assigned = {}
  for (const [componentId, component] of Object.entries(/** @type {Record<string, any>} */ (flow.flow ?? {}))) {
    const accountId = state.assignments.get(componentId)
    if (accountId !== undefined) assigned[componentId] = accountId
    else if (!String(component?.type ?? '').startsWith('appmixer.utils.')) assigned[componentId] = null
  }
  return assigned
}

/**
 * Drops the bindings of a flow's components, as a plain `PUT /flows/:id` does. Call it before the
 * flow's components are replaced, while their ids are still in the flow.
 * @param {Pick<AccountState, 'flows' | 'assignments'>} state @param {string} flowId
 */
export function dropAssignments(state, flowId) {
  const flow = flowById(state, flowId)
  for (const componentId of Object.keys(flow?.flow ?? {})) state.assignments.delete(componentId)
}

/** The account as the API shows it, without the sandbox's scripting fields. @param {SandboxAccount} account */
function visibleAccount(account) {
  const { tokenId: _tokenId, test: _test, ...visible } = account
  return visible
}

/**
 * @param {AccountState} state
 * @param {{id: string}} user
 * @param {{method: string, path: string, query: URLSearchParams}} request
 * @param {(flowId: string) => boolean} canSeeFlow
 * @returns {{status: number, body: unknown} | undefined} undefined when the path is not an accounts route
 */
export function routeAccounts(state, user, request, canSeeFlow) {
  const { method, path } = request
  if (!path.startsWith('/accounts')) return undefined
  const own = state.accounts.filter(account => account.userId === user.id)
  if (method === 'GET' && path === '/accounts') {
    return { status: 200, body: filterFlows(own, request.query.getAll('filter'), null).map(visibleAccount) }
  }
  const ofFlow = /^\/accounts\/flow\/([^/]+)$/.exec(path)
  if (ofFlow) {
    if (method !== 'GET') return undefined
    const assigned = canSeeFlow(ofFlow[1]) ? accountsOfFlow(state, ofFlow[1]) : undefined
    return assigned ? { status: 200, body: assigned } : boom(404, `Flow ${ofFlow[1]} not found.`)
  }
  const match = /^\/accounts\/([^/]+)(\/flows|\/test)?$/.exec(path)
  if (!match) return undefined
  const account = own.find(candidate => candidate.accountId === match[1])
  if (!account) return boom(404, `Account ${match[1]} not found.`)
  if (method === 'GET' && !match[2]) return { status: 200, body: visibleAccount(account) }
  if (method === 'GET' && match[2] === '/flows') {
    const componentIds = new Set([...state.assignments].filter(([, accountId]) => accountId === account.accountId).map(([id]) => id))
    const flows = state.flows.filter(
      flow => canSeeFlow(flow.flowId) && Object.keys(flow.flow ?? {}).some(componentId => componentIds.has(componentId))
    )
    return { status: 200, body: flows.map(flow => ({ flowId: flow.flowId, name: flow.name })) }
  }
  if (method === 'POST' && match[2] === '/test') {
    state.accountTests.set(account.accountId, (state.accountTests.get(account.accountId) ?? 0) + 1)
    switch (account.test) {
      case 'ok':
        return { status: 200, body: { ok: true } }
      case 'empty':
        return { status: 200, body: {} }
      case 'error-500':
        return boom(500, 'An internal server error occurred')
      case 'error-400':
        return boom(400, 'Request failed with status code 401')
      default:
        return { status: 200, body: { [account.tokenId]: account.test } }
    }
  }
  return undefined
}

/** @param {number} status @param {string} message */
function boom(status, message) {
  const error = /** @type {Record<number, string>} */ ({ 400: 'Bad Request', 404: 'Not Found', 500: 'Internal Server Error' })[status]
  return { status, body: { statusCode: status, error, message } }
}
