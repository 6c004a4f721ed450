/**
 * Apply over a recording FlowApi: the vendor's order for running, stopped and absent flows,
 * bindings put back, and what was changed reported even when a step fails part way. (The same
 * paths against the real sandbox: __tests__/integration/flows-as-code.test.ts.)
 */
import { HttpError } from '../../src/errors.js'
import type { FlowApi, QueryPairs } from '../../src/flows-as-code/api.js'
import { accountAssignments, applyPlans, DeployError } from '../../src/flows-as-code/apply.js'
import type { FlowFile } from '../../src/flows-as-code/flow-file.js'
import { planFlow } from '../../src/flows-as-code/plan.js'

type Answer = unknown | ((body: unknown) => unknown)

/** A FlowApi answering from a table keyed `METHOD path`; an Error answer rejects. Records every request. */
function recordingApi(answers: Record<string, Answer>) {
  const requests: string[] = []
  const bodies: unknown[] = []
  const call = async (method: string, path: string, body: unknown, query: QueryPairs = []) => {
    const shown = `${method} ${path}${query.length ? `?${new URLSearchParams(query as [string, string][])}` : ''}`
    requests.push(shown)
    bodies.push(body)
    const key = `${method} ${path}`
    if (!(key in answers))
      throw new HttpError({ method, url: new URL(`http://t${path}`) }, { status: 404, statusText: 'Not Found' }, 'not found')
    const answer = answers[key]
    if (answer instanceof Error) throw answer
    return typeof answer === 'function' ? (answer as (body: unknown) => unknown)(body) : answer
  }
  const api: FlowApi = {
    getJson: (path, query) => call('GET', path, undefined, query),
    putJson: (path, body, query) => call('PUT', path, body, query),
    postJson: (path, body, query) => call('POST', path, body, query)
  }
  return { api, requests, bodies }
}

const FILE: FlowFile = { flowId: 'f1', name: 'Orders sync', flow: { a: { type: 'x.y.z.A', label: 'new' }, b: { type: 'x.y.z.B' } } }
const SOURCE = { file: 'flows/orders-sync.json', flow: FILE }
const live = (stage: string) => ({
  flowId: 'f1',
  name: 'Orders sync',
  stage,
  flow: { a: { type: 'x.y.z.A', label: 'old', version: '3.0.0' }, gone: { type: 'x.y.z.C' } }
})
const planned = (liveFlow: unknown) => [{ plan: planFlow(SOURCE, liveFlow), source: SOURCE }]

