/**
 * A slow background stop, on the sandbox's own clock (no real waiting): the stage stays
 * `running` and the status `in-progress` until the stop completes, and a start sent too early
 * is refused, so a client that does not wait for the stop is caught.
 */
import { startSandbox } from '../../sandbox/server.js'
import { makeFlow } from '../../sandbox/seed.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox
afterEach(() => sandbox?.close())

async function api(path: string, body?: object) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: body ? 'POST' : 'GET',
    body: body ? JSON.stringify(body) : undefined,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sandbox.tokenFor()}` }
  })
  return { status: response.status, body: (await response.json()) as any } // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('a slow background stop (stopDurationMs)', () => {
  it('answers at once, stays running and in progress until done, and refuses a start meanwhile', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], stopDurationMs: 3_000 })
    const coordinator = `/flows/${flow.flowId}/coordinator`

    expect(await api(`${coordinator}?background=true`, { command: 'stop' })).toEqual({
      status: 200,
      body: { flowId: flow.flowId, ticket: flow.flowId }
    })
    expect((await api(`/flows/${flow.flowId}?projection=stage`)).body.stage).toBe('running')
    expect((await api(`${coordinator}/status`)).body).toEqual({ status: 'in-progress', stepsTotal: 1, stepsDone: 0 })
    expect(await api(coordinator, { command: 'start' })).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'Flow is being stopped' }
    })
    // A second background stop joins the first: it does not push the end further.
    sandbox.advanceClock(2)
    await api(`${coordinator}?background=true`, { command: 'stop' })
    expect((await api('/flows?projection=stage')).body).toEqual([{ flowId: flow.flowId, stage: 'running' }])

    sandbox.advanceClock(1)
    expect((await api(`${coordinator}/status`)).body).toEqual({ status: 'completed', stepsTotal: 1 })
    expect((await api(`/flows/${flow.flowId}?projection=stage`)).body.stage).toBe('stopped')
    expect((await api(coordinator, { command: 'start' })).status).toBe(200)
    expect(flow.stage).toBe('running')
  })

  it('falls back to coordinatorDelayMs, and a plain stop ends a background one at once', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], coordinatorDelayMs: 60_000, stopDurationMs: undefined })
    expect(sandbox.state.realWorld.stopDurationMs).toBe(60_000)
    await api(`/flows/${flow.flowId}/coordinator?background=true`, { command: 'stop' })
    expect((await api(`/flows/${flow.flowId}/coordinator/status`)).body.status).toBe('in-progress')
    sandbox.state.realWorld.coordinatorDelayMs = 0
    await api(`/flows/${flow.flowId}/coordinator`, { command: 'stop' })
    expect((await api(`/flows/${flow.flowId}/coordinator/status`)).body.status).toBe('completed')
    expect(flow.stage).toBe('stopped')
  })
})
