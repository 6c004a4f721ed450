/**
 * The sandbox's flow writes, account bindings and integration rollouts, pinned over HTTP: the
 * deploy's tests are only as good as this stand-in of docs/appmixer-api.md §13 and §14.
 */
import { startSandbox } from '../../sandbox/server.js'
import { makeFlow } from '../../sandbox/seed.js'
import { assignAccount } from '../../sandbox/accounts.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
type Options = Parameters<typeof startSandbox>[0]
const sandboxes: Sandbox[] = []
afterAll(() => Promise.all(sandboxes.map(sandbox => sandbox.close())))

const COMPONENT = { type: 'appmixer.slack.list.Send', label: 'Send', source: {}, x: 1, y: 2, config: { properties: { channel: 'C1' } } }

async function sandboxWith(options: Options = {}) {
  const sandbox = await startSandbox({
    flows: [
      makeFlow('Running', 'running', { flowId: 'run-1', description: 'd', type: 'automation', thumbnail: 'data:x', runtimeErrors: [] }),
      makeFlow('Stopped', 'stopped', { flowId: 'stop-1', flow: { c1: { ...COMPONENT, version: '2.0.0' } } }),
      makeFlow('Template', 'stopped', { flowId: 'tpl-1', type: 'integration-template', flow: { t1: COMPONENT } }),
      makeFlow('Instance A', 'running', { flowId: 'inst-a', type: 'integration-instance', originFlowId: 'tpl-1' }),
      makeFlow('Instance B', 'stopped', { flowId: 'inst-b', type: 'integration-instance', originFlowId: 'tpl-1' }),
      makeFlow('Unrelated instance', 'stopped', { flowId: 'inst-x', type: 'integration-instance', originFlowId: 'other' })
    ],
    ...options
  })
  sandboxes.push(sandbox)
  const token = sandbox.tokenFor()
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    return { status: response.status, body: (await response.json()) as any } // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  return { sandbox, api }
}

describe('GET /flows/:id', () => {
  it('answers the whole flow, server fields included, and honours projection', async () => {
    const { api } = await sandboxWith()
    const { body } = await api('GET', '/flows/run-1')
    for (const field of [
      'flowId',
      'name',
      'description',
      'type',
      'customFields',
      'flow',
      'stage',
      'userId',
      'btime',
      'mtime',
      'thumbnail'
    ]) {
      expect(body).toHaveProperty(field)
    }
    expect((await api('GET', '/flows/run-1?projection=-thumbnail,-flow')).body.thumbnail).toBeUndefined()
  })
})

describe('PUT /flows/:id', () => {
  it('creates an absent flow with that id, stopped, owned by the signed-in user, versions stamped', async () => {
    const { sandbox, api } = await sandboxWith({ flowWrites: { componentVersions: { 'appmixer.slack.list.Send': '4.2.0' } } })
    const created = await api('PUT', '/flows/new-1', {
      name: 'New',
      customFields: { env: 'prod' },
      flow: { c1: COMPONENT, c2: { type: 'x.y.z.Other' } }
    })
    expect(created).toEqual({ status: 200, body: { flowId: 'new-1', result: 'created' } })
    const { body } = await api('GET', '/flows/new-1')
    expect(body).toMatchObject({ flowId: 'new-1', name: 'New', stage: 'stopped', userId: sandbox.state.users[0].id, type: 'automation' })
    expect(body.flow.c1.version).toBe('4.2.0')
    expect(body.flow.c2.version).toBe('1.0.0')
  })

  it('refuses a running flow without forceUpdate=true (409), and updates it with it, keeping it running', async () => {
    const { sandbox, api } = await sandboxWith()
    const before = sandbox.state.flows.find(flow => flow.flowId === 'run-1')!.mtime
    expect(await api('PUT', '/flows/run-1', { name: 'Renamed' })).toEqual({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'A running flow cannot be updated unless forceUpdate=true' }
    })
    expect((await api('PUT', '/flows/run-1?forceUpdate=true', { name: 'Renamed' })).body).toEqual({ flowId: 'run-1', result: 'updated' })
    const { body } = await api('GET', '/flows/run-1')
    expect(body).toMatchObject({ name: 'Renamed', stage: 'running', description: 'd' })
    expect(body.mtime).not.toBe(before)
  })

  it('keeps a version the body gives, stamps one where it gives none, and drops the account bindings', async () => {
    const { sandbox, api } = await sandboxWith()
    expect((await api('PUT', '/auth/component/c1/acc-1')).body).toEqual({ accountId: 'acc-1', componentId: 'c1' })
    expect((await api('GET', '/accounts/flow/stop-1')).body).toEqual({ c1: 'acc-1' })
    await api('PUT', '/flows/stop-1', { flow: { c1: { ...COMPONENT, version: '2.0.0' }, c9: { type: 'x.y.z.Z' } } })
    expect((await api('GET', '/accounts/flow/stop-1')).body).toEqual({ c1: null, c9: null })
    const flow = sandbox.state.flows.find(candidate => candidate.flowId === 'stop-1')!.flow as Record<string, { version: string }>
    expect([flow.c1.version, flow.c9.version]).toEqual(['2.0.0', '1.0.0'])
  })

  it('refuses server fields and a malformed descriptor with 400', async () => {
    const { api } = await sandboxWith()
    expect((await api('PUT', '/flows/stop-1', { stage: 'running' })).body.message).toBe('"stage" is not allowed')
    expect((await api('PUT', '/flows/stop-1', { flowId: 'stop-1' })).status).toBe(400)
    expect((await api('PUT', '/flows/stop-1', { flow: { c1: { label: 'x' } } })).body.message).toMatch(/component c1 has no type/)
    expect((await api('PUT', '/flows/stop-1', { flow: [] })).status).toBe(400)
  })

  it('logs every request, so a test can tell that nothing was written', async () => {
    const { sandbox, api } = await sandboxWith()
    await api('GET', '/flows/stop-1')
    await api('PUT', '/flows/stop-1', { name: 'x' })
    expect(sandbox.requests.map(({ method, path }) => `${method} ${path}`)).toEqual(['GET /flows/stop-1', 'PUT /flows/stop-1'])
  })
})

