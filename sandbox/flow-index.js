// @ts-check
/**
 * Finding a flow by id without a scan of every flow: `GET /flows/:id` on an account of 50,000
 * flows must not cost O(N). The index follows `state.flows` as tests and routes change it (push,
 * splice, replace the array): a hit is checked against the array, and a miss or a stale hit
 * rebuilds the index once. So a 404 costs one scan; a found flow costs none.
 */

/** @typedef {{array: unknown[], byId: Map<string, {flow: any, at: number}>, builds: number}} FlowIndex */

/** @type {WeakMap<object, FlowIndex>} */
const indexes = new WeakMap()

/**
 * The flow with this id, whoever may see it, or undefined.
 * @template {{flowId: string}} F
 * @param {{flows: F[]}} state
 * @param {string} flowId
 * @returns {F | undefined}
 */
export function flowById(state, flowId) {
  const index = indexes.get(state)
  const hit = index?.array === state.flows ? index.byId.get(flowId) : undefined
  if (hit && state.flows[hit.at] === hit.flow && hit.flow.flowId === flowId) return hit.flow
  return rebuild(state).byId.get(flowId)?.flow
}

/** How many times the index was built for this state: a test can check that lookups do not scan. @param {{flows: unknown[]}} state */
export function flowIndexBuilds(state) {
  return indexes.get(state)?.builds ?? 0
}

/** @param {{flows: Array<{flowId: string}>}} state */
function rebuild(state) {
  /** @type {FlowIndex['byId']} */
  const byId = new Map()
  state.flows.forEach((flow, at) => {
    if (!byId.has(flow.flowId)) byId.set(flow.flowId, { flow, at })
  })
  const index = { array: state.flows, byId, builds: (indexes.get(state)?.builds ?? 0) + 1 }
  indexes.set(state, index)
  return index
}