describe('applyPlans', () => {
  it('stops a running flow, updates it with forceUpdate, re-binds the components that remain, and starts it again', async () => {
    const { api, requests, bodies } = recordingApi({
      'GET /flows/f1': live('running'),
      'GET /accounts/flow/f1': { a: 'acc-1', gone: 'acc-2', b: null },
      'POST /flows/f1/coordinator': { flowId: 'f1' },
      'PUT /flows/f1': { flowId: 'f1', result: 'updated' },
      'PUT /auth/component/a/acc-1': { accountId: 'acc-1', componentId: 'a' }
    })
    const changed = await applyPlans(api, planned(live('running')))
    expect(requests).toEqual([
      'GET /flows/f1',
      'GET /accounts/flow/f1',
      'POST /flows/f1/coordinator',
      'PUT /flows/f1?forceUpdate=true',
      'PUT /auth/component/a/acc-1',
      'POST /flows/f1/coordinator'
    ])
    expect(bodies[2]).toEqual({ command: 'stop' })
    expect(bodies[3]).toEqual({
      name: 'Orders sync',
      flow: { a: { type: 'x.y.z.A', label: 'new', version: '3.0.0' }, b: { type: 'x.y.z.B' } }
    })
    expect(bodies[5]).toEqual({ command: 'start' })
    expect(changed).toEqual([{ flowId: 'f1', name: 'Orders sync', action: 'update', before: 'running', after: 'running' }])
  })

  it('updates a stopped flow without forceUpdate, and it stays stopped', async () => {
    const { api, requests } = recordingApi({
      'GET /flows/f1': live('stopped'),
      'GET /accounts/flow/f1': [{ componentId: 'a', accountId: 'acc-1' }],
      'PUT /flows/f1': { flowId: 'f1' },
      'PUT /auth/component/a/acc-1': {}
    })
    expect(await applyPlans(api, planned(live('stopped')))).toEqual([
      { flowId: 'f1', name: 'Orders sync', action: 'update', before: 'stopped', after: 'stopped' }
    ])
    expect(requests).toEqual(['GET /flows/f1', 'GET /accounts/flow/f1', 'PUT /flows/f1', 'PUT /auth/component/a/acc-1'])
  })

  it('creates an absent flow with its id, stopped', async () => {
    const { api, requests, bodies } = recordingApi({ 'PUT /flows/f1': { flowId: 'f1' } })
    expect(await applyPlans(api, planned(undefined))).toEqual([
      { flowId: 'f1', name: 'Orders sync', action: 'create', before: 'absent', after: 'stopped' }
    ])
    expect(requests).toEqual(['GET /flows/f1', 'PUT /flows/f1'])
    expect(bodies[1]).toEqual({ name: 'Orders sync', flow: FILE.flow })
  })

  it('sends nothing at all for an unchanged flow', async () => {
    const { api, requests } = recordingApi({})
    const same = { ...live('running'), flow: FILE.flow }
    expect(await applyPlans(api, planned(same))).toEqual([])
    expect(requests).toEqual([])
  })

  it('encodes ids in paths', async () => {
    const odd = { file: 'x.json', flow: { ...FILE, flowId: 'a:b' } }
    const { api, requests } = recordingApi({ 'PUT /flows/a%3Ab': {} })
    await applyPlans(api, [{ plan: planFlow(odd, undefined), source: odd }])
    expect(requests).toEqual(['GET /flows/a%3Ab', 'PUT /flows/a%3Ab'])
  })

  it('reports a flow it stopped when the update then failed, and what earlier flows it changed', async () => {
    const other = { file: 'flows/other.json', flow: { ...FILE, flowId: 'f0', name: 'Other' } }
    const refused = new HttpError(
      { method: 'PUT', url: new URL('http://t/flows/f1') },
      { status: 400, statusText: 'Bad Request' },
      'PUT /flows/f1 answered 400'
    )
    const { api, requests } = recordingApi({
      'PUT /flows/f0': { flowId: 'f0' },
      'GET /flows/f1': live('running'),
      'GET /accounts/flow/f1': {},
      'POST /flows/f1/coordinator': {},
      'PUT /flows/f1': refused
    })
    const error = (await applyPlans(api, [{ plan: planFlow(other, undefined), source: other }, ...planned(live('running'))]).catch(
      caught => caught
    )) as DeployError
    expect(error).toBeInstanceOf(DeployError)
    expect(error.message).toBe("Deploying 'flows/orders-sync.json' (flow 'Orders sync') failed: PUT /flows/f1 answered 400")
    expect(error.changed).toEqual([
      { flowId: 'f0', name: 'Other', action: 'create', before: 'absent', after: 'stopped' },
      { flowId: 'f1', name: 'Orders sync', action: 'stop', before: 'running', after: 'stopped' }
    ])
    expect(requests.at(-1)).toBe('PUT /flows/f1?forceUpdate=true')
  })

  it('writes nothing when the account assignments cannot be read', async () => {
    const { api, requests } = recordingApi({ 'GET /flows/f1': live('running'), 'GET /accounts/flow/f1': 'oops' })
    const error = (await applyPlans(api, planned(live('running'))).catch(caught => caught)) as DeployError
    expect(error.message).toMatch(/account assignments .* could not be read, so the flow was not written/)
    expect(error.changed).toEqual([])
    expect(requests).toEqual(['GET /flows/f1', 'GET /accounts/flow/f1'])
  })

  it('refuses a flow Appmixer created under another id', async () => {
    const { api } = recordingApi({ 'PUT /flows/f1': { flowId: 'other' } })
    await expect(applyPlans(api, planned(undefined))).rejects.toThrow(/created it as 'other' instead of 'f1'/)
  })
})

describe('accountAssignments', () => {
  it('reads the object and the list form, skipping unbound components', () => {
    expect(accountAssignments({ b: 'acc-2', a: 'acc-1', c: null })).toEqual([
      ['a', 'acc-1'],
      ['b', 'acc-2']
    ])
    expect(
      accountAssignments([
        { componentId: 'a', accountId: 'acc-1' },
        { componentId: 'c', accountId: null }
      ])
    ).toEqual([['a', 'acc-1']])
    expect(accountAssignments({})).toEqual([])
    for (const bad of [null, 'x', [1], { a: 3 }, [{ accountId: 'x' }]]) expect(() => accountAssignments(bad)).toThrow(/could not be read/)
  })
})