describe('POST /flows', () => {
  it('creates a flow under a new id', async () => {
    const { api } = await sandboxWith()
    const { body } = await api('POST', '/flows', { name: 'Fresh', flow: {} })
    expect(Object.keys(body)).toEqual(['flowId'])
    expect((await api('GET', `/flows/${body.flowId}`)).body).toMatchObject({ name: 'Fresh', stage: 'stopped' })
  })
})

describe('account bindings', () => {
  it('binds, lists and unbinds; unknown components and flows are 404', async () => {
    const { sandbox, api } = await sandboxWith()
    assignAccount(sandbox.state, 't1', 'acc-9')
    expect((await api('GET', '/accounts/flow/tpl-1')).body).toEqual({ t1: 'acc-9' })
    expect((await api('DELETE', '/auth/component/t1')).body).toEqual({ componentId: 't1' })
    expect((await api('GET', '/accounts/flow/tpl-1')).body).toEqual({ t1: null })
    expect((await api('PUT', '/auth/component/nope/acc-1')).status).toBe(404)
    expect((await api('GET', '/accounts/flow/nope')).status).toBe(404)
  })
})

describe('integration rollouts', () => {
  it('answers a ticket, reports in-progress, then completes, having copied the template into its instances', async () => {
    const { sandbox, api } = await sandboxWith({ integrations: { inProgressReads: 2 } })
    const { body } = await api('POST', '/integrations/tpl-1/update-integration-instances', { inProgressData: 'keep' })
    expect(body).toEqual({ ticket: expect.any(String) })
    const status = () => api('GET', `/integrations/status/${body.ticket}`)
    expect((await status()).body).toEqual({ state: 'in-progress', progress: 0, stepsTotal: 2 })
    expect((await status()).body.state).toBe('in-progress')
    expect(sandbox.state.flows.find(flow => flow.flowId === 'inst-a')!.flow).not.toHaveProperty('t1')
    expect((await status()).body).toEqual({ state: 'completed', progress: 2, stepsTotal: 2 })
    const flowOf = (id: string) => sandbox.state.flows.find(flow => flow.flowId === id)!.flow
    expect(flowOf('inst-a')).toEqual({ t1: COMPONENT })
    expect(flowOf('inst-b')).toEqual({ t1: COMPONENT })
    expect(flowOf('inst-x')).not.toHaveProperty('t1')
  })

  it('can name the field `status`, as older engines do, and can fail with an error text', async () => {
    const { api } = await sandboxWith({
      integrations: { statusField: 'status', inProgressReads: 0, failWith: 'Instance inst-b is locked' }
    })
    const { body } = await api('POST', '/integrations/tpl-1/update-integration-instances', { inProgressData: 'delete' })
    expect((await api('GET', `/integrations/status/${body.ticket}`)).body).toEqual({
      status: 'failed',
      progress: 0,
      stepsTotal: 2,
      error: 'Instance inst-b is locked'
    })
  })

  it('refuses a flow that is not a template, an unknown one, a bad inProgressData and an unknown ticket', async () => {
    const { api } = await sandboxWith()
    expect((await api('POST', '/integrations/stop-1/update-integration-instances', { inProgressData: 'keep' })).status).toBe(400)
    expect((await api('POST', '/integrations/nope/update-integration-instances', { inProgressData: 'keep' })).status).toBe(404)
    expect((await api('POST', '/integrations/tpl-1/update-integration-instances', { inProgressData: 'KEEP' })).status).toBe(400)
    expect((await api('GET', '/integrations/status/nope')).status).toBe(404)
  })
})
