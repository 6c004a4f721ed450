/**
 * The sandbox plays what a real tenant does that a simple stand-in would not
 * (docs/appmixer-api.md §6–§9): each behaviour, behind its option, pinned over HTTP, so the
 * action's tests meet the real thing.
 */
import { startSandbox } from '../../sandbox/server.js'
import { zipSync } from 'fflate'
import { DEMO_USER, OTHER_USER, makeFlow, sharedFlow } from '../../sandbox/seed.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox

afterEach(() => sandbox?.close())

async function api(path: string, init: RequestInit = {}) {
  const response = await fetch(`${sandbox.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sandbox.tokenFor()}` }
  })
  return { status: response.status, body: (await response.json()) as any } // eslint-disable-line @typescript-eslint/no-explicit-any
}

const names = (flows: Array<{ name: string }>) => flows.map(flow => flow.name)

describe('the sandbox as a real tenant', () => {
  it('lists flows shared with the user, and userId:<own id> keeps only their own', async () => {
    sandbox = await startSandbox({
      users: [DEMO_USER, OTHER_USER],
      flows: [makeFlow('Mine'), sharedFlow('Shared'), makeFlow('Private', 'running', { userId: OTHER_USER.id })]
    })
    expect(names((await api('/flows?sort=name:1')).body)).toEqual(['Mine', 'Shared'])
    expect(names((await api(`/flows?filter=userId:${DEMO_USER.id}`)).body)).toEqual(['Mine'])
    expect((await api('/flows/count')).body).toEqual({ count: 2 })
  })

  it('has templates and instances that share one name, told apart by type', async () => {
    sandbox = await startSandbox({
      flows: [makeFlow('Sync', 'stopped', { type: 'integration-template' }), makeFlow('Sync', 'running', { type: 'integration-instance' })]
    })
    const instances = (await api('/flows?filter=type:integration-instance')).body
    expect(instances).toHaveLength(1)
    expect(instances[0]).toMatchObject({ name: 'Sync', stage: 'running' })
  })

  it('filters with operators and nested fields', async () => {
    sandbox = await startSandbox({
      flows: [
        makeFlow('Orders sync', 'running', { customFields: { env: 'production' } }),
        makeFlow('Orders test', 'stopped', { customFields: { env: 'staging' } }),
        makeFlow('Invoices', 'running', { customFields: { env: 'production' } })
      ]
    })
    const query = (filters: string[]) => api(`/flows?sort=name:1&${filters.map(f => `filter=${encodeURIComponent(f)}`).join('&')}`)
    expect(names((await query(['customFields.env:production'])).body)).toEqual(['Invoices', 'Orders sync'])
    expect(names((await query(['name:^Orders'])).body)).toEqual(['Orders sync', 'Orders test'])
    expect(names((await query(['name:$sync'])).body)).toEqual(['Orders sync'])
    expect(names((await query(['name:~VOICE'])).body)).toEqual(['Invoices'])
    expect(names((await query(['stage:!running'])).body)).toEqual(['Orders test'])
    expect(names((await query(['name:>Orders s'])).body)).toEqual(['Orders sync', 'Orders test'])
  })

  it('pages in an unstable order without a sort, and a stable one with it', async () => {
    const flows = Array.from({ length: 60 }, (_, i) => makeFlow(`Flow ${String(i).padStart(2, '0')}`))
    sandbox = await startSandbox({ flows, unstableOrder: true })
    const unsorted = await Promise.all([0, 1, 2, 3].map(() => api('/flows?limit=60')))
    expect(new Set(unsorted.map(({ body }) => names(body).join()))).not.toHaveProperty('size', 1)
    const pages = [(await api('/flows?sort=flowId:1&offset=0&limit=30')).body, (await api('/flows?sort=flowId:1&offset=30&limit=30')).body]
    expect(new Set(pages.flat().map((flow: { flowId: string }) => flow.flowId)).size).toBe(60)
  })

  it('can ignore offset and limit, as a broken server would', async () => {
    sandbox = await startSandbox({ flows: Array.from({ length: 150 }, (_, i) => makeFlow(`Flow ${i}`)), ignorePaging: true })
    const [first, second] = [(await api('/flows?offset=0&limit=10')).body, (await api('/flows?offset=100&limit=10')).body]
    expect(first).toHaveLength(150)
    expect(names(second)).toEqual(names(first))
  })

  it('answers a command when it is done, slowly; a background stop at once, with a status to follow', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], coordinatorDelayMs: 300 })
    const started = performance.now()
    const stop = await api(`/flows/${flow.flowId}/coordinator?background=true`, {
      method: 'POST',
      body: JSON.stringify({ command: 'stop' })
    })
    expect(performance.now() - started).toBeLessThan(250)
    expect(stop.body).toEqual({ flowId: flow.flowId, ticket: flow.flowId })
    expect((await api(`/flows/${flow.flowId}/coordinator/status`)).body).toMatchObject({ status: 'in-progress' })
    await new Promise(resolve => setTimeout(resolve, 350))
    expect((await api(`/flows/${flow.flowId}/coordinator/status`)).body).toEqual({ status: 'completed', stepsTotal: 1 })
    expect((await api(`/flows/${flow.flowId}?projection=stage`)).body.stage).toBe('stopped')
    const slow = performance.now()
    await api(`/flows/${flow.flowId}/coordinator`, { method: 'POST', body: JSON.stringify({ command: 'start' }) })
    expect(performance.now() - slow).toBeGreaterThanOrEqual(290)
  })

  it('refuses a start with a Boom 400 that carries details', async () => {
    const flow = makeFlow('Orders sync', 'stopped', {
      startError: {
        message: 'Component transformation validation error',
        details: [{ componentId: 'c1', error: 'Malformed transformation' }]
      }
    })
    sandbox = await startSandbox({ flows: [flow] })
    const { status, body } = await api(`/flows/${flow.flowId}/coordinator`, { method: 'POST', body: JSON.stringify({ command: 'start' }) })
    expect(status).toBe(400)
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Component transformation validation error',
      details: [{ componentId: 'c1', error: 'Malformed transformation' }]
    })
  })

  it('answers a transient 502 from the gateway, then the real answer', async () => {
    sandbox = await startSandbox()
    sandbox.fault({ path: '/flows', status: 502, times: 1 })
    expect((await api('/flows')).status).toBe(502)
    expect((await api('/flows')).status).toBe(200)
  })

  it('can answer logs as raw Elasticsearch hits, with the level in level', async () => {
    const flow = makeFlow('Orders sync')
    const logs = [{ severity: 'error', flowId: flow.flowId, gridTimestamp: '2026-11-28T09:50:00.000Z', msg: 'a' }]
    sandbox = await startSandbox({ flows: [flow], logs, rawLogHits: true })
    const { body } = await api(`/logs?flowId=${flow.flowId}&query=${encodeURIComponent('severity:error')}`)
    expect(body.hits).toEqual([
      { _index: 'appmixer-2026', _id: 'hit-0', _source: expect.objectContaining({ level: 'error', flowId: flow.flowId }) }
    ])
    expect(body.hits[0]._source).not.toHaveProperty('severity')
  })

  it('tells its name, version and URL at GET / without a token', async () => {
    sandbox = await startSandbox()
    const response = await fetch(`${sandbox.url}/`)
    expect(await response.json()).toEqual({ name: 'appmixer-sandbox', version: '6.4.0-sandbox', url: sandbox.url })
  })

  it('takes a connector zip at POST /components, refuses anything else, and reports validation on the ticket', async () => {
    sandbox = await startSandbox({ publishing: { readsUntilFinished: 2 } })
    const upload = (body: Uint8Array | string, contentType = 'application/octet-stream') =>
      fetch(`${sandbox.url}/components`, {
        method: 'POST',
        body,
        headers: { 'content-type': contentType, authorization: `Bearer ${sandbox.tokenFor()}` }
      }).then(async response => ({ status: response.status, body: (await response.json()) as any })) // eslint-disable-line @typescript-eslint/no-explicit-any
    expect((await upload('{}', 'application/json')).status).toBe(400)
    expect((await upload('not a zip')).body.message).toBe('The upload is not a zip file')
    const manifest = (fields: object) => new TextEncoder().encode(JSON.stringify(fields))
    const good = await upload(zipSync({ 'acme/crm/service.json': manifest({ name: 'acme.crm', label: 'CRM', description: 'd' }) }))
    expect(good.status).toBe(200)
    expect((await api(`/components/uploader/${good.body.ticket}`)).body).toEqual({})
    expect((await api(`/components/uploader/${good.body.ticket}`)).body).toEqual({ finished: expect.any(String) })
    const bad = await upload(zipSync({ 'acme/crm/service.json': manifest({ name: 'acme.crm' }) }))
    await api(`/components/uploader/${bad.body.ticket}`)
    const refused = (await api(`/components/uploader/${bad.body.ticket}`)).body
    expect(refused).toMatchObject({ finished: expect.any(String), err: 'Invalid schema for acme/crm/service.json' })
    expect(refused.data.map((error: { message: string }) => error.message)).toEqual([
      "should have required property 'label'",
      "should have required property 'description'"
    ])
    expect(sandbox.state.uploads.get(good.body.ticket)!.entries['acme/crm/service.json']).toBeDefined()
  })
})
