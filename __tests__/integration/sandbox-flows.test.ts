/**
 * `GET /flows` name lookup with `pattern` (docs/appmixer-api.md §6) and its hostile readings,
 * an account of 50,000 flows (paging, and `GET /flows/:id` through an index), and a latency on
 * every answer that leaves the connection count exact.
 */
import { flowIndexBuilds } from '../../sandbox/flow-index.js'
import { startSandbox } from '../../sandbox/server.js'
import { largeAccount, makeFlow } from '../../sandbox/seed.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox
afterEach(() => sandbox?.close())

async function api(path: string) {
  const response = await fetch(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${sandbox.tokenFor()}` } })
  return { status: response.status, body: (await response.json()) as any } // eslint-disable-line @typescript-eslint/no-explicit-any
}
const names = async (query: string) => (await api(`/flows?${query}`)).body.map((flow: { name: string }) => flow.name)

describe('pattern on GET /flows', () => {
  const flows = [
    makeFlow('Orders sync', 'running', { flowId: 'f1a2b3c4-0000-4000-8000-000000000001' }),
    makeFlow('orders archive', 'stopped', { flowId: 'f1a2b3c4-0000-4000-8000-000000000002' }),
    makeFlow('Invoice Mailer', 'running', { flowId: 'aaaabbbb-0000-4000-8000-000000000003' }),
    makeFlow('Orders sync (copy)', 'running', { flowId: 'aaaabbbb-0000-4000-8000-000000000004' })
  ]

  it('matches a case-sensitive substring of name or flowId, with filter, projection, sort, offset and limit', async () => {
    sandbox = await startSandbox({ flows })
    expect(await names('pattern=Orders&sort=name:1')).toEqual(['Orders sync', 'Orders sync (copy)'])
    expect(await names('pattern=orders')).toEqual(['orders archive'])
    expect(await names('pattern=f1a2b3c4&sort=name:1')).toEqual(['Orders sync', 'orders archive'])
    expect(await names('pattern=000000000003')).toEqual(['Invoice Mailer'])
    expect(await names(`pattern=${encodeURIComponent('sync (')}`)).toEqual(['Orders sync (copy)'])
    expect(await names('pattern=rders&filter=stage:running&sort=name:-1')).toEqual(['Orders sync (copy)', 'Orders sync'])
    expect(await names('pattern=rders&sort=name:1&offset=1&limit=1')).toEqual(['Orders sync (copy)'])
    expect((await api('/flows?pattern=Orders%20sync&projection=name&sort=name:1')).body).toEqual([
      { flowId: flows[0].flowId, name: 'Orders sync' },
      { flowId: flows[3].flowId, name: 'Orders sync (copy)' }
    ])
    expect((await api('/flows/count?pattern=Orders')).body).toEqual({ count: 2 })
  })

  it('can ignore pattern, ignore case, or read it as a regular expression (a bad one is a 400)', async () => {
    sandbox = await startSandbox({ flows, patternMode: 'ignored' })
    expect(await names('pattern=nothing-like-it')).toHaveLength(4)
    sandbox.state.realWorld.patternMode = 'case-insensitive'
    expect(await names('pattern=ORDERS%20S&sort=name:1')).toEqual(['Orders sync', 'Orders sync (copy)'])
    expect(await names('pattern=mailer')).toEqual(['Invoice Mailer'])
    sandbox.state.realWorld.patternMode = 'regex'
    expect(await names(`pattern=${encodeURIComponent('^Orders|Mailer$')}&sort=name:1`)).toEqual([
      'Invoice Mailer',
      'Orders sync',
      'Orders sync (copy)'
    ])
    // Read as a regex, "(copy)" is a group: the parentheses match nothing.
    expect(await names(`pattern=${encodeURIComponent('sync (copy)')}`)).toEqual([])
    const bad = await api(`/flows?pattern=${encodeURIComponent('sync (')}`)
    expect(bad).toEqual({ status: 400, body: expect.objectContaining({ statusCode: 400, error: 'Bad Request' }) })
    expect(bad.body.message).toMatch(/^Invalid pattern: /)
    expect((await api(`/flows/count?pattern=${encodeURIComponent('[')}`)).status).toBe(400)
  })
})

describe('a large account', () => {
  it('builds 50,000 flows with named targets, pages through them, and finds each by id without a scan', async () => {
    const { flows, targets } = largeAccount(50_000, ['Orders sync', 'Invoice mailer', 'Legacy import'])
    expect(flows).toHaveLength(50_000)
    expect(targets.map(flow => flow.name)).toEqual(['Orders sync', 'Invoice mailer', 'Legacy import'])
    expect(new Set(flows.map(flow => flow.flowId)).size).toBe(50_000)
    expect(flows[0].name).toBe('Flow 00001')
    sandbox = await startSandbox({ flows })

    const seen = new Set<string>()
    for (let offset = 0; ; offset += 1_000) {
      const page = (await api(`/flows?sort=flowId:1&offset=${offset}&limit=1000&projection=flowId,name`)).body
      for (const flow of page) seen.add(flow.flowId)
      if (page.length < 1_000) break
    }
    expect(seen.size).toBe(50_000)
    expect((await api('/flows?filter=name:Invoice%20mailer&projection=flowId')).body).toEqual([{ flowId: targets[1].flowId }])

    const builds = flowIndexBuilds(sandbox.state)
    for (let i = 0; i < 50; i++) {
      const flow = flows[i * 997]
      expect((await api(`/flows/${flow.flowId}?projection=name`)).body).toEqual({ flowId: flow.flowId, name: flow.name })
    }
    expect(flowIndexBuilds(sandbox.state)).toBe(Math.max(builds, 1))

    // The index follows the array: a flow added, or removed, is found, or not, at the next lookup.
    const added = makeFlow('Added later')
    sandbox.state.flows.push(added)
    expect((await api(`/flows/${added.flowId}?projection=name`)).body.name).toBe('Added later')
    const [removed] = sandbox.state.flows.splice(0, 1)
    expect((await api(`/flows/${removed.flowId}`)).status).toBe(404)
    expect((await api(`/flows/${sandbox.state.flows[0].flowId}?projection=name`)).body.name).toBe('Flow 00002')
  })
})

describe('latency (latencyMs)', () => {
  it('answers every request, faults too, after the latency, and counts connections exactly', async () => {
    sandbox = await startSandbox({ latencyMs: 60 })
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      expect((await api('/flows')).status).toBe(200)
      expect(performance.now() - started).toBeGreaterThanOrEqual(55)
    }
    sandbox.fault({ path: '/user', status: 502 })
    const started = performance.now()
    expect((await api('/user')).status).toBe(502)
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
    // Requests in parallel need connections of their own: the count is the sockets the requests came on.
    await Promise.all(Array.from({ length: 5 }, () => api('/user')))
    const sockets = new Set(sandbox.requests.map(request => request.socket))
    expect(sandbox.state.connections).toBe(sockets.size)
    expect(sockets.size).toBeGreaterThanOrEqual(5)
    expect(sandbox.requests).toHaveLength(9)
  })
})
